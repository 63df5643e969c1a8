import type { ProjectDocument, StoredResult } from '../../../../src/shared/project-schema'
import type { ReportContext } from '../../../../src/shared/report/model'
import type { HistoryEntry } from '../../../../src/shared/results/result-schema'
import { STEPS } from '../../../../src/shared/steps-catalog'
import { explainTag } from '../../../../src/shared/checks/optimize-catalog'
import { FIRST_ITEM, SECOND_ITEM, sampleDocument } from '../../../support/project-fixtures'

/** A project for the parity, optimize, teardown, checklist and glossary sections' tests. */

export const SECRET_URL = 'postgres://u:secret@h/db'
export const LONG_NOTE = `Long note. ${'x'.repeat(10_000)}`

export const ctxOf = (document: ProjectDocument): ReportContext => ({
  document,
  steps: STEPS,
  now: new Date('2026-12-01T10:00:00Z'),
  appVersion: '0.1.0',
  author: 'Amina',
  locale: 'en-GB',
  timeZone: 'Africa/Nairobi',
})

const DAY = 86_400_000
/** The `n` UTC days before 2026-12-01, newest first. */
const daysBefore = (n: number): string[] =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse('2026-12-01T00:00:00Z') - (i + 1) * DAY).toISOString().slice(0, 10),
  )

const entry = (day: string, green: boolean, differences: number): HistoryEntry => ({
  ranAt: `${day}T02:00:00.000Z`,
  verdict: green ? 'pass' : 'fail',
  summary: '',
  partial: false,
  figures: { differences },
})

const base = (id: string, title: string, verdict: StoredResult['verdict'], ranAt: string) => ({
  id,
  itemId: 'parity.x',
  title,
  verdict,
  summary: `${title} ran.`,
  ranAt,
  durationMs: 1,
  endpoints: [],
  partial: null,
})

const sides = {
  old: { label: 'couch2pg', endpoint: 'couch2pg' as const, relation: null },
  new: { label: 'CHT Sync', endpoint: 'chtSync' as const, relation: null },
}

function comparisons(): Record<string, StoredResult> {
  const documents: StoredResult = {
    ...base('parity.documents.medic', 'Documents of medic', 'pass', '2026-12-01T02:00:00.000Z'),
    details: {
      kind: 'comparison',
      mode: 'documents',
      ...sides,
      counts: [],
      differences: [],
      checkpoints: [],
    },
    history: daysBefore(40).map((d) => entry(d, true, 0)),
  }
  const model: StoredResult = {
    ...base(
      'parity.model.contacts',
      'Contacts against contactview_metadata',
      'fail',
      '2026-12-01T03:00:00.000Z',
    ),
    partial: { reason: 'timeout', note: 'stopped' },
    details: {
      kind: 'comparison',
      mode: 'model',
      ...sides,
      counts: [],
      differences: [
        { class: 'missing_in_new', count: 3, samples: [] },
        { class: 'value_conflict', count: 2, samples: [] },
      ],
      checkpoints: [],
    },
    history: daysBefore(10).map((d, i) => entry(d, i < 5, i < 5 ? 0 : 4)),
  }
  const metric: StoredResult = {
    ...base('parity.metric.visits', 'Visits per month', 'warn', '2026-12-01T04:00:00.000Z'),
    details: {
      kind: 'comparison',
      mode: 'metric',
      ...sides,
      counts: Array.from({ length: 20 }, (_, i) => ({
        group: [`2026-${String((i % 12) + 1).padStart(2, '0')}-${i}`],
        old: 100 + i,
        new: i === 7 ? 90 : 100 + i,
      })),
      differences: [
        {
          class: 'value_conflict',
          count: 1,
          samples: [{ key: '2026-08-7', old: 107, new: 90, note: null }],
        },
      ],
      checkpoints: [],
    },
    history: daysBefore(3).map((d) => entry(d, true, 0)),
  }
  return { [documents.id]: documents, [model.id]: model, [metric.id]: metric }
}

function optimizeResults(): Record<string, StoredResult> {
  const indexes: StoredResult = {
    ...base('optimize.indexes', 'indexes', 'warn', '2026-11-30T08:00:00.000Z'),
    summary: 'data_record has no index on saved_timestamp.',
    history: [],
    details: {
      kind: 'check',
      checkId: 'optimize.indexes',
      evidence: [
        {
          type: 'measure',
          label: 'rows in data_record',
          value: 2_500_000,
          unit: 'rows',
          limit: { op: '<=', value: 100_000 },
        },
        { type: 'fact', label: 'Missing index', value: 'data_record(saved_timestamp)' },
      ],
      remedy: {
        text: 'Add an index on saved_timestamp in the model config.',
        docUrl: 'https://docs.communityhealthtoolkit.org/hosting/analytics/building-dbt-models/',
      },
      skippedBecause: null,
    },
  }
  const query = { id: 'q1', label: 'District visits', sql: 'SELECT 1' }
  const explain: StoredResult = {
    ...base('optimize.explain', 'explain', 'pass', '2026-11-30T08:00:00.000Z'),
    history: [],
    details: {
      kind: 'check',
      checkId: 'optimize.explain',
      evidence: [
        {
          type: 'measure',
          label: `${explainTag(query)} total cost`,
          value: 1234.5,
          unit: null,
          limit: null,
        },
        {
          type: 'table',
          caption: 'Dashboard queries explained on the CHT Sync database',
          columns: ['query', 'tag', 'how', 'total cost', 'planning ms', 'execution ms', 'rows'],
          rows: [['District visits', explainTag(query), 'EXPLAIN ANALYZE', 1234.5, 0.4, 12.5, 42]],
        },
      ],
      remedy: null,
      skippedBecause: null,
    },
  }
  return { [indexes.id]: indexes, [explain.id]: explain }
}

/** The sample project with parity results and history, optimize results, teardown records, notes. */
export function fullDocument(): ProjectDocument {
  const doc = sampleDocument()
  doc.results = { ...comparisons(), ...optimizeResults() }
  doc.parity = {
    greenDaysRequired: 14,
    models: [
      {
        id: 'contacts',
        title: 'Contacts against contactview_metadata',
        old: { kind: 'relation', schema: 'public', name: 'contactview_metadata' },
        new: { kind: 'relation', schema: 'v1', name: 'contact' },
        keys: [{ old: 'uuid', new: 'uuid' }],
        columns: [],
        nullEqualsNull: true,
      },
    ],
    metrics: [
      {
        id: 'visits',
        title: 'Visits per month',
        oldSql: 'SELECT 1',
        newSql: 'SELECT 1',
        groupColumns: ['month'],
        valueColumn: 'n',
        tolerance: {},
      },
      {
        id: 'deliveries',
        title: 'Deliveries per district',
        oldSql: 'SELECT 1',
        newSql: 'SELECT 1',
        groupColumns: ['district'],
        valueColumn: 'n',
        tolerance: {},
      },
    ],
  }
  doc.checks.explainQueries = [
    { id: 'q1', label: 'District visits', sql: 'SELECT 1' },
    { id: 'q2', label: 'Stock outs', sql: 'SELECT 2' },
  ]
  doc.connections.couch2pg = {
    host: 'db.example.org',
    port: 5432,
    database: 'couch2pg',
    user: 'analyst',
    ssl: 'require',
  }
  doc.teardown = {
    ...doc.teardown,
    deployment: 'compose',
    backup: {
      path: '/backups/couch2pg-2026-11-28.dump',
      format: 'custom',
      database: 'couch2pg',
      sizeBytes: 12_345_678,
      sha256: 'a'.repeat(64),
      entries: 321,
      serverVersion: '16.4',
      toolVersion: '16.4',
      origin: 'made',
      createdAt: '2026-11-28T07:00:00.000Z',
      verifiedAt: '2026-11-28T07:05:00.000Z',
    },
    override: {
      reason: `Ministry deadline; the old server goes on 15 December. ${SECRET_URL}`,
      by: 'Amina Otieno',
      at: '2026-11-29T09:00:00.000Z',
      gates: ['no-reads', 'dashboards'],
    },
    dashboards: [{ id: 'd1', name: 'ANC dashboard', switched: false, by: null, at: null }],
    executions: [
      {
        stage: 'revoke-rename',
        at: '2026-11-30T06:00:00.000Z',
        by: 'amina',
        outcome: 'dry-run',
        message: 'Dry run: 3 statements.',
        roles: [],
      },
    ],
  }
  doc.items = {
    ...doc.items,
    [FIRST_ITEM]: { ...doc.items[FIRST_ITEM]!, note: LONG_NOTE },
    [SECOND_ITEM]: {
      status: 'in_progress',
      note: `Connect with ${SECRET_URL} for now.`,
      evidence: [
        {
          id: 'f1',
          kind: 'file',
          path: '/notes/plan.pdf',
          label: 'Signed plan',
          addedBy: 'joseph',
          addedAt: '2026-11-20T08:00:00.000Z',
        },
      ],
      updatedBy: 'joseph',
      updatedAt: '2026-11-20T08:00:00.000Z',
    },
  }
  return doc
}
