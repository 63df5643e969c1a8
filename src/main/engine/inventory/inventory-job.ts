import type pg from 'pg'
import { describeTarget } from '../../../shared/connection-targets'
import { INVENTORY_SOURCES, type InventorySource } from '../../../shared/inventory/sources'
import { AppError } from '../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type { NewResult, StoredResult } from '../../../shared/results/result-schema'
import { passwordFor, projectSecrets } from '../connections/credentials'
import type { Engine } from '../engine'
import type { JobContext } from '../jobs/job-registry'
import { scanCouchdbSource } from './scan-couchdb'
import { scanCouch2pg } from './scan-couch2pg'

/** One inventory run per project at a time. */
export const inventoryJobKey = (projectId: string) => `inventory:${projectId}`

/** The sources a run covers: the ones asked for, else every one whose connection is set. */
export function inventorySources(
  engine: Engine,
  asked?: readonly InventorySource[],
): InventorySource[] {
  const connections = engine.project.state?.document.connections
  if (asked) {
    for (const source of asked) {
      if (!connections?.[source]) {
        const name = source === 'couchdb' ? 'CouchDB' : 'couch2pg'
        throw new AppError(
          'BAD_REQUEST',
          `Set the ${name} connection first (Connections page): the inventory reads it.`,
        )
      }
    }
    return [...asked]
  }
  const set = INVENTORY_SOURCES.filter((s) => connections?.[s])
  if (set.length === 0) {
    throw new AppError(
      'BAD_REQUEST',
      'Set the couch2pg or the CouchDB connection first (Connections page): the inventory reads them.',
    )
  }
  return set
}

/** The read-only pool of the project's couch2pg connection and how results name it. */
export async function openCouch2pg(
  engine: Engine,
): Promise<{ pool: pg.Pool; endpoints: NewResult['endpoints'] }> {
  const profile = engine.project.state?.document.connections.couch2pg
  if (!profile) {
    throw new AppError('BAD_REQUEST', 'Set the couch2pg connection first (Connections page).')
  }
  const password = await passwordFor('couch2pg', profile, { secrets: projectSecrets(engine) })
  const pool = await engine.connections.postgres('couch2pg', profile, password)
  const target = clipText(describeTarget('couch2pg', profile), TEXT_LIMITS.line)
  return { pool, endpoints: [{ endpoint: 'couch2pg', target }] }
}

async function couch2pgResult(engine: Engine, job: JobContext): Promise<NewResult> {
  const { pool, endpoints } = await openCouch2pg(engine)
  return scanCouch2pg({ pool, endpoints, workers: engine.workers }, job)
}

/**
 * The `inventory.run` job: the couch2pg database, then CouchDB (or the one asked for), each
 * result recorded as soon as it is known, so a cancel during the CouchDB scan keeps the couch2pg
 * inventory (and the scan records what it counted, labelled partial). Decisions are not touched.
 */
export async function runInventory(
  engine: Engine,
  input: { sources?: readonly InventorySource[] },
  job: JobContext,
): Promise<{ results: StoredResult[] }> {
  const document = engine.project.state?.document
  if (!document) throw new AppError('NO_PROJECT', 'Open or create a project first.')
  const sources = inventorySources(engine, input.sources)
  const stored: StoredResult[] = []
  const record = async (result: NewResult) => {
    if (engine.project.state?.document.id !== document.id) {
      throw new AppError('CANCELLED', 'The project was closed during the inventory.')
    }
    stored.push(...(await engine.project.recordResults([result])))
  }
  for (const source of sources) {
    if (source === 'couch2pg') {
      await record(await couch2pgResult(engine, job))
    } else {
      const { result, cancelled } = await scanCouchdbSource(engine, job)
      await record(result)
      if (cancelled) throw new AppError('CANCELLED', 'The CouchDB scan was cancelled.')
    }
  }
  job.progress({ phase: 'finishing', unit: null, done: 0, total: null, message: '' })
  return { results: stored }
}
