import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { CouchWriter } from '../../src/main/engine/demo/couch-writer'
import {
  CHT_SYNC_DATABASE,
  connectDemoDatabase,
  COUCH2PG_DATABASE,
  type DemoDatabase,
} from '../../src/main/engine/demo/demo-databases'
import {
  CHT_SYNC_TARGET,
  finishDemoSchemas,
  installDemoSchemas,
} from '../../src/main/engine/demo/demo-schemas'
import { DiscrepancyPlanner } from '../../src/main/engine/demo/discrepancy-planner'
import { createGenerator } from '../../src/main/engine/demo/generator/generate'
import type { CouchDoc } from '../../src/main/engine/demo/generator/types'
import { loadDocuments } from '../../src/main/engine/demo/loader'
import { syncPlan } from '../../src/main/engine/demo/pipelines'
import { DEFAULT_DEMO_VARIANT } from '../../src/shared/demo'

/** A PostgreSQL server reached as its superuser. */
export interface SuperuserServer {
  host: string
  port: number
  user: string
  password: string
}

/**
 * The CouchDB side of the demo's load, kept in memory: this helper fills the PostgreSQL
 * databases only, so the documents written to "CouchDB" are counted for its sequence numbers
 * and nothing more. No backlog is pending and `_users` has no design document.
 */
function countingCouch(): CouchWriter {
  const written = new Map<string, number>()
  return {
    async write(db: string, docs: readonly CouchDoc[]) {
      written.set(db, (written.get(db) ?? 0) + docs.length)
    },
    async updateSeq(db: string) {
      return `${written.get(db) ?? 0}-g1AAAAB`
    },
    async pending() {
      return 0
    },
    async designDocs() {
      return []
    },
  }
}

/**
 * Loads the demo's couch2pg and CHT Sync databases into `server` with the demo's own code (its
 * generator, discrepancy planner, loader and schema installers), as `startDemo` does on its
 * embedded server: each database owned by a login role of its name with a throwaway password.
 * Answers both databases, with their owners' logins.
 */
export async function loadDemoDatabases(
  server: SuperuserServer,
  options: { docs: number; seed?: number } = { docs: 3_000 },
): Promise<{ couch2pg: DemoDatabase; chtSync: DemoDatabase }> {
  const admin = new pg.Client({ ...server, database: 'postgres' })
  await admin.connect()
  const make = async (name: string): Promise<DemoDatabase> => {
    const password = randomBytes(15).toString('base64url')
    const role = pg.escapeIdentifier(name)
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD ${pg.escapeLiteral(password)}`)
    await admin.query(`CREATE DATABASE ${role} OWNER ${role}`)
    return { host: server.host, port: server.port, database: name, user: name, password }
  }
  let databases: { couch2pg: DemoDatabase; chtSync: DemoDatabase }
  try {
    databases = { couch2pg: await make(COUCH2PG_DATABASE), chtSync: await make(CHT_SYNC_DATABASE) }
  } finally {
    await admin.end()
  }
  const couch2pg = await connectDemoDatabase(databases.couch2pg)
  const chtSync = await connectDemoDatabase(databases.chtSync)
  try {
    const variant = DEFAULT_DEMO_VARIANT
    const seed = options.seed ?? 42
    const generator = createGenerator({ docs: options.docs, seed, anchor: Date.UTC(2026, 10, 1) })
    await installDemoSchemas(couch2pg, chtSync, variant.couch2pgRelease)
    await loadDocuments({
      generator,
      planner: new DiscrepancyPlanner(seed, generator.counts, variant.discrepancies),
      couch: countingCouch(),
      couch2pg,
      chtSync,
      chtSyncTarget: CHT_SYNC_TARGET,
      plan: syncPlan(variant),
      signal: new AbortController().signal,
      progress: () => undefined,
    })
    await finishDemoSchemas(couch2pg, chtSync, variant.couch2pgRelease)
  } finally {
    await Promise.all([couch2pg.end(), chtSync.end()])
  }
  return databases
}
