import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { RunningPostgres } from '../servers/embedded-postgres'

/** One PostgreSQL database of the demo, with the role that owns it and logs in to it. */
export interface DemoDatabase {
  host: string
  port: number
  database: string
  user: string
  password: string
}

export const COUCH2PG_DATABASE = 'couch2pg'
export const CHT_SYNC_DATABASE = 'cht_sync'

/**
 * Creates the two databases of the demo on its PostgreSQL server, each owned by its own login
 * role with a throwaway password (`couch2pg` and `cht_sync`), as a real deployment would give
 * each pipeline its own user. The superuser's session is closed afterwards; everything else runs
 * as the owners.
 */
export async function createDemoDatabases(
  server: RunningPostgres,
): Promise<{ couch2pg: DemoDatabase; chtSync: DemoDatabase }> {
  const admin = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: 'postgres',
  })
  await admin.connect()
  try {
    const make = async (name: string): Promise<DemoDatabase> => {
      const password = randomBytes(15).toString('base64url')
      const role = pg.escapeIdentifier(name)
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD ${pg.escapeLiteral(password)}`)
      await admin.query(`CREATE DATABASE ${role} OWNER ${role}`)
      return { host: server.host, port: server.port, database: name, user: name, password }
    }
    return { couch2pg: await make(COUCH2PG_DATABASE), chtSync: await make(CHT_SYNC_DATABASE) }
  } finally {
    await admin.end()
  }
}

/** A session on one demo database as its owner. */
export async function connectDemoDatabase(db: DemoDatabase): Promise<pg.Client> {
  const client = new pg.Client({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    application_name: 'cht-migrate demo loader',
  })
  // A server stopping under us surfaces as a failed query; the client's own event is not fatal.
  client.on('error', () => undefined)
  await client.connect()
  return client
}
