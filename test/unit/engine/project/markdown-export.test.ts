import { describe, expect, it } from 'vitest'
import {
  redactSecrets,
  renderProjectMarkdown,
} from '../../../../src/main/engine/project/markdown-export'
import type { StoredResult } from '../../../../src/shared/project-schema'
import type { ConnectionDetails } from '../../../../src/shared/results/connection-result'
import { redactSecrets as sharedRedactSecrets } from '../../../../src/shared/redact'
import { STEPS } from '../../../../src/shared/steps-catalog'
import { FIRST_ITEM, SECOND_ITEM, sampleDocument } from '../../../support/project-fixtures'

const exportedAt = new Date('2025-06-10T00:00:00.000Z')
const result = (overrides: Partial<StoredResult> & { target?: string }): StoredResult => {
  const { target, ...rest } = overrides
  return {
    id: 'plan.versions',
    itemId: FIRST_ITEM,
    title: 'Versions',
    verdict: 'pass',
    summary: 'PostgreSQL 16.4, CouchDB 3.3.3',
    ranAt: '2025-06-09T08:00:00.000Z',
    durationMs: 30,
    endpoints: [
      { endpoint: 'chtSync', target: target ?? 'postgres://cht_sync@db.example.org:5432/cht' },
    ],
    partial: null,
    details: {
      kind: 'check',
      checkId: 'plan.versions',
      evidence: [
        { type: 'measure', label: 'rows', value: 1200, unit: null, limit: null },
        { type: 'setting', source: '.env', key: 'POSTGRES_PASSWORD', value: '•••', line: 3 },
      ],
      remedy: { text: 'Upgrade PostgreSQL to 13 or later.', docUrl: null },
      skippedBecause: null,
    },
    history: [
      {
        ranAt: '2025-06-08T08:00:00.000Z',
        verdict: 'fail',
        summary: 'x',
        partial: false,
        figures: {},
      },
    ],
    ...rest,
  }
}

describe('renderProjectMarkdown', () => {
  const firstStep = STEPS[0]!

  it('summarises each step with its completion and each item with status, note and evidence', () => {
    const doc = sampleDocument()
    doc.items[SECOND_ITEM] = {
      status: 'not_applicable',
      note: 'We have no\nsecond server',
      evidence: [
        {
          id: 'f1',
          kind: 'file',
          path: '/home/amina/inventory.csv',
          label: 'Inventory',
          addedBy: 'amina',
          addedAt: '2025-03-01T11:00:00.000Z',
        },
      ],
      updatedBy: 'brian',
      updatedAt: '2025-03-02T09:00:00.000Z',
    }
    const md = renderProjectMarkdown(doc, STEPS, { exportedAt, appVersion: '0.1.0' })
    expect(md).toMatch(/^# Kenya CHT Sync migration\n/)
    expect(md).toContain('Exported: 2025-06-10T00:00:00.000Z by cht-migrate 0.1.0')
    expect(md).toContain(`## 1. ${firstStep.title}`)
    expect(md).toContain(`2 of ${firstStep.items.length} items done or not applicable.`)
    expect(md).toContain(`### [x] ${firstStep.items[0]!.title} (\`${FIRST_ITEM}\`)`)
    expect(md).toContain('Status: Done · updated by amina on 2025-03-01T10:00:00.000Z')
    expect(md).toContain('> Agreed with the data team on 1 March.')
    expect(md).toContain('> We have no\n> second server')
    expect(md).toContain(
      '- Minutes of the kick-off meeting (added by amina on 2025-03-01T10:00:00.000Z)',
    )
    expect(md).toContain('- File: Inventory: `/home/amina/inventory.csv`')
    expect(md).toContain(`### [ ] ${STEPS[1]!.items[0]!.title}`)
    expect(md).toContain('Status: To do')
    for (const step of STEPS) expect(md).toContain(`## ${step.number}. ${step.title}`)
  })

  it('says where each step’s gate stands: held by what, or overridden by whom and why', () => {
    const doc = sampleDocument()
    doc.checks.gateOverrides.monitor = {
      reason: 'Watchdog is run by the ministry',
      by: 'Amina',
      at: '2026-12-01T10:00:00.000Z',
    }
    const md = renderProjectMarkdown(doc, STEPS, { exportedAt, appVersion: '0.1.0' })
    expect(md).toMatch(
      /## 2\. Set up CHT Sync locally\n\n\d+ of 9 items done or not applicable\.\nGate: held by \d+ \(/,
    )
    expect(md).toContain(
      'Gate: overridden by Amina on 2026-12-01T10:00:00.000Z (“Watchdog is run by the ministry”)',
    )
    expect(md).toMatch(/Checks: 0 passed, 0 warned, 0 failed or could not run, \d+ not run\./)
  })

  it('lists check results with time, endpoint and verdict, marking stale ones', () => {
    const doc = sampleDocument({
      results: {
        fresh: result({}),
        old: result({
          id: 'old',
          title: 'Old check',
          partial: { reason: 'cancelled', note: 'Stopped by the user.' },
          verdict: 'fail',
          ranAt: '2025-05-01T00:00:00Z',
        }),
      },
    })
    const md = renderProjectMarkdown(doc, STEPS, { exportedAt, appVersion: '0.1.0' })
    expect(md).toContain(
      '- **PASS** Versions: ran 2025-06-09T08:00:00.000Z against postgres://cht_sync@db.example.org:5432/cht\n',
    )
    expect(md).toMatch(
      /\*\*FAIL\*\* Old check: ran 2025-05-01T00:00:00Z .*\(stale\) \(partial: cancelled\)/,
    )
    // The typed details, in words: what was measured, what to do, how earlier runs went.
    expect(md).toContain('  - rows: 1,200')
    expect(md).toContain('  - POSTGRES_PASSWORD: ••• (.env, line 3)')
    expect(md).toContain('  - What to do: Upgrade PostgreSQL to 13 or later.')
    expect(md).toContain('  - Earlier runs: 1 (latest first: fail)')
  })

  it('masks credentials pasted into free text and neutralises raw HTML', () => {
    const doc = sampleDocument()
    doc.items[FIRST_ITEM]!.note =
      'Use postgres://admin:s3cr3t@db:5432/cht, or PGPASSWORD; password=s3cr3t <script>x</script>'
    doc.results = { r: result({ target: 'https://medic:s3cr3t@cht.example.org' }) }
    const md = renderProjectMarkdown(doc, STEPS, { exportedAt, appVersion: '0.1.0' })
    expect(md).not.toContain('s3cr3t')
    expect(md).toContain('postgres://admin:•••@db:5432/cht')
    expect(md).toContain('https://medic:•••@cht.example.org')
    expect(md).not.toContain('<script>')
  })

  it('keeps items and results whose id this checklist no longer has', () => {
    const doc = sampleDocument()
    doc.items['plan.retired-item'] = { ...doc.items[FIRST_ITEM]!, note: 'Old note' }
    doc.results = { r: result({ itemId: 'parity.retired-check' }) }
    const md = renderProjectMarkdown(doc, STEPS, { exportedAt, appVersion: '0.1.0' })
    expect(md).toContain("## Items not in this version's checklist")
    expect(md).toContain('(`plan.retired-item`)')
    expect(md).toContain('(`parity.retired-check`)')
  })
})

describe('the databases each pipeline copies', () => {
  const connection = (
    endpoint: 'couchdb' | 'couch2pg' | 'chtSync',
    facts: ConnectionDetails['facts'],
  ): StoredResult => ({
    id: `connection.${endpoint}`,
    itemId: 'plan.connections',
    title: `Connection to ${endpoint}`,
    verdict: 'pass',
    summary: 'Connected.',
    ranAt: '2025-06-09T08:00:00.000Z',
    durationMs: 30,
    endpoints: [{ endpoint, target: 'somewhere' }],
    partial: null,
    details: {
      kind: 'connection',
      endpoint,
      ok: true,
      durationMs: 30,
      serverLabel: 'PostgreSQL 16.4',
      facts,
      error: null,
      legacyFacts: [],
    },
    history: [],
  })
  const server = { version: '16.4', database: 'cht', user: 'reader' }
  const progress = (source: string, database: string, seq: string, pending: number | null) => ({
    source,
    database,
    seq,
    pending,
    updatedAt: null,
  })

  it('are a table under the connections item, with the gaps, and warn on the PG result', () => {
    const doc = sampleDocument()
    doc.results = {
      'connection.couchdb': connection('couchdb', {
        endpoint: 'couchdb',
        vendor: 'couchdb',
        version: '3.3.3',
        chtVersion: null,
        signedInAs: null,
        anonymous: false,
        databases: [
          { name: 'medic', state: 'present', docCount: 20_431, deletedCount: 12, httpStatus: null },
          {
            name: 'medic-sentinel',
            state: 'present',
            docCount: 9,
            deletedCount: 0,
            httpStatus: null,
          },
        ],
      }),
      'connection.couch2pg': connection('couch2pg', {
        endpoint: 'couch2pg',
        server,
        schema: 'public',
        release: '3.6 or later',
        releaseFrom: 'tables',
        migrations: [],
        tables: [],
        progress: {
          table: true,
          sources: ['couchdb:5984/medic', 'couchdb:5984/medic-sentinel'],
          bySource: [
            progress('couchdb:5984/medic', 'medic', '4711-a', null),
            progress('couchdb:5984/medic-sentinel', 'medic-sentinel', '99-b', null),
          ],
          truncated: false,
        },
      }),
      'connection.chtSync': connection('chtSync', {
        endpoint: 'chtSync',
        server,
        schema: 'v1',
        table: 'couchdb',
        era: 'v2',
        rawRows: 3,
        rawRowsExact: true,
        rawSplit: { live: 2, deleted: 1, exact: true },
        progress: {
          state: 'read',
          sources: 1,
          pending: 0,
          updatedAt: null,
          monitoringColumns: true,
          bySource: [progress('couchdb/medic', 'medic', '4712-a', 0)],
        },
        dataemon: 'v2',
        pipeline: 'v2',
        dbtLastRun: null,
        schemaClash: false,
      }),
    }
    const md = renderProjectMarkdown(doc, STEPS, { exportedAt, appVersion: '0.1.0' })
    expect(md).toContain('Databases each pipeline copies (from the latest connection tests):')
    expect(md).toContain('| Database | CouchDB | couch2pg | CHT Sync |')
    expect(md).toContain(
      '| medic | 20,431 documents | copies (seq 4711) | copies (seq 4712, 0 pending) |',
    )
    expect(md).toContain('| medic-sentinel | 9 documents | copies (seq 99) | does not copy |')
    expect(md).toContain(
      '- Needs attention: couch2pg copies medic-sentinel but CHT Sync does not: add medic-sentinel to COUCHDB_DBS',
    )
    expect(md).toContain('  - Warning: couch2pg copies medic-sentinel but CHT Sync does not')
    expect(md).toContain('couch2pg 3.6 or later (from its tables; no migration tables)')
  })

  it('are left out before any connection was tested', () => {
    const md = renderProjectMarkdown(sampleDocument(), STEPS, { exportedAt, appVersion: '0.1.0' })
    expect(md).not.toContain('Databases each pipeline copies')
  })
})

describe('redactSecrets', () => {
  it.each([
    ['postgres://u:p@h/db', 'postgres://u:•••@h/db'],
    ['token: abc123', 'token: •••'],
    ['PASSWORD="two words"', 'PASSWORD="•••"'],
    ['api_key=xyz', 'api_key=•••'],
    ['https://docs.example.org/a:b', 'https://docs.example.org/a:b'],
    ['the password policy', 'the password policy'],
  ])('%s → %s', (input, output) => {
    expect(redactSecrets(input)).toBe(output)
  })
})

describe('masking in the Markdown export', () => {
  it('is the shared masking, re-exported for existing importers', () => {
    expect(redactSecrets).toBe(sharedRedactSecrets)
  })

  it('exports a project with 1.5 MB of hostile text in a note in well under a second', () => {
    for (const hostile of ['a'.repeat(1_500_000), 'a.'.repeat(750_000), 'x='.repeat(750_000)]) {
      const doc = sampleDocument()
      doc.items[FIRST_ITEM]!.note = `PostgreSQL ${hostile} password=hunter2`
      const started = performance.now()
      const md = renderProjectMarkdown(doc, STEPS, { exportedAt, appVersion: '0.1.0' })
      expect(performance.now() - started).toBeLessThan(1000)
      expect(md).not.toContain('hunter2')
    }
  })
})
