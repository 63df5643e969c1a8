import { describe, expect, it } from 'vitest'
import { CHECKS } from '../../../../src/shared/checks/check-catalog'
import { projectDocumentSchema, type ProjectDocument } from '../../../../src/shared/project-schema'
import type { Block, Span } from '../../../../src/shared/report/model'
import { checksSection } from '../../../../src/shared/report/sections/checks'
import { planSection } from '../../../../src/shared/report/sections/plan'
import { signoffSection } from '../../../../src/shared/report/sections/signoff'
import { summarySection } from '../../../../src/shared/report/sections/summary'
import { STEPS } from '../../../../src/shared/steps-catalog'
import { sampleDocument } from '../../../support/project-fixtures'
import {
  approval,
  ctxOf,
  decision,
  fullDocument,
  inventoryObjects,
  inventoryResult,
  REMEDY_URL,
  tableOf,
  textOf,
} from './sections-a-fixtures'

const build = (module: typeof summarySection, doc: ProjectDocument) => module.build(ctxOf(doc))
const cellText = (cell: unknown): string =>
  cell === null ? '' : typeof cell === 'object' ? (cell as Span).text : String(cell)

describe('report sections: summary, plan, checks, sign-off', () => {
  it('builds from a project the schema accepts', () => {
    expect(() => projectDocumentSchema.parse(fullDocument())).not.toThrow()
  })

  describe('executive summary', () => {
    it('gives the verdict, the seven steps with gate, checks and sign-off', () => {
      const doc = fullDocument()
      doc.checks.gateOverrides.production = {
        reason: 'Accepted',
        by: 'Baraka',
        at: '2026-11-25T09:00:00.000Z',
      }
      const section = build(summarySection, doc)
      expect(section.empty).toBeNull()
      const verdict = section.blocks[0]
      expect(verdict).toMatchObject({ type: 'callout', tone: 'bad' })
      expect(textOf(verdict)).toContain('Blocked: 1 check failed')
      const steps = tableOf(section.blocks, 'The seven steps')
      expect(steps.rows).toHaveLength(7)
      const [plan, setup, production] = steps.rows
      expect(cellText(plan![0])).toBe('1. Plan the migration')
      expect(cellText(plan![4])).toBe(
        'Approved by Grace Mwangi (Programme manager), 20 November 2026',
      )
      expect(setup![2]).toMatchObject({ tone: 'bad' })
      expect(cellText(setup![2])).toMatch(/^Held by \d+ things$/)
      expect(cellText(setup![3])).toContain('1 passed, 1 warned, 1 failed')
      expect(cellText(setup![4])).toBe('Not signed off')
      expect(cellText(production![2])).toBe('Overridden by Baraka, 25 November 2026')
      expect(textOf(section.blocks)).toContain('Reason given: Accepted')
      expect(textOf(section.blocks)).not.toContain('setup.env-file')
    })

    it('lists failed checks first among at most 15 blockers, and a next action per step', () => {
      const section = build(summarySection, fullDocument())
      const list = section.blocks.find(
        (b): b is Extract<Block, { type: 'list' }> => b.type === 'list',
      )!
      expect(list.items).toHaveLength(16)
      expect(textOf(list.items[0])).toContain('Every database in COUCHDB_DBS exists on CouchDB')
      expect(textOf(list.items[15])).toMatch(/and \d+ more blockers/)
      const next = section.blocks.find(
        (b): b is Extract<Block, { type: 'list' }> => b.type === 'list' && b.ordered === true,
      )!
      expect(next.items).toHaveLength(7)
      const firstOpen = STEPS[0]!.items[1]!
      expect(next.items[0]!.map((s) => s.text).join('')).toContain(firstOpen.title)
      expect(next.items[0]!.some((s) => s.href === firstOpen.docUrl)).toBe(true)
    })

    it('says what fills it in an empty project, still showing the steps', () => {
      const section = build(summarySection, sampleDocument({ items: {} }))
      expect(section.empty).toMatch(/Nothing is recorded/)
      expect(tableOf(section.blocks, 'The seven steps').rows).toHaveLength(7)
    })
  })

  describe('plan', () => {
    it('prints the objects to migrate in the suggested order, then the decided and undecided rest', () => {
      const section = build(planSection, fullDocument())
      expect(section.empty).toBeNull()
      const order = tableOf(section.blocks, 'Objects to migrate')
      expect(order.rows.map((r) => cellText(r[1]))).toEqual([
        'formview_pregnancy',
        'useview_visits',
        'get_summary',
        'old_report',
      ])
      const [first, second, third, fourth] = order.rows
      expect(first!.map(cellText)).toEqual([
        '1',
        'formview_pregnancy',
        'View',
        'Medium',
        'Rebuild',
        'pregnancy_visits',
        'Wanjiru',
        '15 Jan 2027',
      ])
      expect(second![7]).toBeNull()
      expect(cellText(third![4])).toBe('Retire')
      expect(fourth![4]).toMatchObject({ text: 'Undecided', tone: 'warn' })
      expect(fourth![6]).toBeNull()
      const text = textOf(section.blocks)
      expect(text).toContain('was inventoried on 28 November 2026')
      expect(text).toContain('db.example.org:5432/couch2pg')
      expect(tableOf(section.blocks, 'Decisions about objects no longer found').rows[0]![0]).toBe(
        'dropped_view',
      )
      const byDecision = tableOf(section.blocks, 'Objects by decision')
      expect(byDecision.rows.map((r) => r[1])).toEqual([1, 1, 1, 2])
      expect(tableOf(section.blocks, 'CouchDB databases').rows[0]).toEqual([
        'medic',
        204_311,
        12,
        '2.4 GB',
      ])
      expect(text).toContain('4.11.0')
    })

    it('carries every object with every column in the inventory CSV table, not printed', () => {
      const section = build(planSection, fullDocument())
      const csv = tableOf(section.blocks, 'Every object')
      expect(csv).toMatchObject({ csv: 'inventory', printed: false })
      expect(csv.rows).toHaveLength(inventoryObjects().length)
      const keys = csv.columns.map((c) => c.key)
      for (const key of [
        'key',
        'schema',
        'name',
        'kind',
        'origin',
        'sizeBytes',
        'rows',
        'complexity',
        'decision',
        'due',
      ]) {
        expect(keys).toContain(key)
      }
      const pregnancy = csv.rows.find((r) => r[0] === 'view:public.formview_pregnancy')!
      expect(pregnancy[keys.indexOf('due')]).toBe('2027-01-15')
      expect(pregnancy[keys.indexOf('decisionOwner')]).toBe('Wanjiru')
    })

    it('says what fills it when nothing was inventoried or decided', () => {
      const section = build(planSection, sampleDocument())
      expect(section.empty).toMatch(/run the inventory on the Plan step/)
      expect(tableOf(section.blocks, 'Every object').rows).toEqual([])
    })

    it('copes with thousands of objects', () => {
      const objects = Array.from({ length: 3_000 }, (_, i) => ({
        ...inventoryObjects()[1]!,
        key: `view:public.v${i}`,
        name: `v${i}`,
      }))
      const doc = sampleDocument({ results: { 'inventory.couch2pg': inventoryResult(objects) } })
      const started = performance.now()
      const section = build(planSection, doc)
      expect(performance.now() - started).toBeLessThan(2_000)
      expect(tableOf(section.blocks, 'Objects to migrate').rows).toHaveLength(3_000)
    })
  })

  describe('checks', () => {
    it('groups checks by step with verdict, time, staleness, evidence and remedy', () => {
      const section = build(checksSection, fullDocument())
      expect(section.empty).toBeNull()
      const headings = section.blocks.filter((b) => b.type === 'heading').map((b) => textOf(b))
      expect(headings[0]).toContain('Step 2. Set up CHT Sync locally')
      const table = tableOf(section.blocks, 'Checks of step 2')
      expect(table.rows).toHaveLength(3)
      const failed = table.rows.find(
        (r) => r[0] === 'Every database in COUCHDB_DBS exists on CouchDB',
      )!
      expect(failed[1]).toMatchObject({ text: 'Failed', tone: 'bad' })
      expect(failed[2]).toBe('30 November 2026 at 11:00')
      expect(failed[3]).toMatchObject({ text: 'Current' })
      const warned = table.rows.find((r) => r[0] === 'DATAEMON_INTERVAL is in seconds')!
      expect(warned[3]).toMatchObject({ text: 'Stale: 10 days old', tone: 'warn' })
      const text = textOf(section.blocks)
      expect(text).toContain('Rename medic_sentinel to medic-sentinel in COUCHDB_DBS')
      expect(text).toContain('docker compose restart')
      expect(text).not.toContain('```')
      expect(
        section.blocks.some(
          (b) => b.type === 'paragraph' && b.spans.some((s) => s.href === REMEDY_URL),
        ),
      ).toBe(true)
      expect(text).toContain('CHT Sync environment variables')
      expect(text).toContain('1 databases (limit: exactly 0 databases)')
      expect(text).toContain('medic,medic_sentinel')
      expect(text).toContain('(set in .env, line 4)')
      expect(text).toContain('Of 3 checks run: 1 passed, 1 warned, 1 failed.')
      const evidence = tableOf(section.blocks, 'Databases named')
      expect(evidence.caption).toContain('the first 30 of 45 rows')
      expect(evidence.rows).toHaveLength(30)
      expect(evidence.rows[0]).toEqual(['db_0', 'yes', 0])
      expect(text).toMatch(/Never run: “Required settings|Never run: “The CHT Sync configuration/)
      expect(text).toContain('None of its')
    })

    it('carries every check in the checks CSV table, run or not', () => {
      const section = build(checksSection, fullDocument())
      const csv = tableOf(section.blocks, 'Every check')
      expect(csv).toMatchObject({ csv: 'checks', printed: false })
      expect(csv.rows).toHaveLength(CHECKS.length)
      const keys = csv.columns.map((c) => c.key)
      expect(keys).toEqual([
        'step',
        'check',
        'verdict',
        'ranAt',
        'stale',
        'summary',
        'remedy',
        'docLink',
      ])
      const failed = csv.rows.find(
        (r) => r[1] === 'Every database in COUCHDB_DBS exists on CouchDB',
      )!
      expect(failed[0]).toBe('2. Set up CHT Sync locally')
      expect(failed[4]).toBe('no')
      expect(failed[2]).toBe('Failed')
      expect(failed[3]).toBe('2026-11-30T08:00:00.000Z')
      expect(failed[7]).toBe(REMEDY_URL)
    })

    it('says what fills it when no check ran', () => {
      const section = build(checksSection, sampleDocument())
      expect(section.empty).toMatch(/No check has run yet/)
      expect(tableOf(section.blocks, 'Every check').rows).toHaveLength(CHECKS.length)
    })
  })

  describe('sign-off', () => {
    it('prints approvals, warns of changes since, and leaves blank lines elsewhere', () => {
      const doc = fullDocument()
      doc.items[STEPS[0]!.items[2]!.id] = {
        status: 'done',
        note: '',
        evidence: [],
        updatedBy: 'amina',
        updatedAt: '2026-11-22T09:00:00.000Z',
      }
      const section = build(signoffSection, doc)
      expect(section.empty).toBeNull()
      const signatures = section.blocks.filter(
        (b): b is Extract<Block, { type: 'signatures' }> => b.type === 'signatures',
      )
      expect(signatures).toHaveLength(7)
      expect(signatures[0]!.lines).toEqual([
        {
          name: 'Grace Mwangi',
          role: 'Programme manager',
          date: '20 November 2026',
          note: 'Agreed.',
        },
      ])
      expect(signatures[1]!.lines).toEqual([
        { name: null, role: null, date: null, note: null },
        { name: null, role: null, date: null, note: null },
      ])
      const callout = section.blocks.find((b) => b.type === 'callout')
      expect(callout).toMatchObject({ tone: 'warn' })
      expect(textOf(callout)).toContain(STEPS[0]!.items[2]!.title)
      expect(section.intro).toContain('recorded in the wizard on each step page')
    })

    it('says what fills it when nobody approved', () => {
      const section = build(signoffSection, sampleDocument())
      expect(section.empty).toMatch(/No approval is recorded yet/)
      expect(section.blocks.filter((b) => b.type === 'signatures')).toHaveLength(7)
    })
  })

  describe('bad input', () => {
    const SECRET = 'postgres://u:secret@h/db'

    it('clips 10,000-character notes and names', () => {
      const doc = fullDocument()
      const long = 'x'.repeat(10_000)
      doc.signoff.setup = [approval(long, 'Lead', '2026-11-21T09:00:00.000Z', long)]
      doc.inventory.decisions['view:public.old_report'] = decision('rebuild', {
        owner: long,
        note: long,
      })
      for (const module of [summarySection, planSection, signoffSection]) {
        const text = textOf(build(module, doc))
        expect(text).not.toContain('x'.repeat(700))
        expect(text).toContain('more characters in the project')
      }
    })

    it('never prints a password pasted into the project', () => {
      const doc = fullDocument()
      doc.signoff.setup = [approval('Baraka', 'Lead', '2026-11-21T09:00:00.000Z', `Use ${SECRET}`)]
      doc.inventory.decisions['view:public.old_report'] = decision('rebuild', {
        note: SECRET,
        owner: SECRET,
      })
      doc.checks.gateOverrides.setup = {
        reason: `see ${SECRET}`,
        by: 'Baraka',
        at: '2026-11-25T09:00:00.000Z',
      }
      doc.results['setup.env-databases']!.summary = `Could not read ${SECRET}`
      for (const module of [summarySection, planSection, checksSection, signoffSection]) {
        const text = textOf(build(module, doc))
        expect(text).not.toContain('secret')
      }
    })
  })
})
