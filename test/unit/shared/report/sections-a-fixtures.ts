import type { Decision } from '../../../../src/shared/inventory/decisions'
import type { ProjectDocument, StoredResult } from '../../../../src/shared/project-schema'
import type { Block, ReportContext } from '../../../../src/shared/report/model'
import type { EvidenceItem } from '../../../../src/shared/results/check-result'
import type { InventoryObject } from '../../../../src/shared/results/inventory-result'
import type { Signoff } from '../../../../src/shared/signoff'
import { STEPS } from '../../../../src/shared/steps-catalog'
import { makeObject } from '../../../support/inventory-objects'
import { sampleDocument } from '../../../support/project-fixtures'

/** Hand-made results, decisions and approvals for the report's summary, plan, checks and sign-off. */

export const NOW = new Date('2026-12-01T10:00:00Z')

/** The fixed context of these tests: Nairobi time, British English. */
export const ctxOf = (document: ProjectDocument): ReportContext => ({
  document,
  steps: STEPS,
  now: NOW,
  appVersion: '0.1.0',
  author: 'Amina',
  locale: 'en-GB',
  timeZone: 'Africa/Nairobi',
})

const base = (id: string, itemId: string, ranAt: string) => ({
  id,
  itemId,
  title: id,
  ranAt,
  durationMs: 12,
  endpoints: [],
  partial: null,
  history: [],
})

/** A stored check result. */
export function checkResult(
  id: string,
  itemId: string,
  verdict: StoredResult['verdict'],
  options: {
    ranAt?: string
    summary?: string
    evidence?: EvidenceItem[]
    remedy?: { text: string; docUrl: string | null } | null
  } = {},
): StoredResult {
  return {
    ...base(id, itemId, options.ranAt ?? '2026-11-30T08:00:00.000Z'),
    verdict,
    summary: options.summary ?? `Summary of ${id}.`,
    details: {
      kind: 'check',
      checkId: id,
      evidence: options.evidence ?? [],
      remedy: options.remedy ?? null,
      skippedBecause: null,
    },
  }
}

/** The failed check's remedy, with a fenced command, and its CHT page. */
export const REMEDY =
  'Rename medic_sentinel to medic-sentinel in COUCHDB_DBS and restart CHT Sync.\n```\ndocker compose restart\n```'
export const REMEDY_URL =
  'https://docs.communityhealthtoolkit.org/hosting/analytics/environment-variables/'

/** A failed check with every kind of evidence, a stale warning and a pass. */
export function checkResults(): Record<string, StoredResult> {
  const failed = checkResult('setup.env-databases', 'setup.env-file', 'fail', {
    summary: 'medic_sentinel is not a database on CouchDB.',
    evidence: [
      {
        type: 'measure',
        label: 'Databases missing',
        value: 1,
        unit: 'databases',
        limit: { op: '==', value: 0 },
      },
      { type: 'fact', label: 'CouchDB version', value: '3.3.3' },
      {
        type: 'setting',
        source: '.env',
        key: 'COUCHDB_DBS',
        value: 'medic,medic_sentinel',
        line: 4,
      },
      {
        type: 'table',
        caption: 'Databases named',
        columns: ['Database', 'Found', 'Documents'],
        rows: Array.from({ length: 45 }, (_, i) => [`db_${i}`, i % 2 === 0, i * 10]),
      },
    ],
    remedy: { text: REMEDY, docUrl: REMEDY_URL },
  })
  return {
    [failed.id]: failed,
    'setup.env-required': checkResult('setup.env-required', 'setup.env-file', 'pass'),
    'setup.env-interval': checkResult('setup.env-interval', 'setup.dataemon-interval', 'warn', {
      ranAt: '2026-11-21T08:00:00.000Z',
      summary: 'DATAEMON_INTERVAL is 5: dbt runs every 5 seconds.',
      remedy: { text: 'Set DATAEMON_INTERVAL to 300.', docUrl: null },
    }),
  }
}

const obj = (
  kind: InventoryObject['kind'],
  name: string,
  extra: Partial<InventoryObject> = {},
  args?: string,
): InventoryObject => ({ ...makeObject(kind, name, args === undefined ? {} : { args }), ...extra })

const mapping = (complexity: 'simple' | 'medium' | 'significant', models: string[] = []) => ({
  models,
  forms: [],
  leftover: null,
  complexity,
  reasons: [],
})

/** The raw table, three custom objects in (and out of) the suggested order, one undecided. */
export function inventoryObjects(): InventoryObject[] {
  return [
    obj('table', 'couchdb', {
      origin: { origin: 'couch2pg', release: '3.0.0 or later', modified: false, note: null },
      sizeBytes: 5_000_000_000,
      rows: 1_200_000,
    }),
    obj('view', 'formview_pregnancy', { mapping: mapping('medium', ['data_record']) }),
    obj('materialized_view', 'useview_visits', { mapping: mapping('significant') }),
    obj('function', 'get_summary', { mapping: mapping('simple') }, 'date'),
    obj('view', 'old_report'),
  ]
}

/** The couch2pg inventory of `objects`, suggesting two of them in order. */
export function inventoryResult(objects = inventoryObjects()): StoredResult {
  return {
    ...base('inventory.couch2pg', 'plan.inventory', '2026-11-28T07:30:00.000Z'),
    endpoints: [{ endpoint: 'couch2pg', target: 'db.example.org:5432/couch2pg' }],
    verdict: 'pass',
    summary: 'Listed the objects.',
    details: {
      kind: 'inventory',
      server: {
        version: 'PostgreSQL 14.9',
        database: 'couch2pg',
        statsSince: null,
        statements: 'installed',
        trackFunctions: 'all',
      },
      couch2pg: { found: true, release: '3.7.0 or later', migrationTables: true, note: null },
      objects,
      order: ['view:public.formview_pregnancy', 'materialized_view:public.useview_visits'],
    },
  }
}

/** The CouchDB inventory: CHT 4.11.0, one database read and one refused. */
export function couchdbInventoryResult(): StoredResult {
  return {
    ...base('inventory.couchdb', 'plan.inventory', '2026-11-28T07:35:00.000Z'),
    verdict: 'pass',
    summary: 'Read CouchDB.',
    details: {
      kind: 'couchdb-inventory',
      couchVersion: '3.3.3',
      chtVersion: '4.11.0',
      databases: [
        {
          name: 'medic',
          docCount: 204_311,
          deletedCount: 12,
          sizeBytes: 2_400_000_000,
          updateSeq: '1-a',
          error: null,
        },
        {
          name: 'medic-users-meta',
          docCount: null,
          deletedCount: null,
          sizeBytes: null,
          updateSeq: null,
          error: 'forbidden',
        },
      ],
      medic: null,
    },
  }
}

/** A decision of `action`, decided by Amina. */
export function decision(action: Decision['action'], extra: Partial<Decision> = {}): Decision {
  return {
    action,
    models: [],
    owner: '',
    due: null,
    note: '',
    decidedBy: 'Amina',
    decidedAt: '2026-11-29T10:00:00.000Z',
    ...extra,
  }
}

/** Decisions in and out of the suggested order, and one whose object is gone. */
export function decisions(): Record<string, Decision> {
  return {
    'view:public.formview_pregnancy': decision('rebuild', {
      models: ['pregnancy_visits'],
      owner: 'Wanjiru',
      due: '2027-01-15',
    }),
    'materialized_view:public.useview_visits': decision('replace', {
      models: ['data_record'],
      owner: 'Otieno',
    }),
    'function:public.get_summary(date)': decision('retire', { owner: 'Amina' }),
    'view:public.dropped_view': decision('rebuild', { models: ['dropped'], owner: 'Baraka' }),
  }
}

/** An approval recorded by Amina. */
export function approval(name: string, role: string, at: string, note = ''): Signoff {
  return { id: `s-${name}`, name, role, at, note, recordedBy: 'Amina', recordedAt: at }
}

/** The sample project with checks, both inventories, decisions and an approval of step 1. */
export function fullDocument(): ProjectDocument {
  return sampleDocument({
    results: {
      ...checkResults(),
      'inventory.couch2pg': inventoryResult(),
      'inventory.couchdb': couchdbInventoryResult(),
    },
    inventory: { decisions: decisions() },
    signoff: {
      plan: [approval('Grace Mwangi', 'Programme manager', '2026-11-20T09:00:00.000Z', 'Agreed.')],
    },
  })
}

/** Every table of `blocks` whose caption starts with `caption`. */
export function tableOf(blocks: readonly Block[], caption: string) {
  const found = blocks.find(
    (b): b is Extract<Block, { type: 'table' }> =>
      b.type === 'table' && b.caption.startsWith(caption),
  )
  if (!found) throw new Error(`no table “${caption}”`)
  return found
}

/** Every text of a value, flattened: what a reader can see (and a search can find). */
export const textOf = (value: unknown): string => JSON.stringify(value)
