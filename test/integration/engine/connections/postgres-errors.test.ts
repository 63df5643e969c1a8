import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detailsOf, expectFailure, targetOf } from '../../../support/connection-results'
import { createTestDatabase, testPostgres } from '../../../support/test-postgres'
import {
  chtSyncProfile,
  chtSyncV2Shape,
  closedPort,
  connectionsWith,
  COUCH2PG_SHAPE,
  postgresProfile,
  silentServer,
  testService,
  TEST_TIMEOUTS,
} from './fixtures'

/**
 * Every classified PostgreSQL failure against a real failing endpoint: an unresolvable name, a
 * closed port, a server that never answers (a port that is not PostgreSQL: postgres-wrong-port),
 * TLS against a server without it, a wrong or missing password, a missing database, missing grants, and databases that
 * are not what the profile says.
 */
const service = testService()
const server = testPostgres()
type TestDb = Awaited<ReturnType<typeof createTestDatabase>>
const dbs: TestDb[] = []
const roles: string[] = []

async function database(prefix: string, sql?: string): Promise<TestDb> {
  const db = await createTestDatabase(prefix)
  dbs.push(db)
  if (sql) {
    const client = await db.client()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  return db
}

/** A login role with a random password, dropped after the file. */
async function role(): Promise<{ name: string; password: string }> {
  const name = `reader_${randomBytes(4).toString('hex')}`
  const password = randomBytes(9).toString('base64url')
  const admin = new pg.Client({ ...server, database: 'postgres' })
  await admin.connect()
  try {
    await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD ${pg.escapeLiteral(password)}`)
  } finally {
    await admin.end()
  }
  roles.push(name)
  return { name, password }
}

async function asAdmin(db: TestDb, sql: string) {
  const client = await db.client()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** The error of a failed test. */
const errorOf = (result: Parameters<typeof detailsOf>[0]) => detailsOf(result).error

let empty: TestDb
beforeAll(async () => {
  empty = await database('empty')
})

afterAll(async () => {
  await service.closeAll()
  for (const db of dbs) await db.drop()
  const admin = new pg.Client({ ...server, database: 'postgres' })
  await admin.connect()
  for (const name of roles) await admin.query(`DROP ROLE IF EXISTS ${name}`)
  await admin.end()
})

describe('PostgreSQL connection failures, classified', () => {
  it('dns: a host name that cannot resolve (reserved .invalid TLD)', async () => {
    const profile = postgresProfile(empty.name, { host: 'couch2pg-db.invalid' })
    const report = await service.test('couch2pg', connectionsWith({ couch2pg: profile }), {
      typed: 'x',
    })
    expectFailure(report, 'dns')
    expect(errorOf(report)?.message).toContain('couch2pg-db.invalid')
    expect(targetOf(report)).toBe(
      `postgres://${server.user}@couch2pg-db.invalid:${server.port}/${empty.name}`,
    )
  })

  it('refused: a closed port on 127.0.0.1', async () => {
    const port = await closedPort()
    const profile = postgresProfile(empty.name, { host: '127.0.0.1', port })
    const report = await service.test('couch2pg', connectionsWith({ couch2pg: profile }), {
      typed: 'x',
    })
    expectFailure(report, 'refused')
    expect(errorOf(report)?.message).toContain(`127.0.0.1:${port}`)
  })

  it('timeout: a server that accepts and never answers, within the connect timeout', async () => {
    const silent = await silentServer()
    try {
      const profile = postgresProfile(empty.name, { host: '127.0.0.1', port: silent.port })
      const report = await service.test(
        'chtSync',
        connectionsWith({ chtSync: { ...profile, schema: 'v1', table: 'couchdb' } }),
        { typed: 'x' },
      )
      expectFailure(report, 'timeout')
      expect(detailsOf(report).durationMs).toBeGreaterThanOrEqual(
        TEST_TIMEOUTS.limits.connectTimeoutMs - 100,
      )
      expect(detailsOf(report).durationMs).toBeLessThan(TEST_TIMEOUTS.deadlineMs)
    } finally {
      await silent.close()
    }
  })

  it('tls: ssl “require” against a server without TLS', async () => {
    const profile = postgresProfile(empty.name, { ssl: 'require' })
    const report = await service.test('couch2pg', connectionsWith({ couch2pg: profile }), {
      typed: server.password,
    })
    expectFailure(report, 'tls')
    expect(errorOf(report)?.message).toMatch(/does not support encrypted/)
    expect(errorOf(report)?.hint).toMatch(/disable/)
  })

  it('tls: a client-certificate file that cannot be read, named, before connecting', async () => {
    const profile = postgresProfile(empty.name, {
      ssl: 'verify-full',
      sslFiles: { ca: '/nonexistent/cht-ca.pem', cert: null, key: null },
    })
    const report = await service.test('couch2pg', connectionsWith({ couch2pg: profile }), {
      typed: server.password,
    })
    expectFailure(report, 'tls')
    expect(errorOf(report)?.message).toBe(
      'The CA certificate file “/nonexistent/cht-ca.pem” could not be opened (no such file).',
    )
  })

  it('auth: a wrong password, without echoing it', async () => {
    const profile = postgresProfile(empty.name)
    const wrong = 'not-the-Password-123'
    const report = await service.test('couch2pg', connectionsWith({ couch2pg: profile }), {
      typed: wrong,
    })
    expectFailure(report, 'auth')
    expect(errorOf(report)?.message).toMatch(/password authentication failed/)
    expect(JSON.stringify(report)).not.toContain(wrong)
  })

  it('missing_database: a database that does not exist', async () => {
    const profile = chtSyncProfile(`t_missing_${randomBytes(3).toString('hex')}`)
    const report = await service.test('chtSync', connectionsWith({ chtSync: profile }), {
      typed: server.password,
    })
    expectFailure(report, 'missing_database')
    expect(errorOf(report)?.hint).toMatch(/POSTGRES_DB/)
  })

  it('permission: a role whose CONNECT on the database is revoked', async () => {
    const db = await database('noconnect', COUCH2PG_SHAPE)
    await asAdmin(db, `REVOKE CONNECT ON DATABASE ${pg.escapeIdentifier(db.name)} FROM PUBLIC`)
    const reader = await role()
    const profile = postgresProfile(db.name, { user: reader.name })
    const report = await service.test('couch2pg', connectionsWith({ couch2pg: profile }), {
      typed: reader.password,
    })
    expectFailure(report, 'permission')
    expect(errorOf(report)?.message).toMatch(/permission denied for database/)
  })

  it('permission: a role without USAGE on the CHT Sync schema', async () => {
    const db = await database('nousage', chtSyncV2Shape('v1'))
    const reader = await role()
    const profile = chtSyncProfile(db.name, { user: reader.name })
    const report = await service.test('chtSync', connectionsWith({ chtSync: profile }), {
      typed: reader.password,
    })
    expectFailure(report, 'permission')
    expect(errorOf(report)?.message).toContain('no USAGE on schema v1')
    expect(errorOf(report)?.hint).toContain(`GRANT USAGE ON SCHEMA v1 TO ${reader.name}`)
    expect(detailsOf(report).serverLabel).toMatch(/^PostgreSQL 16/)
  })

  it('permission: a role that may not SELECT couch2pg’s table', async () => {
    const db = await database('noselect', COUCH2PG_SHAPE)
    await asAdmin(db, 'REVOKE ALL ON couchdb FROM PUBLIC')
    const reader = await role()
    const profile = postgresProfile(db.name, { user: reader.name })
    const report = await service.test('couch2pg', connectionsWith({ couch2pg: profile }), {
      typed: reader.password,
    })
    expectFailure(report, 'permission')
    expect(errorOf(report)?.message).toContain('no SELECT on the table')
  })

  it('not_couch2pg: an empty database', async () => {
    const profile = postgresProfile(empty.name)
    const report = await service.test('couch2pg', connectionsWith({ couch2pg: profile }), {
      typed: server.password,
    })
    expectFailure(report, 'not_couch2pg')
    expect(errorOf(report)?.message).toContain('has no couch2pg tables')
    expect(detailsOf(report).serverLabel).toMatch(/^PostgreSQL 16/)
  })

  it('not_couch2pg: a CHT Sync database, named as such', async () => {
    const db = await database('sync-as-c2p', chtSyncV2Shape('v1'))
    const report = await service.test(
      'couch2pg',
      connectionsWith({ couch2pg: postgresProfile(db.name) }),
      { typed: server.password },
    )
    expectFailure(report, 'not_couch2pg')
    expect(errorOf(report)?.message).toContain('v1.couchdb is a CHT Sync raw table')
  })

  it('not_cht_sync: an empty database', async () => {
    const report = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(empty.name) }),
      { typed: server.password },
    )
    expectFailure(report, 'not_cht_sync')
    expect(errorOf(report)?.message).toContain('has no CHT Sync raw table v1.couchdb')
  })

  it('not_cht_sync: a couch2pg database says so', async () => {
    const db = await database('c2p-as-sync', COUCH2PG_SHAPE)
    const report = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(db.name) }),
      { typed: server.password },
    )
    expectFailure(report, 'not_cht_sync')
    expect(errorOf(report)?.message).toContain('this is a couch2pg database, not CHT Sync')
    expect(errorOf(report)?.looksLike).toBe('couch2pg')
  })

  it('not_cht_sync: schema public of the couch2pg database is couch2pg’s table, with the clash explained', async () => {
    const db = await database('c2p-public', COUCH2PG_SHAPE)
    const couch2pg = postgresProfile(db.name)
    const chtSync = chtSyncProfile(db.name, { schema: 'public' })
    const report = await service.test('chtSync', connectionsWith({ couch2pg, chtSync }), {
      typed: server.password,
    })
    expectFailure(report, 'not_cht_sync')
    expect(errorOf(report)?.message).toContain('public.couchdb is couch2pg’s table')
    expect(errorOf(report)?.hint).toMatch(
      /must not write into schema public of the couch2pg database/,
    )
  })

  it('not_cht_sync: the raw table is in another schema, and the hint names it', async () => {
    const db = await database('other-schema', chtSyncV2Shape('analytics'))
    const report = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(db.name) }),
      { typed: server.password },
    )
    expectFailure(report, 'not_cht_sync')
    expect(errorOf(report)?.hint).toContain('set the schema to analytics')
  })

  it('no_profile is reported without connecting', async () => {
    const none = await service.test('couch2pg', connectionsWith({}), { typed: server.password })
    expectFailure(none, 'no_profile')
    expect(detailsOf(none).durationMs).toBeLessThan(500)
  })

  it('no_password: the server asks for a password and none is known', async () => {
    const profile = postgresProfile(empty.name)
    const report = await service.test('couch2pg', connectionsWith({ couch2pg: profile }), {
      typed: '',
    })
    expectFailure(report, 'no_password')
    expect(errorOf(report)?.message).toBe(
      `${server.host}:${server.port} asks for a password, and none is known for this connection.`,
    )
    expect(errorOf(report)?.hint).toContain('CHT_MIGRATE_COUCH2PG_PASSWORD')
  })
})
