import { execFile } from 'node:child_process'
import { mkdtemp, readdir, rm, statfs, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../../../../src/main/api/dispatch'
import { createTestContext } from '../../../support/handler-context'
import {
  checkFreeSpace,
  makeBackup,
  recordExistingBackup,
} from '../../../../src/main/engine/teardown/backup'
import { findPgTools, type PgTools } from '../../../../src/main/engine/teardown/pg-tools'
import { verifyBackup } from '../../../../src/main/engine/teardown/verify-backup'
import type { PostgresProfile } from '../../../../src/shared/project-schema'
import { backupRecordSchema } from '../../../../src/shared/teardown/teardown-settings'
import { appErrorFrom } from '../../../support/app-error'
import {
  debianPostgresUnavailable,
  startDebianPostgres,
  type DebianPostgres,
} from '../../../support/debian-postgres'
import { testPostgres } from '../../../support/test-postgres'

const run = promisify(execFile)
const unavailable = debianPostgresUnavailable()

describe('findPgTools on this machine', () => {
  it('refuses a PostgreSQL 16 server when only version 15 tools are installed', async () => {
    const server = testPostgres()
    const client = new pg.Client({ ...server, database: 'postgres' })
    await client.connect()
    const { rows } = await client.query<{ v: string }>(
      `SELECT current_setting('server_version_num') AS v`,
    )
    await client.end()
    const serverMajor = Math.floor(Number(rows[0]?.v) / 10_000)
    expect(serverMajor).toBe(16)
    const e = await appErrorFrom(findPgTools({ serverMajor }))
    expect(e.code).toBe('UNSUPPORTED')
    expect(e.message).toContain('PostgreSQL 16')
    expect(e.message).toMatch(
      /pg_dump 15\.\d+ and pg_restore 15\.\d+ in \/usr\/lib\/postgresql\/15\/bin/,
    )
    expect(e.message).toContain('sudo apt install postgresql-client-16')
  })
})

describe('the free-space rule', () => {
  it('passes, warns below the estimate, and refuses below a tenth of it', async () => {
    const dir = tmpdir()
    const info = await statfs(dir)
    const free = Number(info.bavail) * Number(info.bsize)
    expect(await checkFreeSpace(dir, 1024)).toBeNull()
    expect(await checkFreeSpace(dir, free * 2)).toMatch(/less free space than the database's size/)
    const e = await appErrorFrom(checkFreeSpace(dir, free * 100))
    expect(e.code).toBe('DISK_FULL')
    expect(e.message).toContain('Not enough space')
  })
})

describe.skipIf(unavailable !== null)('backups of a PostgreSQL 15 server', () => {
  let server: DebianPostgres
  let tools: PgTools
  let dir: string
  let profile: PostgresProfile
  const database = 'couch2pg_backup_test'

  beforeAll(async () => {
    server = await startDebianPostgres()
    tools = await findPgTools({ serverMajor: 15 })
    dir = await mkdtemp(join(tmpdir(), 'cht-migrate-backup-'))
    const admin = new pg.Client({ ...server, database: 'postgres' })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${database}`)
    await admin.end()
    const c = new pg.Client({ ...server, database })
    await c.connect()
    await c.query(`
      CREATE TABLE couchdb (doc jsonb);
      INSERT INTO couchdb SELECT jsonb_build_object('_id', 'doc-' || i, 'type', 'person')
        FROM generate_series(1, 2000) i;
      CREATE VIEW people AS SELECT doc->>'_id' AS id FROM couchdb WHERE doc->>'type' = 'person';
      CREATE TABLE bulk AS SELECT i, md5(i::text) || md5((i * 7)::text) AS filler
        FROM generate_series(1, 300000) i;
      CREATE FUNCTION person_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM people';
    `)
    await c.end()
    profile = {
      host: server.host,
      port: server.port,
      database,
      user: server.user,
      ssl: 'disable',
    }
  }, 90_000)

  afterAll(async () => {
    await server?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('finds the version 15 tools for a version 15 server', () => {
    expect(tools.pgDump.major).toBe(15)
    expect(tools.pgRestore.major).toBe(15)
  })

  it('makes a verified custom-format backup whose checksum matches sha256sum', async () => {
    const progress: number[] = []
    const { record, warning } = await makeBackup({
      profile,
      password: server.password,
      database,
      dir,
      tools,
      signal: new AbortController().signal,
      estimateBytes: 1024 * 1024,
      onProgress: (bytes) => progress.push(bytes),
    })
    expect(warning).toBeNull()
    expect(backupRecordSchema.parse(record)).toEqual(record)
    expect(record.path.startsWith(dir)).toBe(true)
    expect(record.path).toMatch(/couch2pg_backup_test-\d{8}T\d{6}Z\.dump$/)
    expect(record.origin).toBe('made')
    expect(record.serverVersion).toMatch(/^15\./)
    expect(record.toolVersion).toBe(tools.pgDump.version)
    // A table, its data, a view and a function at least.
    expect(record.entries).toBeGreaterThanOrEqual(4)
    const { stdout } = await run('sha256sum', [record.path])
    expect(stdout.split(' ')[0]).toBe(record.sha256)
    expect(progress.at(-1)).toBe(record.sizeBytes)

    const recorded = await recordExistingBackup(record.path, { tools })
    expect(recorded).toMatchObject({
      origin: 'recorded',
      database,
      sha256: record.sha256,
      entries: record.entries,
      sizeBytes: record.sizeBytes,
    })
  })

  it('refuses a wrong password and leaves no file', async () => {
    const folder = await mkdtemp(join(dir, 'bad-password-'))
    const e = await appErrorFrom(
      makeBackup({
        profile,
        password: 'not-the-password',
        database,
        dir: folder,
        tools,
        signal: new AbortController().signal,
        estimateBytes: 1024,
      }),
    )
    expect(e.code).toBe('IO_ERROR')
    expect(e.message).toMatch(/password authentication failed/)
    expect(e.message).not.toContain('not-the-password')
    expect(await readdir(folder)).toEqual([])
  })

  it('says a text file is not a custom-format backup', async () => {
    const path = join(dir, 'plain.sql')
    await writeFile(path, '--\n-- PostgreSQL database dump\n--\nSELECT 1;\n')
    const e = await appErrorFrom(verifyBackup({ path, tools }))
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toContain('not a custom-format PostgreSQL backup')
    expect(e.message).toContain('plain SQL dump')
  })

  it('cancels a dump once its file is being written and removes the partial file', async () => {
    const folder = await mkdtemp(join(dir, 'cancel-'))
    const controller = new AbortController()
    let started = false
    let sawFile = false
    const pending = makeBackup({
      profile,
      password: server.password,
      database,
      dir: folder,
      tools,
      signal: controller.signal,
      estimateBytes: 1024,
      onStarted: () => {
        started = true
        // Abort as soon as pg_dump has created its file (or after 2 s at most).
        const deadline = Date.now() + 2_000
        const poll = async () => {
          sawFile = (await readdir(folder)).length > 0
          if (sawFile || Date.now() > deadline) controller.abort()
          else setTimeout(() => void poll(), 2)
        }
        void poll()
      },
    })
    const e = await appErrorFrom(pending)
    expect(e.code).toBe('CANCELLED')
    expect(started).toBe(true)
    expect(sawFile).toBe(true)
    expect(await readdir(folder)).toEqual([])
  })

  it('stops on a disk that fills up mid-dump (DISK_FULL) and removes the partial file', async (ctx) => {
    // A real full disk: a 256 kB tmpfs, far smaller than the dump (its `bulk` table alone is
    // megabytes). Mounting needs root (CI runs as root); elsewhere the test says why it skipped.
    const mount = await mkdtemp(join(dir, 'tiny-'))
    const mounted = await run('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mount]).then(
      () => true,
      (e: Error) => e.message,
    )
    if (mounted !== true) ctx.skip(`a small tmpfs cannot be mounted here: ${mounted}`)
    try {
      const e = await appErrorFrom(
        makeBackup({
          profile,
          password: server.password,
          database,
          dir: mount,
          tools,
          signal: new AbortController().signal,
          // Within the free space, so the dump is tried as a real one would be.
          estimateBytes: 64 * 1024,
        }),
      )
      expect(e.code).toBe('DISK_FULL')
      expect(e.message).toContain(`The disk filled up while backing up “${database}”`)
      expect(await readdir(mount)).toEqual([])
    } finally {
      await run('umount', [mount])
    }
  })

  it('cancels before pg_dump starts when the signal is already aborted', async () => {
    const folder = await mkdtemp(join(dir, 'cancelled-'))
    const e = await appErrorFrom(
      makeBackup({
        profile,
        password: server.password,
        database,
        dir: folder,
        tools,
        signal: AbortSignal.abort(),
        estimateBytes: 1024,
      }),
    )
    expect(e.code).toBe('CANCELLED')
    expect(await readdir(folder)).toEqual([])
  })

  it('through the API: teardown.backup records the verified backup, recordBackup checks the database', async () => {
    const t = await createTestContext()
    try {
      await call('project.new', { name: 'Backup' }, t.ctx)
      const set = await call(
        'project.update',
        { intents: [{ type: 'connection.setCouch2pg', profile }] },
        t.ctx,
      )
      expect(set.ok).toBe(true)
      await call(
        'connections.setPassword',
        { endpoint: 'couch2pg', password: server.password, remember: false },
        t.ctx,
      )
      const folder = await mkdtemp(join(tmpdir(), 'cht-migrate-backup-api-'))
      const started = await call('teardown.backup', { dir: folder }, t.ctx)
      if (!started.ok) throw new Error(started.error.message)
      const done = await t.ctx.jobs.wait(started.value.jobId)
      if (!done.ok) throw new Error(done.error.message)
      const backup = t.ctx.project.state!.document.teardown.backup!
      expect(backup).toMatchObject({ origin: 'made', database, format: 'custom' })
      expect(backup.path.startsWith(folder)).toBe(true)
      const recorded = await call('teardown.recordBackup', { path: backup.path }, t.ctx)
      if (!recorded.ok) throw new Error(recorded.error.message)
      expect(recorded.value).toMatchObject({ origin: 'recorded', sha256: backup.sha256 })
      await rm(folder, { recursive: true, force: true })
    } finally {
      await t.dispose()
    }
  }, 120_000)
})
