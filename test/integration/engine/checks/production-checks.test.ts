import { createHash } from 'node:crypto'
import { mkdirSync, statfsSync, utimesSync, writeFileSync } from 'node:fs'
import { totalmem } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { versionFinding } from '../../../../src/main/engine/checks/production/postgres-settings-check'
import { PRODUCTION_CHECKS } from '../../../../src/main/engine/checks/production/production-checks'
import type { ChtSyncProfile, ProjectDocument } from '../../../../src/shared/project-schema'
import { createTestCouchDatabases, testCouchdb } from '../../../support/test-couchdb'
import { harnessProfile } from '../../../support/test-pools'
import { createTestDatabase, testPostgres } from '../../../support/test-postgres'
import {
  asSuperuser,
  createRole,
  documentWith,
  evidenceOf,
  measureOf,
  realContext,
  runCheck,
  sharedPools,
  tempFolder,
  type ContextSetup,
} from './check-fixtures'

/**
 * The production checks against the run's real PostgreSQL and CouchDB: a couch2pg database, a
 * CHT Sync database 30% synced (30 raw rows, 70 pending), and backup files written for each test.
 */
const GIB = 1024 ** 3
let folder: ReturnType<typeof tempFolder>
let pools: ReturnType<typeof sharedPools>
let couch2pgDb: Awaited<ReturnType<typeof createTestDatabase>>
let chtSyncDb: Awaited<ReturnType<typeof createTestDatabase>>
let couch: Awaited<ReturnType<typeof createTestCouchDatabases<'medic'>>>

beforeAll(async () => {
  folder = tempFolder('production-checks')
  pools = sharedPools()
  couch2pgDb = await createTestDatabase('c2p_sizing')
  chtSyncDb = await createTestDatabase('sync_sizing')
  couch = await createTestCouchDatabases('medic')
  await couch.bulk('medic', [{ _id: 'a', type: 'person' }, { _id: 'b' }, { _id: 'c' }])
  await asSuperuser(
    couch2pgDb.name,
    `CREATE TABLE couchdb (doc jsonb);
     INSERT INTO couchdb SELECT jsonb_build_object('_id', 'd' || i) FROM generate_series(1, 50) i`,
  )
  await asSuperuser(
    chtSyncDb.name,
    `CREATE SCHEMA v1;
     CREATE TABLE v1.couchdb (saved_timestamp timestamp, _id varchar PRIMARY KEY,
       _deleted boolean, source varchar, doc jsonb);
     CREATE TABLE v1.couchdb_progress (seq varchar, pending integer, updated_at timestamptz,
       source varchar PRIMARY KEY);
     CREATE TABLE v1.document_metadata (uuid text PRIMARY KEY, _deleted boolean);
     INSERT INTO v1.couchdb SELECT now(), 'd' || i, false, 'cht.example.org/medic', '{}'
       FROM generate_series(1, 30) i;
     INSERT INTO v1.couchdb_progress VALUES ('30-abc', 60, now(), 'cht.example.org/medic'),
       ('5-def', 10, now(), 'cht.example.org/medic-sentinel');`,
  )
})
afterAll(async () => {
  await pools.closeAll()
  await Promise.all([couch2pgDb.drop(), chtSyncDb.drop(), couch.drop()])
  folder.cleanup()
})

const chtSyncProfile = (overrides: Partial<ChtSyncProfile> = {}): ChtSyncProfile => ({
  ...harnessProfile(chtSyncDb.name),
  schema: 'v1',
  table: 'couchdb',
  ...overrides,
})

/** A project with all three connections on the run's servers, as the superuser. */
function fullSetup(sizing: Partial<ProjectDocument['checks']['sizing']> = {}): ContextSetup {
  const document = documentWith({
    couchdb: { url: testCouchdb().url, username: testCouchdb().username },
    couch2pg: harnessProfile(couch2pgDb.name),
    chtSync: chtSyncProfile(),
  })
  document.checks.sizing = { ...document.checks.sizing, ...sizing }
  const password = testPostgres().password
  return {
    document,
    passwords: { couchdb: testCouchdb().password, couch2pg: password, chtSync: password },
    envPath: folder.env({ COUCHDB_DBS: couch.names.medic, DBT_THREAD_COUNT: '4' }),
  }
}

const run = (id: string, setup: ContextSetup) =>
  runCheck(PRODUCTION_CHECKS, id, realContext(setup, pools))

async function sizeOf(database: string): Promise<number> {
  const client = await couch2pgDb.client(database)
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT pg_database_size(current_database())::text AS n',
    )
    return Number(rows[0]?.n)
  } finally {
    await client.end()
  }
}

describe('production.sizing', () => {
  it('measures both databases, CouchDB and the synced fraction, and projects as the guide does', async () => {
    const outcome = await run('production.sizing', fullSetup({ freeDiskGb: 1_000_000 }))
    expect(outcome.verdict).toBe('pass')
    const chtSync = measureOf(outcome, 'CHT Sync database size') ?? 0
    const couch2pg = measureOf(outcome, 'couch2pg database size') ?? 0
    // The sizes move a little while autovacuum and the statistics collector work: within 5%.
    expect(chtSync / (await sizeOf(chtSyncDb.name))).toBeCloseTo(1, 1)
    expect(couch2pg / (await sizeOf(couch2pgDb.name))).toBeCloseTo(1, 1)
    expect(measureOf(outcome, 'Synced fraction')).toBeCloseTo(0.3, 10)
    const projected = measureOf(outcome, 'Projected CHT Sync size') ?? 0
    expect(projected / ((chtSync / 0.3) * 1.2 ** 5 * 1.2)).toBeCloseTo(1, 10)
    expect(measureOf(outcome, 'Needed during the parallel run')).toBeCloseTo(
      projected + couch2pg,
      0,
    )
    expect(measureOf(outcome, 'Free disk')).toBe(1_000_000 * GIB)
    const info = (await (await couch.request(`/${couch.names.medic}`)).json()) as {
      sizes: { file: number }
    }
    expect(measureOf(outcome, 'CouchDB size')).toBe(info.sizes.file)
    expect(measureOf(outcome, 'Synced fraction')).not.toBeNull()
  })

  it('fails when the free disk entered is less than both pipelines need', async () => {
    const outcome = await run('production.sizing', fullSetup({ freeDiskGb: 0.001 }))
    expect(outcome.verdict).toBe('fail')
    expect(outcome.remedy?.text).toMatch(/Add at least/)
  })

  it('measures the data directory’s free disk when PostgreSQL runs here and may say where', async () => {
    const outcome = await run('production.sizing', fullSetup())
    const client = await chtSyncDb.client()
    const dir =
      (await client.query<{ d: string }>("SELECT current_setting('data_directory') AS d")).rows[0]
        ?.d ?? ''
    await client.end()
    const fs = statfsSync(dir)
    const free = measureOf(outcome, 'Free disk') ?? 0
    expect(free / (fs.bavail * fs.bsize)).toBeCloseTo(1, 2)
    expect(evidenceOf(outcome, 'fact', 'Free disk')?.value).toBe(`free space of ${dir}`)
  })

  it('warns when the free disk is unknown, pointing to the calculator', async () => {
    const reader = await createRole('sizing_reader')
    try {
      await asSuperuser(
        chtSyncDb.name,
        `GRANT USAGE ON SCHEMA v1 TO ${reader.name}; GRANT SELECT ON ALL TABLES IN SCHEMA v1 TO ${reader.name}`,
      )
      const setup = fullSetup()
      setup.document.connections.chtSync = chtSyncProfile({ user: reader.name })
      setup.passwords = { ...setup.passwords, chtSync: reader.password }
      const outcome = await run('production.sizing', setup)
      expect(outcome.verdict).toBe('warn')
      expect(measureOf(outcome, 'Free disk')).toBeNull()
      expect(measureOf(outcome, 'Synced fraction')).toBeCloseTo(0.3, 10)
      expect(outcome.remedy?.text).toMatch(/calculator on this item/)
    } finally {
      await asSuperuser(chtSyncDb.name, `DROP OWNED BY ${reader.name}`)
      await reader.drop()
    }
  })

  it('is skipped without a database connection', async () => {
    const outcome = await run('production.sizing', { document: documentWith({}) })
    expect(outcome.verdict).toBe('skipped')
  })
})

describe('production.memory', () => {
  async function expectedNeed(): Promise<number> {
    const client = await chtSyncDb.client()
    try {
      const { rows } = await client.query<{ sb: string; wm: string }>(
        `SELECT pg_size_bytes(current_setting('shared_buffers'))::text AS sb,
                pg_size_bytes(current_setting('work_mem'))::text AS wm`,
      )
      const sb = Number(rows[0]?.sb)
      const wm = Number(rows[0]?.wm)
      // 1 dbt process × DBT_THREAD_COUNT 4 × work_mem × 2, couch2pg 1 GiB, dbt 1 GiB, old 0.5 GiB.
      return sb + 4 * wm * 2 + 2.5 * GIB
    } finally {
      await client.end()
    }
  }

  it('passes, warns and fails against the memory entered, with the formula’s need', async () => {
    const need = await expectedNeed()
    const pass = await run('production.memory', fullSetup({ memoryGb: 64 }))
    expect(pass.verdict).toBe('pass')
    expect(measureOf(pass, 'Memory needed')).toBe(need)
    expect(
      (await run('production.memory', fullSetup({ memoryGb: need / GIB - 0.1 }))).verdict,
    ).toBe('fail')
    expect(
      (await run('production.memory', fullSetup({ memoryGb: (need / GIB) * 1.1 }))).verdict,
    ).toBe('warn')
  })

  it('takes this computer’s memory when the database server runs here', async () => {
    const outcome = await run('production.memory', fullSetup())
    expect(measureOf(outcome, 'Server memory')).toBe(totalmem())
  })

  it('warns when the memory is unknown', async () => {
    const document = documentWith({})
    const outcome = await run('production.memory', { document })
    expect(outcome.verdict).toBe('warn')
    expect(measureOf(outcome, 'Server memory')).toBeNull()
  })
})

describe('production.postgres-settings', () => {
  it('reads the version and settings as the server reports them', async () => {
    const outcome = await run('production.postgres-settings', fullSetup())
    const client = await chtSyncDb.client()
    const show = async (name: string) =>
      (await client.query<{ v: string }>(`SELECT current_setting('${name}') AS v`)).rows[0]?.v
    try {
      expect(measureOf(outcome, 'server_version_num')).toBe(
        Number(await show('server_version_num')),
      )
      expect(measureOf(outcome, 'max_connections')).toBe(Number(await show('max_connections')))
      expect(outcome.summary).not.toMatch(/out of community support/)
      expect(['pass', 'warn']).toContain(outcome.verdict)
    } finally {
      await client.end()
    }
  })

  it('warns when the free connection slots cannot hold the dbt threads configured', async () => {
    const setup = fullSetup()
    setup.envPath = folder.env({ DBT_THREAD_COUNT: '500' })
    const outcome = await run('production.postgres-settings', setup)
    expect(outcome.verdict).toBe('warn')
    expect(outcome.remedy?.text).toMatch(/Raise max_connections to at least \d+/)
  })

  it('holds versions to CHT Sync’s needs and to their end of support', () => {
    const now = new Date('2026-12-01T00:00:00Z')
    expect(versionFinding(90_424, now)?.verdict).toBe('fail')
    expect(versionFinding(90_624, now)?.text).toMatch(/hash indexes/)
    expect(versionFinding(120_022, now)?.verdict).toBe('warn')
    expect(versionFinding(140_012, now)?.text).toMatch(/since 2026-11-12/)
    expect(versionFinding(140_012, new Date('2026-01-01T00:00:00Z'))).toBeNull()
    expect(versionFinding(160_004, now)).toBeNull()
  })
})

describe('production.backup', () => {
  function withFiles(...paths: string[]): ContextSetup {
    const document = documentWith({})
    document.items['teardown.backup'] = {
      status: 'done',
      note: '',
      evidence: paths.map((path, i) => ({
        id: `ev-${i}`,
        kind: 'file' as const,
        path,
        addedBy: 'amina',
        addedAt: '2026-11-30T10:00:00.000Z',
      })),
      updatedBy: 'amina',
      updatedAt: '2026-11-30T10:00:00.000Z',
    }
    return { document }
  }
  const dump = Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(10_000, 7)])

  it('passes for a recent custom-format dump, recording its size and SHA-256', async () => {
    const path = folder.file('couch2pg.dump', dump)
    const outcome = await run('production.backup', withFiles(path))
    expect(outcome.verdict).toBe('pass')
    const row = evidenceOf(outcome, 'table')?.rows[0]
    expect(row?.[1]).toBe('pg_dump custom format')
    expect(row?.[2]).toBe(dump.length)
    expect(row?.[5]).toBe(createHash('sha256').update(dump).digest('hex'))
  })

  it('passes for a plain SQL dump and a directory-format dump', async () => {
    const sql = folder.file('couch2pg.sql', '--\n-- PostgreSQL database dump\n--\nSET x = 1;\n')
    const dir = join(folder.dir, 'couch2pg.dir')
    mkdirSync(dir)
    writeFileSync(join(dir, 'toc.dat'), dump)
    for (const path of [sql, dir]) {
      expect((await run('production.backup', withFiles(path))).verdict).toBe('pass')
    }
  })

  it('fails for a text file and for a recorded file that is gone', async () => {
    const text = folder.file('notes.txt', 'backed up on Monday')
    const notDump = await run('production.backup', withFiles(text))
    expect(notDump.verdict).toBe('fail')
    expect(notDump.summary).toContain('not a PostgreSQL dump')
    const gone = await run('production.backup', withFiles(join(folder.dir, 'gone.dump')))
    expect(gone.verdict).toBe('fail')
    expect(gone.summary).toContain('missing')
  })

  it('warns when none is recorded, and when the only dump is older than 30 days', async () => {
    const none = await run('production.backup', withFiles())
    expect(none.verdict).toBe('warn')
    expect(none.remedy?.text).toMatch(/pg_dump -Fc/)
    const old = folder.file('old.dump', dump)
    const then = new Date(Date.now() - 40 * 24 * 3600 * 1000)
    utimesSync(old, then, then)
    expect((await run('production.backup', withFiles(old))).verdict).toBe('warn')
  })
})

describe('production.dashboard-users', () => {
  it('warns without a read-only role, passes with one, fails once it can write', async () => {
    const setup = (): ContextSetup => ({
      document: documentWith({ chtSync: chtSyncProfile() }),
      passwords: { chtSync: testPostgres().password },
    })
    const dashboards = await createRole('dashboards')
    try {
      const none = await run('production.dashboard-users', setup())
      expect(none.verdict).toBe('warn')
      const sessions = evidenceOf(none, 'table')
      expect(sessions).toBeDefined()
      await asSuperuser(
        chtSyncDb.name,
        `GRANT USAGE ON SCHEMA v1 TO ${dashboards.name}; GRANT SELECT ON v1.couchdb, v1.document_metadata TO ${dashboards.name}`,
      )
      const readOnly = await run('production.dashboard-users', setup())
      expect(readOnly.verdict).toBe('pass')
      expect(evidenceOf(readOnly, 'table')?.rows).toEqual([[dashboards.name, true, false]])
      await asSuperuser(
        chtSyncDb.name,
        `GRANT INSERT ON v1.document_metadata TO ${dashboards.name}`,
      )
      const writer = await run('production.dashboard-users', setup())
      expect(writer.verdict).toBe('fail')
      expect(writer.remedy?.text).toContain(
        `REVOKE INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "v1"`,
      )
    } finally {
      await asSuperuser(chtSyncDb.name, `DROP OWNED BY ${dashboards.name}`)
      await dashboards.drop()
    }
  })

  it('lists the sessions on the database', async () => {
    const outcome = await run('production.dashboard-users', {
      document: documentWith({ chtSync: chtSyncProfile() }),
      passwords: { chtSync: testPostgres().password },
    })
    const sessions = outcome.evidence?.filter((e) => e.type === 'table')[1]
    expect(sessions?.type === 'table' && sessions.rows).toContainEqual([
      testPostgres().user,
      'cht-migrate',
      expect.any(Number),
    ])
  })
})
