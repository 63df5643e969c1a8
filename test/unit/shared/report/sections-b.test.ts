import { describe, expect, it } from 'vitest'
import type { Block, ReportSection, Span } from '../../../../src/shared/report/model'
import { checklistSection } from '../../../../src/shared/report/sections/checklist'
import { glossarySection } from '../../../../src/shared/report/sections/glossary'
import { optimizeSection } from '../../../../src/shared/report/sections/optimize'
import { paritySection } from '../../../../src/shared/report/sections/parity'
import { teardownSection } from '../../../../src/shared/report/sections/teardown'
import { STEPS } from '../../../../src/shared/steps-catalog'
import { sampleDocument } from '../../../support/project-fixtures'
import { ctxOf, fullDocument, SECRET_URL } from './sections-b-fixtures'

type Built = Omit<ReportSection, 'id' | 'title'>
type Table = Extract<Block, { type: 'table' }>
type Chart = Extract<Block, { type: 'chart' }>

const full = (module: { build: typeof paritySection.build }): Built =>
  module.build(ctxOf(fullDocument()))
const empty = (module: { build: typeof paritySection.build }): Built =>
  module.build(ctxOf(sampleDocument()))

const textOf = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : Array.isArray(value)
        ? value.map(textOf).join(' ')
        : typeof value === 'object' && 'text' in value
          ? String((value as Span).text)
          : Object.values(value as object)
              .map(textOf)
              .join(' ')
const tables = (s: Built): Table[] => s.blocks.filter((b): b is Table => b.type === 'table')
const charts = (s: Built): Chart[] => s.blocks.filter((b): b is Chart => b.type === 'chart')

describe('parity section', () => {
  it('prints the latest run of each comparison with its differences in words', () => {
    const section = full(paritySection)
    expect(section.empty).toBeNull()
    const [latest] = tables(section).filter((t) => t.printed !== false)
    expect(latest!.caption).toMatch(/latest run/)
    expect(latest!.rows.map((r) => r[0])).toEqual([
      'Documents of medic',
      'Contacts against contactview_metadata',
      'Visits per month',
    ])
    const model = latest!.rows[1]!
    expect(model[1]).toBe('Model pair')
    expect(model[2]).toMatchObject({ text: 'Failed', tone: 'bad' })
    expect(model[4]).toBe('missing in CHT Sync: 3; different values: 2')
    expect(model[5]).toBe('Partial: stopped at its time limit')
    expect(latest!.rows[0]![4]).toBe('None')
  })

  it('says the green streak against the days required and what broke it', () => {
    const callout = full(paritySection).blocks.find((b) => b.type === 'callout')!
    const text = textOf(callout)
    expect(text).toContain('Not every comparison run now (3 comparisons) is green yet')
    expect(text).toContain('the 14 days in a row the teardown gate asks for')
    expect(text).toContain('“Contacts against contactview_metadata” did not pass')
    expect(callout).toMatchObject({ tone: 'warn' })
  })

  it('charts the last 30 days and one tile per metric bounded to 12 groups', () => {
    const [trend, tile] = charts(full(paritySection))
    expect(trend!.chart.kind).toBe('parity-trend')
    if (trend!.chart.kind !== 'parity-trend') throw new Error('kind')
    expect(trend!.chart).toMatchObject({ today: '2026-12-01', span: 30 })
    expect(trend!.chart.points).toHaveLength(30)
    expect(trend!.chart.points[0]!.day).toBe('2026-11-02')
    const latest = trend!.chart.points.at(-1)!
    expect(latest).toEqual({ day: '2026-12-01', differences: 6, green: false, runs: 3 })
    expect(trend!.alt).toContain('Latest, 1 December 2026: 6 differences, not all green')
    if (tile!.chart.kind !== 'metric-tile') throw new Error('kind')
    expect(tile!.chart.title).toBe('Visits per month')
    expect(tile!.chart.groups).toHaveLength(12)
    expect(tile!.chart.groups[0]).toEqual({ label: '2026-08-7', couch2pg: 107, chtSync: 90 })
    expect(tile!.alt).toContain('12 of 20 groups shown; 1 differs')
    const notRun = full(paritySection).blocks.find((b) => textOf(b).includes('Not run yet'))
    expect(notRun).toMatchObject({ type: 'paragraph' })
    expect(textOf(notRun)).toContain('Deliveries per district.')
  })

  it('carries every class count in a table for the CSV only', () => {
    const csv = tables(full(paritySection)).find((t) => t.csv === 'parity')!
    expect(csv.printed).toBe(false)
    expect(csv.columns.map((c) => c.key)).toContain('value_conflict')
    const model = csv.rows[1]!
    const at = (key: string) => model[csv.columns.findIndex((c) => c.key === key)]
    expect(at('ran_at')).toBe('2026-12-01T03:00:00.000Z')
    expect(at('partial')).toBe('yes')
    expect(at('missing_in_new')).toBe(3)
    expect(at('total_differences')).toBe(5)
  })

  it('is empty, saying what fills it, when no comparison ran', () => {
    expect(empty(paritySection).empty).toMatch(/Parity step/)
  })
})

describe('optimize section', () => {
  it('gives each check’s verdict, evidence and advice with its CHT page', () => {
    const section = full(optimizeSection)
    const [checks] = tables(section)
    const indexes = checks!.rows.find((r) => String(r[0]).startsWith('Large models are indexed'))!
    expect(indexes[1]).toMatchObject({ text: 'Warning', tone: 'warn' })
    expect(indexes[2]).toBe('30 November 2026 at 11:00')
    const text = textOf(section.blocks)
    expect(text).toContain('rows in data_record: 2,500,000 rows (limit <= 100,000)')
    expect(text).toContain('Add an index on saved_timestamp')
    const facts = section.blocks.find((b) => b.type === 'facts')!
    expect(JSON.stringify(facts)).toContain('"text":"Building dbt models","href"')
    expect(text).not.toMatch(/q[0-9a-f]{8} total cost/)
  })

  it('lists the dashboard queries recorded for EXPLAIN with their figures', () => {
    const explain = tables(full(optimizeSection)).at(-1)!
    expect(explain.rows[0]).toEqual(['District visits', 'EXPLAIN ANALYZE', 1234.5, 0.4, 12.5, 42])
    expect(explain.rows[1]![0]).toBe('Stock outs')
    expect(explain.rows[1]![1]).toMatchObject({ missing: true })
  })

  it('is empty when no optimize check ran and no query is recorded', () => {
    expect(empty(optimizeSection).empty).toMatch(/Optimize step/)
  })
})

describe('teardown section', () => {
  it('judges each gate, in words and toned, with the overall verdict', () => {
    const section = full(teardownSection)
    const [gates] = tables(section)
    expect(gates!.rows).toHaveLength(6)
    const backup = gates!.rows.find((r) => r[0] === 'A verified backup exists')!
    expect(backup[1]).toMatchObject({ text: 'Met', tone: 'good' })
    const parity = gates!.rows.find((r) => r[0] === 'Parity held long enough')!
    expect(parity[2]).toContain('“Contacts against contactview_metadata” not green')
    expect(parity[2]).not.toContain('parity.model.contacts')
    expect(section.blocks[0]).toMatchObject({ type: 'callout', tone: 'bad' })
  })

  it('records the backup, the override, the stage runs and the decommission plan', () => {
    const section = full(teardownSection)
    const text = textOf(section.blocks)
    expect(text).toContain('/backups/couch2pg-2026-11-28.dump')
    expect(text).toContain('12.3 MB')
    expect(text).toContain('Amina Otieno')
    expect(text).toContain('Ministry deadline')
    expect(text).toContain(
      '“Nothing reads the couch2pg database any more” and “Dashboards switched',
    )
    expect(text).toContain('couch2pg_deprecated')
    expect(text).toContain('Docker Compose')
    const runs = tables(section).find((t) => t.caption.startsWith('Database stages'))!
    expect(runs.rows[0]!.slice(0, 4)).toEqual([
      'Revoke access and rename the database',
      '30 November 2026 at 09:00',
      'amina',
      { text: 'Dry run', tone: 'neutral', strong: true },
    ])
  })

  it('is empty when nothing is recorded and no gate is met', () => {
    expect(empty(teardownSection).empty).toMatch(/Teardown step/)
  })
})

describe('checklist appendix', () => {
  it('gives every step and item with guidance, link, status, note, evidence, who and when', () => {
    const section = full(checklistSection)
    const headings = section.blocks.filter((b) => b.type === 'heading')
    expect(headings).toHaveLength(STEPS.length)
    const items = section.blocks.filter((b) => b.type === 'facts')
    expect(items).toHaveLength(STEPS.reduce((n, s) => n + s.items.length, 0))
    const first = STEPS[0]!.items[0]!
    const facts = items[0]!
    if (facts.type !== 'facts') throw new Error('facts')
    const row = (label: string) => facts.rows.find((r) => r.label === label)?.value ?? []
    expect(textOf(row('Item'))).toContain(first.title)
    expect(row('Status')[0]).toMatchObject({ text: 'Done', tone: 'good' })
    expect(row('Guidance')).toContainEqual({ text: first.docTitle, href: first.docUrl })
    expect(textOf(row('Note'))).toMatch(/more characters in the project\)$/)
    expect(textOf(row('Note')).length).toBeLessThan(4_100)
    expect(textOf(row('Evidence'))).toContain('“Minutes of the kick-off meeting”, added by amina')
    expect(textOf(row('Updated'))).toContain('by amina on 1 March 2025')
    const second = items[1]!
    expect(textOf(second)).toContain('file /notes/plan.pdf (Signed plan), added by joseph')
  })

  it('marks items never updated and keeps the guidance on an empty project', () => {
    const section = empty(checklistSection)
    expect(section.empty).toBeNull()
    const untouched = section.blocks.filter((b) => b.type === 'facts')[2]!
    expect(textOf(untouched)).toContain('never updated')
  })
})

describe('glossary and links', () => {
  it('is never empty: terms in the project’s words and each CHT page once', () => {
    const section = empty(glossarySection)
    expect(section.empty).toBeNull()
    const text = textOf(section.blocks)
    for (const term of [
      'CHT Sync',
      'cht-pipeline',
      'document_metadata',
      'CHT Watchdog',
      'Replica dashboard',
      'Stale result',
    ]) {
      expect(text).toContain(term)
    }
    expect(text).toContain('7 days in this project')
    const list = section.blocks.find((b) => b.type === 'list')!
    if (list.type !== 'list') throw new Error('list')
    const urls = list.items.map((i) => i[0]!.href)
    expect(new Set(urls).size).toBe(urls.length)
    expect(urls).toContain(STEPS[0]!.docUrl)
  })
})

describe('every section of this set', () => {
  it('never prints a secret taken from the project', () => {
    const sections = [
      paritySection,
      optimizeSection,
      teardownSection,
      checklistSection,
      glossarySection,
    ]
    const json = JSON.stringify(sections.map(full))
    expect(json).not.toContain('secret')
    expect(json).toContain('postgres://u:•••@h/db')
    expect(SECRET_URL).toContain('secret')
  })
})

describe('bulk and long input', () => {
  it('copes with thousands of rows: tiles bounded, evidence counted, every stage run listed', () => {
    const doc = fullDocument()
    const visits = doc.results['parity.metric.visits']!
    if (visits.details.kind !== 'comparison') throw new Error('kind')
    doc.parity.metrics = Array.from({ length: 100 }, (_, i) => ({
      ...doc.parity.metrics[0]!,
      id: `m${i}`,
      title: `Metric ${i} ${'ሰላም '.repeat(100)}`,
    }))
    for (let i = 0; i < 100; i++) {
      doc.results[`parity.metric.m${i}`] = {
        ...visits,
        id: `parity.metric.m${i}`,
        details: {
          ...visits.details,
          counts: Array.from({ length: 5_000 }, (_, g) => ({
            group: [`g${g}`],
            old: g,
            new: g + 1,
          })),
        },
      }
    }
    const first = Object.keys(doc.items)[0]!
    doc.items[first]!.evidence = Array.from({ length: 200 }, (_, i) => ({
      id: `e${i}`,
      kind: 'text' as const,
      text: `Evidence ${i}`,
      addedBy: 'amina',
      addedAt: '2026-11-01T08:00:00.000Z',
    }))
    doc.teardown.executions = Array.from({ length: 200 }, () => doc.teardown.executions[0]!)
    const started = performance.now()
    const ctx = ctxOf(doc)
    const parity = paritySection.build(ctx)
    const checklist = checklistSection.build(ctx)
    const teardown = teardownSection.build(ctx)
    expect(performance.now() - started).toBeLessThan(3_000)
    const tiles = charts(parity).filter((c) => c.chart.kind === 'metric-tile')
    expect(tiles).toHaveLength(100)
    for (const tile of tiles) {
      if (tile.chart.kind !== 'metric-tile') continue
      expect(tile.chart.groups.length).toBeLessThanOrEqual(12)
      expect(tile.chart.title.length).toBeLessThan(300)
    }
    expect(textOf(checklist.blocks)).toContain('and 190 more entries in the project')
    const runs = tables(teardown).find((t) => t.caption.startsWith('Database stages'))!
    expect(runs.rows).toHaveLength(200)
  })

  it('says when the streak is long enough for the teardown', () => {
    const doc = fullDocument()
    delete doc.results['parity.model.contacts']
    doc.parity.models = []
    doc.parity.greenDaysRequired = 4
    const callout = paritySection.build(ctxOf(doc)).blocks.find((b) => b.type === 'callout')!
    expect(callout).toMatchObject({ tone: 'good' })
    expect(textOf(callout)).toContain('has been green for 4 consecutive days')
  })
})
