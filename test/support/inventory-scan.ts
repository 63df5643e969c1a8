import pg from 'pg'
import type { InventoryDetails, InventoryObject } from '../../src/shared/results/inventory-result'
import type { NewResult } from '../../src/shared/results/result-schema'
import { scanCouch2pg } from '../../src/main/engine/inventory/scan-couch2pg'
import { createWorkerPool } from '../../src/main/engine/workers/worker-pool'
import { testPostgres } from './test-postgres'

/** A job context that never cancels unless `controller` is aborted, and keeps the progress. */
export function testJob(controller = new AbortController()) {
  const progress: unknown[] = []
  return {
    job: { jobId: 'test', signal: controller.signal, progress: (p: unknown) => progress.push(p) },
    progress,
  }
}

/**
 * Inventories a database of the run's PostgreSQL as the job does (worker thread included), as
 * the superuser or as `user`/`password`; returns the stored result and its details.
 */
export async function inventoryOf(
  database: string,
  login: { user?: string; password?: string } = {},
): Promise<{ result: NewResult; details: InventoryDetails }> {
  const server = testPostgres()
  const pool = new pg.Pool({
    host: server.host,
    port: server.port,
    user: login.user ?? server.user,
    password: login.password ?? server.password,
    database,
    max: 2,
  })
  const workers = createWorkerPool({ maxWorkers: 1 })
  try {
    const result = await scanCouch2pg(
      { pool, endpoints: [{ endpoint: 'couch2pg', target: database }], workers },
      testJob().job,
    )
    if (result.details.kind !== 'inventory') throw new Error('not an inventory result')
    return { result, details: result.details }
  } finally {
    await pool.end()
    await workers.dispose()
  }
}

/** The object of that name (and kind, when given), or a clear failure. */
export function objectNamed(
  details: InventoryDetails,
  name: string,
  kind?: InventoryObject['kind'],
): InventoryObject {
  const found = details.objects.find((o) => o.name === name && (!kind || o.kind === kind))
  if (!found) throw new Error(`no object ${name} in the inventory`)
  return found
}

/** `kind:schema.name(args)` → `name`. */
export const nameOfKey = (key: string): string =>
  key
    .slice(key.indexOf(':') + 1)
    .replace(/\(.*\)$/, '')
    .replace(/^[^.]*\./, '')
