import { emptyCheckSettings } from '../../src/shared/checks/check-settings'
import { emptyInventorySettings } from '../../src/shared/inventory/decisions'
import { emptyTeardownSettings } from '../../src/shared/teardown/teardown-settings'
import { randomUUID } from 'node:crypto'
import {
  CURRENT_SCHEMA_VERSION,
  emptyConnections,
  PROJECT_FORMAT,
  type ProjectDocument,
  type StoredResult,
} from '../../src/shared/project-schema'
import type { InventoryObject } from '../../src/shared/results/inventory-result'
import { withHistory } from '../../src/shared/results/history'
import type { NewResult } from '../../src/shared/results/result-schema'
import { ALL_ITEMS } from '../../src/shared/steps-catalog'

/**
 * A project as big as a long migration makes it, for the size budget (`npm run bench:project`):
 * every checklist item with a note and evidence, an inventory of `objects` couch2pg objects with
 * their SQL and analysis, `checks` check results with `history` earlier runs each, and
 * `comparisons` comparisons with 20 samples per class of difference. Deterministic for a size.
 */
export interface LargeProjectSize {
  objects: number
  checks: number
  history: number
  comparisons: number
}

export const BUDGET_SIZE: LargeProjectSize = {
  objects: 1_000,
  checks: 200,
  history: 30,
  comparisons: 50,
}

const DAY = 86_400_000
const BASE = Date.parse('2026-10-01T06:00:00.000Z')
const at = (ms: number) => new Date(ms).toISOString()
const uuid = (n: number) => `${n.toString(16).padStart(8, '0')}-6f3e-4c51-9a7e-3f1b2c4d5e6f`

function viewSql(n: number): string {
  const form = `form_${n % 40}`
  return [
    `CREATE OR REPLACE VIEW public.formview_${form}_${n} AS`,
    "SELECT doc->>'_id' AS uuid,",
    "       doc->>'form' AS form,",
    "       doc#>>'{contact,_id}' AS chw,",
    "       doc#>>'{contact,parent,_id}' AS area,",
    "       (doc#>>'{fields,inputs,source}') AS source,",
    "       (doc#>>'{fields,patient_id}') AS patient_id,",
    "       (doc#>>'{fields,group_danger_signs,danger_signs}') AS danger_signs,",
    "       to_timestamp((doc->>'reported_date')::bigint / 1000) AS reported",
    '  FROM couchdb',
    ` WHERE doc->>'type' = 'data_record' AND doc->>'form' = '${form}';`,
  ].join('\n')
}

function inventoryObject(n: number): InventoryObject {
  const kind = n % 10 === 0 ? 'materialized_view' : n % 7 === 0 ? 'function' : 'view'
  const name = `formview_form_${n % 40}_${n}`
  return {
    key: `${kind}:public.${name}`,
    schema: 'public',
    name,
    kind,
    owner: 'couch2pg',
    language: kind === 'function' ? 'plpgsql' : null,
    definition: viewSql(n),
    columns: [
      { name: 'uuid', type: 'text' },
      { name: 'reported', type: 'timestamp with time zone' },
    ],
    sizeBytes: kind === 'materialized_view' ? 1_048_576 * (n % 50) : null,
    rows: kind === 'materialized_view' ? 1_000 * n : null,
    dependsOn: [
      'table:public.couchdb',
      ...(n > 10 ? [`view:public.formview_form_${(n - 7) % 40}_${n - 7}`] : []),
    ],
    usedBy: n % 3 === 0 ? [`view:public.useview_dashboard_${n % 12}`] : [],
    origin: {
      origin: n < 30 ? 'couch2pg' : 'custom',
      release: n < 30 ? '3.3.0 or later' : null,
      modified: false,
      note: null,
    },
    unreadable: null,
    usage: {
      seqScans: n,
      idxScans: null,
      calls: null,
      statementCalls: null,
      statements: null,
      lastVacuum: null,
      lastAnalyze: null,
    },
    matview: kind === 'materialized_view' ? { populated: true, uniqueIndex: n % 20 === 0 } : null,
    analysis: {
      jsonPaths: [
        '_id',
        'form',
        'contact._id',
        'contact.parent._id',
        'fields.inputs.source',
        'fields.patient_id',
        'reported_date',
      ],
      filters: [
        { path: 'type', values: ['data_record'] },
        { path: 'form', values: [`form_${n % 40}`] },
      ],
      references: ['public.couchdb'],
      manualReview:
        kind === 'function' ? 'PL/pgSQL body: read it to see which tables it writes.' : null,
      parseError: null,
    },
    mapping: {
      models: ['data_record'],
      forms: [`form_${n % 40}`],
      leftover: 'The form’s fields: a cht_form_model.',
      complexity: n % 5 === 0 ? 'medium' : 'simple',
      reasons: ['Reads 7 JSON paths.'],
    },
  }
}

function checkRun(n: number, ranAt: number, failing: boolean): NewResult {
  return {
    id: `check.${n}`,
    itemId: ALL_ITEMS[n % ALL_ITEMS.length]!.id,
    title: `Check ${n}: CHT Sync's progress is fresh for every source`,
    verdict: failing ? 'warn' : 'pass',
    summary: failing
      ? 'medic-sentinel: the last progress update is 14 minutes old (limit 5 minutes).'
      : 'Every source updated its progress within the last minute.',
    ranAt: at(ranAt),
    durationMs: 180 + (n % 50),
    endpoints: [{ endpoint: 'chtSync', target: 'postgres://reader@db.example.org:5432/cht_sync' }],
    partial: null,
    details: {
      kind: 'check',
      checkId: `check.${n}`,
      evidence: [
        {
          type: 'measure',
          label: 'Oldest progress update',
          value: failing ? 840 : 40,
          unit: 's',
          limit: { op: '<=', value: 300 },
        },
        {
          type: 'measure',
          label: 'Changes pending',
          value: 12 + (n % 9),
          unit: 'changes',
          limit: null,
        },
        {
          type: 'fact',
          label: 'CHT Sync era',
          value: 'CHT Sync 2.x (the raw table has a source column)',
        },
        {
          type: 'setting',
          source: '.env',
          key: 'COUCHDB_DBS',
          value: 'medic,medic-sentinel,medic-users-meta',
          line: 14,
        },
        {
          type: 'table',
          caption: 'Progress per source',
          columns: ['source', 'pending', 'updated'],
          rows: [
            ['couchdb/medic', 4, at(ranAt - 30_000)],
            ['couchdb/medic-sentinel', 8, at(ranAt - (failing ? 840_000 : 40_000))],
            ['couchdb/medic-users-meta', 0, at(ranAt - 20_000)],
          ],
        },
      ],
      remedy: failing
        ? {
            text: 'Check the couch2pg service logs of CHT Sync for errors on medic-sentinel.',
            docUrl: 'https://docs.communityhealthtoolkit.org/hosting/analytics/',
          }
        : null,
      skippedBecause: null,
    },
  }
}

function comparison(n: number): NewResult {
  const classes = [
    'missing_in_new',
    'extra_in_new',
    'stale_in_new',
    'deleted_but_present',
    'value_conflict',
    'in_flight',
  ] as const
  return {
    id: `comparison.${n}`,
    itemId: 'parity.documents',
    title: `Comparison ${n}: formview_form_${n} against data_record`,
    verdict: n % 4 === 0 ? 'fail' : 'pass',
    summary: `${n * 3} differences in 1,204,331 rows.`,
    ranAt: at(BASE + 29 * DAY),
    durationMs: 42_000,
    endpoints: [
      { endpoint: 'couch2pg', target: 'postgres://reader@db.example.org:5432/couch2pg' },
      { endpoint: 'chtSync', target: 'postgres://reader@db.example.org:5432/cht_sync' },
    ],
    partial: null,
    details: {
      kind: 'comparison',
      mode: 'model',
      old: { label: 'couch2pg', endpoint: 'couch2pg', relation: `public.formview_form_${n}` },
      new: { label: 'CHT Sync', endpoint: 'chtSync', relation: 'v1.data_record' },
      counts: Array.from({ length: 24 }, (_, m) => ({
        group: [`form_${n}`, `2025-${String((m % 12) + 1).padStart(2, '0')}`],
        old: 5_000 + m,
        new: 5_000 + m - (m === 3 ? n : 0),
      })),
      differences: classes.map((cls, c) => ({
        class: cls,
        count: n * (c + 1),
        samples: Array.from({ length: 20 }, (_, s) => ({
          key: uuid(n * 1000 + c * 20 + s),
          old: `${s + 1}-8f1c2a9b7e6d5c4b3a2918f7e6d5c4b3`,
          new: cls === 'missing_in_new' ? null : `${s}-1a2b3c4d5e6f708192a3b4c5d6e7f809`,
          note: cls === 'in_flight' ? 'changed after the checkpoint' : null,
        })),
      })),
      checkpoints: [
        {
          pipeline: 'couch2pg',
          database: 'medic',
          seq: '48213-g1AAAAMjeJzLYWBgYMpgTmHgz8tPSTV0MDQy',
          pending: 12,
        },
        {
          pipeline: 'cht-sync',
          database: 'medic',
          seq: '48219-g1AAAAMjeJzLYWBgYMpgTmHgz8tPSTV0MDQy',
          pending: 6,
        },
      ],
    },
  }
}

/** Stores `runs` runs of a result the way the store does: each new one pushes the last into history. */
function withRuns(make: (ranAt: number, i: number) => NewResult, runs: number): StoredResult {
  let stored: StoredResult | undefined
  for (let i = 0; i <= runs; i++) stored = withHistory(make(BASE + i * DAY, i), stored)
  return stored as StoredResult
}

export function largeProject(size: LargeProjectSize = BUDGET_SIZE): ProjectDocument {
  const results: Record<string, StoredResult> = {}
  const inventory: NewResult = {
    id: 'plan.inventory',
    itemId: 'plan.inventory',
    title: 'Inventory of the couch2pg database',
    verdict: 'pass',
    summary: `${size.objects} objects: 30 installed by couch2pg, ${size.objects - 30} added by the deployment.`,
    ranAt: at(BASE + 29 * DAY),
    durationMs: 3_400,
    endpoints: [{ endpoint: 'couch2pg', target: 'postgres://reader@db.example.org:5432/couch2pg' }],
    partial: null,
    details: {
      kind: 'inventory',
      server: {
        version: 'PostgreSQL 13.14',
        database: 'couch2pg',
        statsSince: null,
        statements: 'not-installed',
        trackFunctions: 'none',
      },
      couch2pg: { found: true, release: '3.7.0 or later', migrationTables: true, note: null },
      objects: Array.from({ length: size.objects }, (_, n) => inventoryObject(n)),
      order: [],
    },
  }
  results[inventory.id] = withRuns(() => inventory, 3)
  for (let n = 0; n < size.checks; n++) {
    results[`check.${n}`] = withRuns(
      (ranAt, i) => checkRun(n, ranAt, (n + i) % 5 === 0),
      size.history,
    )
  }
  for (let n = 0; n < size.comparisons; n++)
    results[`comparison.${n}`] = withRuns(() => comparison(n), 5)
  const items: ProjectDocument['items'] = {}
  ALL_ITEMS.forEach((item, i) => {
    items[item.id] = {
      status: i % 3 === 0 ? 'done' : 'in_progress',
      note: `Discussed with the data team on day ${i}. `.repeat(12),
      evidence: Array.from({ length: 3 }, (_, e) => ({
        id: uuid(i * 10 + e),
        kind: 'text' as const,
        text:
          `Output of the query we ran on day ${i}:\n` + '  form_a | 2025-01 | 1204\n'.repeat(20),
        addedBy: 'amina',
        addedAt: at(BASE + i * 3_600_000),
      })),
      updatedBy: 'amina',
      updatedAt: at(BASE + i * 3_600_000),
    }
  })
  return {
    format: PROJECT_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: randomUUID(),
    name: 'Kenya CHT Sync migration (size budget)',
    createdAt: at(BASE),
    updatedAt: at(BASE + 29 * DAY),
    appVersion: '0.1.0',
    settings: { staleAfterDays: 7 },
    items,
    results,
    connections: emptyConnections(),
    demo: null,
    parity: largeParity(),
    checks: emptyCheckSettings(),
    inventory: emptyInventorySettings(),
    teardown: emptyTeardownSettings(),
    signoff: {},
  }
}

/** A parity step set up as a large deployment would: 30 dashboard tiles, 30 model pairs. */
function largeParity(): ProjectDocument['parity'] {
  const sql = (side: string, i: number) =>
    `SELECT form, to_char(date_trunc('month', reported), 'YYYY-MM') AS month, count(*) AS reports\n` +
    `  FROM ${side}_${i} WHERE reported >= now() - interval '24 months'\n GROUP BY 1, 2`
  return {
    metrics: Array.from({ length: 30 }, (_, i) => ({
      id: `tile-${i}`,
      title: `Dashboard tile ${i}`,
      oldSql: sql('formview', i),
      newSql: sql('v1.form_model', i),
      groupColumns: ['form', 'month'],
      valueColumn: 'reports',
      tolerance: { absolute: 0 },
    })),
    models: Array.from({ length: 30 }, (_, i) => ({
      id: `model-${i}`,
      title: `formview_${i} → form_model_${i}`,
      old: { kind: 'relation' as const, schema: 'public', name: `formview_${i}` },
      new: { kind: 'relation' as const, schema: 'v1', name: `form_model_${i}` },
      keys: [{ old: 'uuid', new: 'uuid' }],
      columns: Array.from({ length: 12 }, (_, c) => ({ old: `field_${c}`, new: `field_${c}` })),
      nullEqualsNull: true,
    })),
    greenDaysRequired: 14,
  }
}
