import { spawnSync } from 'node:child_process'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCESS_CHECKS } from '../../../../src/main/engine/checks/setup/access-checks'
import { nameVariants } from '../../../../src/main/engine/checks/setup/env-databases'
import type { ChtSyncProfile, PostgresProfile } from '../../../../src/shared/project-schema'
import { createTestCouchDatabases, testCouchdb } from '../../../support/test-couchdb'
import { harnessProfile } from '../../../support/test-pools'
import { createTestDatabase, testPostgres } from '../../../support/test-postgres'
import {
  asSuperuser,
  asText,
  createRole,
  documentWith,
  evidenceOf,
  realContext,
  runCheck,
  sharedPools,
  tempFolder,
  type ContextSetup,
} from './check-fixtures'

/**
 * The access checks against the run's real servers: CouchDB (express-pouchdb with real
 * authentication) and PostgreSQL (embedded), with CHT Sync `.env` files written for each test.
 */
let folder: ReturnType<typeof tempFolder>
let pools: ReturnType<typeof sharedPools>
beforeAll(() => {
  folder = tempFolder('access-checks')
  pools = sharedPools()
})
afterAll(async () => {
  await pools.closeAll()
  folder.cleanup()
})

const run = (id: string, setup: ContextSetup) =>
  runCheck(ACCESS_CHECKS, id, realContext(setup, pools))

/** The run's CouchDB as CHT Sync's settings name it. */
function couchSettings(dbs: string, overrides: Record<string, string> = {}) {
  const { url, username, password } = testCouchdb()
  const parsed = new URL(url)
  return {
    COUCHDB_HOST: parsed.hostname,
    COUCHDB_PORT: parsed.port,
    COUCHDB_SECURE: 'false',
    COUCHDB_USER: username,
    COUCHDB_PASSWORD: password,
    COUCHDB_DBS: dbs,
    ...overrides,
  }
}

/** The run's PostgreSQL as CHT Sync's settings name it. */
function postgresSettings(database: string, overrides: Record<string, string> = {}) {
  const server = testPostgres()
  return {
    POSTGRES_HOST: server.host,
    POSTGRES_PORT: String(server.port),
    POSTGRES_DB: database,
    POSTGRES_USER: server.user,
    POSTGRES_PASSWORD: server.password,
    POSTGRES_SCHEMA: 'v1',
    POSTGRES_TABLE: 'couchdb',
    ...overrides,
  }
}

const couchConnection = () => ({ url: testCouchdb().url, username: testCouchdb().username })

it('defines the six access checks of the catalog', () => {
  expect(ACCESS_CHECKS.map((c) => c.id).sort()).toEqual([
    'production.tls',
    'setup.couchdb-access',
    'setup.docker',
    'setup.env-databases',
    'setup.postgres-access',
    'setup.schema-collision',
  ])
})

describe('setup.env-databases', () => {
  it('fails on medic_sentinel, naming medic-sentinel; passes once corrected', async () => {
    const couch = await createTestCouchDatabases('medic', 'medic-sentinel')
    try {
      await couch.bulk('medic', [{ _id: 'a' }, { _id: 'b' }])
      const typo = couch.names['medic-sentinel'].replace(/-sentinel$/, '_sentinel')
      const setup = (dbs: string): ContextSetup => ({
        document: documentWith({ couchdb: couchConnection() }),
        passwords: { couchdb: testCouchdb().password },
        envPath: folder.env(couchSettings(dbs)),
      })
      const failed = await run('setup.env-databases', setup(`${couch.names.medic},${typo}`))
      expect(failed.verdict).toBe('fail')
      expect(failed.summary).toContain(
        `“${typo}” (did you mean “${couch.names['medic-sentinel']}”?)`,
      )
      expect(failed.remedy?.text).toContain(
        `COUCHDB_DBS=${couch.names.medic},${couch.names['medic-sentinel']}`,
      )
      const rows = evidenceOf(failed, 'table')?.rows
      expect(rows).toEqual([
        [couch.names.medic, true, 2, ''],
        [typo, false, null, `did you mean “${couch.names['medic-sentinel']}”?`],
      ])

      const fixed = `${couch.names.medic},${couch.names['medic-sentinel']}`
      const passed = await run('setup.env-databases', setup(fixed))
      expect(passed.verdict).toBe('pass')
      const spaced = await run('setup.env-databases', setup(fixed.replace(',', ' ')))
      expect(spaced.verdict).toBe('warn')
      expect(spaced.remedy?.text).toContain(`COUCHDB_DBS=${fixed}`)
    } finally {
      await couch.drop()
    }
  })

  it('suggests the spellings a typo most likely meant', () => {
    expect(nameVariants('medic_sentinel')).toContain('medic-sentinel')
    expect(nameVariants('Medic')).toEqual(['medic'])
    expect(nameVariants('medic_users_meta')).toContain('medic-users-meta')
  })
})

describe('setup.couchdb-access', () => {
  let couch: Awaited<ReturnType<typeof createTestCouchDatabases<'medic'>>>
  beforeAll(async () => {
    couch = await createTestCouchDatabases('medic')
  })
  afterAll(() => couch.drop())
  const setup = (overrides: Record<string, string> = {}): ContextSetup => ({
    document: documentWith({}),
    envPath: folder.env(couchSettings(couch.names.medic, overrides)),
  })

  it('passes with the right credentials, without showing the password', async () => {
    const outcome = await run('setup.couchdb-access', setup())
    expect(outcome.verdict).toBe('pass')
    expect(evidenceOf(outcome, 'table')?.rows[0]?.slice(1, 3)).toEqual([couch.names.medic, true])
    expect(asText(outcome)).not.toContain(testCouchdb().password)
  })

  it('fails on a wrong password (HTTP 401), without showing it', async () => {
    const wrong = 'not-the-Couch-password-42'
    const outcome = await run('setup.couchdb-access', setup({ COUCHDB_PASSWORD: wrong }))
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toMatch(/HTTP 401/)
    expect(outcome.remedy?.text).toMatch(/COUCHDB_PASSWORD/)
    expect(asText(outcome)).not.toContain(wrong)
  })

  it('fails with a TLS mismatch when COUCHDB_SECURE is unset (true) on a plain-http port', async () => {
    const settings = couchSettings(couch.names.medic)
    const { COUCHDB_SECURE: _unset, ...rest } = settings
    const outcome = await run('setup.couchdb-access', {
      document: documentWith({}),
      envPath: folder.env(rest),
    })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.remedy?.text).toContain('COUCHDB_SECURE=false')
    expect(evidenceOf(outcome, 'fact', 'Address CHT Sync builds')?.value).toMatch(/^https:/)
  })

  it('warns, not fails, on a Docker service name this computer cannot resolve', async () => {
    const outcome = await run('setup.couchdb-access', setup({ COUCHDB_HOST: 'couchdb' }))
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toMatch(/only resolves inside Docker/)
  })
})

describe('setup.postgres-access', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>
  beforeAll(async () => {
    db = await createTestDatabase('pgaccess')
  })
  afterAll(() => db.drop())
  const setup = (overrides: Record<string, string> = {}): ContextSetup => ({
    document: documentWith({}),
    envPath: folder.env(postgresSettings(db.name, overrides)),
  })

  it('passes for a user who may create the schema, and never shows the password', async () => {
    const outcome = await run('setup.postgres-access', setup())
    expect(outcome.verdict).toBe('pass')
    expect(evidenceOf(outcome, 'fact', 'Server version')?.value).toMatch(/^PostgreSQL 16/)
    expect(asText(outcome)).not.toContain(testPostgres().password)
  })

  it('fails for a user without CREATE on the database, then passes once granted', async () => {
    const own = await createTestDatabase('nocreate')
    const role = await createRole('nocreate')
    try {
      const as = (): ContextSetup => ({
        document: documentWith({}),
        envPath: folder.env(
          postgresSettings(own.name, {
            POSTGRES_USER: role.name,
            POSTGRES_PASSWORD: role.password,
          }),
        ),
      })
      const denied = await run('setup.postgres-access', as())
      expect(denied.verdict).toBe('fail')
      expect(denied.remedy?.text).toContain(
        `GRANT CREATE ON DATABASE ${pg.escapeIdentifier(own.name)} TO ${pg.escapeIdentifier(role.name)};`,
      )
      expect(evidenceOf(denied, 'table')?.rows[0]).toEqual([
        'has_database_privilege CREATE',
        own.name,
        false,
      ])
      expect(asText(denied)).not.toContain(role.password)
      await asSuperuser(
        own.name,
        `GRANT CREATE ON DATABASE ${pg.escapeIdentifier(own.name)} TO ${role.name}`,
      )
      expect((await run('setup.postgres-access', as())).verdict).toBe('pass')
    } finally {
      await own.drop()
      await role.drop()
    }
  })

  it('fails on a wrong password, naming the reason', async () => {
    const outcome = await run('setup.postgres-access', setup({ POSTGRES_PASSWORD: 'wrong-Pw-1' }))
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toMatch(/password authentication failed/)
    expect(asText(outcome)).not.toContain('wrong-Pw-1')
  })

  it('warns on a Docker service name this computer cannot resolve', async () => {
    const outcome = await run('setup.postgres-access', setup({ POSTGRES_HOST: 'postgres' }))
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toMatch(/POSTGRES_HOST “postgres” only resolves inside Docker/)
  })
})

describe('setup.schema-collision', () => {
  let couch2pgDb: Awaited<ReturnType<typeof createTestDatabase>>
  beforeAll(async () => {
    couch2pgDb = await createTestDatabase('couch2pg')
    const c = await couch2pgDb.client()
    try {
      await c.query('CREATE TABLE couchdb (doc jsonb)')
      await c.query('CREATE TABLE couchdb_progress (seq varchar, source varchar NOT NULL)')
    } finally {
      await c.end()
    }
  })
  afterAll(() => couch2pgDb.drop())
  const couch2pg = () => harnessProfile(couch2pgDb.name)
  const setup = (database: string, schema: string): ContextSetup => ({
    document: documentWith({ couch2pg: couch2pg() }),
    passwords: { couch2pg: testPostgres().password },
    // `localhost` in the file, 127.0.0.1 in the connection: the same server.
    envPath: folder.env(
      postgresSettings(database, { POSTGRES_HOST: 'localhost', POSTGRES_SCHEMA: schema }),
    ),
  })

  it('fails when CHT Sync would write into couch2pg’s tables in public', async () => {
    const outcome = await run('setup.schema-collision', setup(couch2pgDb.name, 'public'))
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('public.couchdb and couchdb_progress already exist')
    expect(evidenceOf(outcome, 'table')?.rows.map((r) => r[2])).toEqual(['couch2pg', 'couch2pg'])
    // The remedy: CHT Sync in its own schema or database, couch2pg's tables left alone.
    expect(outcome.remedy?.text).toMatch(/POSTGRES_SCHEMA=v1.*POSTGRES_DB=cht_sync/)
    expect(outcome.remedy?.text).toMatch(/Do not drop couch2pg’s tables/)
  })

  it('warns for another schema of the same database', async () => {
    const outcome = await run('setup.schema-collision', setup(couch2pgDb.name, 'v1'))
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toMatch(/schema v1 of couch2pg’s database/)
  })

  it('passes for a separate database', async () => {
    const other = await createTestDatabase('chtsync')
    try {
      const outcome = await run('setup.schema-collision', setup(other.name, 'public'))
      expect(outcome.verdict).toBe('pass')
    } finally {
      await other.drop()
    }
  })

  it('fails when the project’s two connections are one database, whatever the file says', async () => {
    const chtSync: ChtSyncProfile = { ...couch2pg(), schema: 'public', table: 'couchdb' }
    const outcome = await run('setup.schema-collision', {
      document: documentWith({ couch2pg: couch2pg(), chtSync }),
      passwords: { couch2pg: testPostgres().password },
      envPath: folder.env(
        postgresSettings(couch2pgDb.name, { POSTGRES_HOST: 'postgres', POSTGRES_SCHEMA: 'public' }),
      ),
    })
    expect(outcome.verdict).toBe('fail')
  })
})

describe('setup.docker', () => {
  it('reports what this computer has: skipped without docker, else the compose plugin decides', async () => {
    const outcome = await run('setup.docker', { document: documentWith({}) })
    const docker = spawnSync('docker', ['--version'], { encoding: 'utf8' })
    if (docker.error) {
      expect(outcome.verdict).toBe('skipped')
      expect(outcome.skippedBecause).toMatch(/Docker is not installed on this computer/)
      return
    }
    const compose = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' })
    expect(outcome.verdict).toBe(compose.status === 0 ? 'pass' : 'fail')
    const version = /version (\d+\.\d+\.\d+)/.exec(docker.stdout)?.[1]
    expect(evidenceOf(outcome, 'fact', 'Docker')?.value).toBe(version)
  })
})

describe('production.tls', () => {
  // Profiles that are never connected to: the check reads the settings only.
  const remote = (ssl: PostgresProfile['ssl']): PostgresProfile => ({
    host: 'db.example.org',
    port: 5432,
    database: 'couch2pg',
    user: 'couch2pg',
    ssl,
  })

  it('fails on plain connections to other hosts, naming each', async () => {
    const outcome = await run('production.tls', {
      document: documentWith({
        couchdb: { url: 'http://cht.example.org', username: 'medic' },
        couch2pg: remote('disable'),
      }),
    })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('This computer → CouchDB (cht.example.org)')
    expect(outcome.summary).toContain('This computer → couch2pg PostgreSQL (db.example.org)')
  })

  it('warns on require without verify-full, passes on verify-full and local hosts', async () => {
    const https = { url: 'https://cht.example.org', username: 'medic' }
    const warned = await run('production.tls', {
      document: documentWith({ couchdb: https, couch2pg: remote('require') }),
    })
    expect(warned.verdict).toBe('warn')
    const passed = await run('production.tls', {
      document: documentWith({
        couchdb: https,
        couch2pg: remote('verify-full'),
        chtSync: { ...harnessProfile('x'), schema: 'v1', table: 'couchdb' },
      }),
    })
    expect(passed.verdict).toBe('pass')
    expect(evidenceOf(passed, 'table')?.rows[2]).toEqual([
      'This computer → CHT Sync PostgreSQL',
      '127.0.0.1',
      false,
      false,
      'SSL disabled; on the same machine, no TLS needed',
    ])
  })

  it('reads the configuration: Docker names stay local, a remote POSTGRES_HOST is plain', async () => {
    const outcome = await run('production.tls', {
      document: documentWith({}),
      envPath: folder.env({
        COUCHDB_HOST: 'couchdb',
        COUCHDB_SECURE: 'false',
        POSTGRES_HOST: 'analytics.example.org',
      }),
    })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toBe(
      'Unencrypted across the network: CHT Sync → PostgreSQL (POSTGRES_HOST) (analytics.example.org).',
    )
  })
})
