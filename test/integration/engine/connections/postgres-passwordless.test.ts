import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startEmbeddedPostgres,
  type RunningPostgres,
} from '../../../../src/main/engine/servers/embedded-postgres'
import type { Couch2pgFacts } from '../../../../src/shared/results/connection-result'
import { detailsOf, expectConnected, expectFailure } from '../../../support/connection-results'
import { connectionsWith, COUCH2PG_SHAPE, testService } from './fixtures'

/**
 * A PostgreSQL profile needs no password where the server asks for none: a role with `trust` in
 * pg_hba.conf, or a password found in `.pgpass` (PGPASSFILE). Where the server asks and none is
 * known, the test says `no_password`, and leaves no half-open session behind.
 *
 * The run's shared server uses scram for every role, so this file starts its own, and trusts one
 * role from 127.0.0.1 in its pg_hba.conf.
 */
const service = testService()
let dir: string
let server: RunningPostgres
let admin: pg.Client
const DATABASE = 'couch2pg'

const profile = (user: string, database = DATABASE) => ({
  host: server.host,
  port: server.port,
  database,
  user,
  ssl: 'disable' as const,
})

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cht-migrate-trust-'))
  server = await startEmbeddedPostgres({ dir })
  admin = new pg.Client({ ...server, database: 'postgres' })
  await admin.connect()
  const { rows } = await admin.query<{ hba_file: string }>('SHOW hba_file')
  const hba = rows[0]?.hba_file as string
  // The first matching line wins: only trusted_reader is trusted, everyone else keeps scram.
  writeFileSync(hba, `host all trusted_reader 127.0.0.1/32 trust\n${readFileSync(hba, 'utf8')}`)
  await admin.query('SELECT pg_reload_conf()')
  for (const sql of [
    'CREATE ROLE trusted_reader LOGIN',
    'CREATE ROLE locked_reader LOGIN',
    `CREATE DATABASE ${DATABASE}`,
    'CREATE DATABASE np_target',
  ]) {
    await admin.query(sql)
  }
  const couch2pg = new pg.Client({ ...server, database: DATABASE })
  await couch2pg.connect()
  await couch2pg.query(`${COUCH2PG_SHAPE}
    GRANT SELECT ON ALL TABLES IN SCHEMA public TO trusted_reader;`)
  await couch2pg.end()
}, 60_000)

afterAll(async () => {
  await service.closeAll()
  await admin?.end()
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('PostgreSQL without a password', () => {
  it('connects a role the server trusts, with no password anywhere', async () => {
    const result = await service.test(
      'couch2pg',
      connectionsWith({ couch2pg: profile('trusted_reader') }),
      { typed: null },
    )
    const facts = expectConnected(result).facts as Couch2pgFacts
    expect(result.verdict).toBe('pass')
    expect(facts.server.user).toBe('trusted_reader')
    expect(facts.release).toBe('3.7')
  })

  it('says no_password where the server asks for one, and closes the half-open session', async () => {
    const result = await service.test(
      'couch2pg',
      connectionsWith({ couch2pg: profile('locked_reader', 'np_target') }),
      {},
    )
    expectFailure(result, 'no_password')
    expect(result.verdict).toBe('error')
    expect(detailsOf(result).error?.message).toMatch(/asks for a password, and none is known/)
    // A session left waiting for its password would block this for a minute.
    await admin.query("SET statement_timeout = '4s'")
    await admin.query('DROP DATABASE np_target WITH (FORCE)')
    await admin.query('RESET statement_timeout')
  })

  it('finds the password in .pgpass (PGPASSFILE), as psql would', async () => {
    const pgpass = join(dir, 'pgpass')
    writeFileSync(pgpass, `${server.host}:${server.port}:*:${server.user}:${server.password}\n`)
    chmodSync(pgpass, 0o600)
    const previous = process.env.PGPASSFILE
    process.env.PGPASSFILE = pgpass
    try {
      const result = await service.test(
        'couch2pg',
        connectionsWith({ couch2pg: profile(server.user) }),
        {},
      )
      expectConnected(result)
      expect(JSON.stringify(result)).not.toContain(server.password)
    } finally {
      if (previous === undefined) delete process.env.PGPASSFILE
      else process.env.PGPASSFILE = previous
    }
  })
})
