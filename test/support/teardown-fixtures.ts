import type { ModelDefinition } from '../../src/shared/parity-definitions'
import type { StoredResult } from '../../src/shared/project-schema'
import type { InventoryObject } from '../../src/shared/results/inventory-result'
import type { HistoryEntry } from '../../src/shared/results/result-schema'
import type { BackupRecord } from '../../src/shared/teardown/teardown-settings'

/** Results and definitions the teardown gate tests build documents from. */

const base = (id: string, verdict: StoredResult['verdict'], ranAt: string) => ({
  id,
  itemId: 'x',
  title: id,
  verdict,
  summary: '',
  ranAt,
  durationMs: 1,
  endpoints: [],
  partial: null,
  history: [] as HistoryEntry[],
})

/** The stored couch2pg inventory holding `objects`. */
export function inventoryResult(objects: InventoryObject[]): StoredResult {
  return {
    ...base('inventory.couch2pg', 'pass', '2026-11-01T08:00:00.000Z'),
    details: {
      kind: 'inventory',
      server: {
        version: '16.4',
        database: 'couch2pg',
        statsSince: null,
        statements: 'installed',
        trackFunctions: null,
      },
      couch2pg: { found: true, release: null, migrationTables: true, note: null },
      objects,
      order: [],
    },
  }
}

/** A comparison result under `id`, its latest run on `ranAt`, with earlier runs in `history`. */
export function comparisonResult(
  id: string,
  verdict: StoredResult['verdict'],
  ranAt: string,
  history: HistoryEntry[] = [],
): StoredResult {
  return {
    ...base(id, verdict, ranAt),
    details: {
      kind: 'comparison',
      mode: 'documents',
      old: { label: 'couch2pg', endpoint: 'couch2pg', relation: null },
      new: { label: 'CHT Sync', endpoint: 'chtSync', relation: null },
      counts: [],
      differences: [],
      checkpoints: [],
      keys: [],
      columns: [],
      schema: null,
    },
    history,
  }
}

/** A history entry of a green (or not) run on `day`. */
export const run = (day: string, green = true): HistoryEntry => ({
  ranAt: `${day}T02:00:00.000Z`,
  verdict: green ? 'pass' : 'fail',
  summary: '',
  partial: false,
  figures: { differences: green ? 0 : 3 },
})

/** A check's stored result. */
export function checkResult(id: string, verdict: StoredResult['verdict'], ranAt: string) {
  return {
    ...base(id, verdict, ranAt),
    details: { kind: 'check', checkId: id, evidence: [], remedy: null, skippedBecause: null },
  } satisfies StoredResult
}

/** A model comparison of `schema.name` (old) against a new model, under `id`. */
export function modelComparison(id: string, schema: string, name: string): ModelDefinition {
  return {
    id,
    title: id,
    old: { kind: 'relation', schema, name },
    new: { kind: 'relation', schema: 'v1', name: id.replace(/^inventory\./, '') },
    keys: [{ old: 'uuid', new: 'uuid' }],
    columns: [],
    nullEqualsNull: true,
  }
}

/** A verified backup record of `database` (as `teardown.backup` records one). */
export function backupRecord(database: string, path = `/backups/${database}.dump`): BackupRecord {
  return {
    path,
    format: 'custom',
    database,
    sizeBytes: 4096,
    sha256: 'a'.repeat(64),
    entries: 12,
    serverVersion: '15.8',
    toolVersion: '15.8',
    origin: 'made',
    createdAt: '2026-11-01T08:00:00.000Z',
    verifiedAt: '2026-11-01T08:00:00.000Z',
  }
}
