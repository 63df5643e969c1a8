import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'

/** The superuser connection of the run's PostgreSQL server (started by test/setup/global-setup.ts). */
export function testPostgres() {
  return inject('postgres')
}

/**
 * Creates a fresh database for one test and returns its name and a client factory.
 *
 * Databases are named `t_<prefix>_<random>` and dropped by `drop()`; a test that forgets only
 * leaves a database in a server that is thrown away at the end of the run.
 */
export async function createTestDatabase(prefix = 'db') {
  const server = testPostgres()
  const name = `t_${prefix.replace(/\W/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ ...server, database: 'postgres' })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`)
  } finally {
    await admin.end()
  }
  return {
    name,
    ...server,
    client: async (database = name) => {
      const c = new pg.Client({ ...server, database })
      await c.connect()
      return c
    },
    drop: async () => {
      const c = new pg.Client({ ...server, database: 'postgres' })
      await c.connect()
      try {
        await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`)
      } finally {
        await c.end()
      }
    },
  }
}
