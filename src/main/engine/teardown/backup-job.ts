import { AppError } from '../../../shared/result'
import type { BackupRecord } from '../../../shared/teardown/teardown-settings'
import { passwordFor, projectSecrets } from '../connections/credentials'
import { readTransaction, SESSION_PROFILES } from '../db/read-transaction'
import type { Engine } from '../engine'
import { openCouch2pg } from '../inventory/inventory-job'
import type { JobContext } from '../jobs/job-registry'
import { makeBackup, recordExistingBackup } from './backup'
import { findPgTools } from './pg-tools'

/** One backup per project at a time. */
export const backupJobKey = (projectId: string) => `backup:${projectId}`

/** The couch2pg server's major version and the database's size, read-only. */
async function serverFacts(engine: Engine, signal: AbortSignal) {
  const { pool } = await openCouch2pg(engine)
  return readTransaction(
    pool,
    { statementTimeoutMs: SESSION_PROFILES.probe.statementTimeoutMs, signal },
    async (tx) => {
      const { rows } = await tx.query<{ num: number; size: string; db: string }>(
        `SELECT current_setting('server_version_num')::int AS num,
                pg_database_size(current_database())::text AS size, current_database() AS db`,
      )
      const row = rows[0]
      if (!row) throw new AppError('INTERNAL', 'The couch2pg server did not describe itself.')
      return { major: Math.floor(Number(row.num) / 10_000), size: Number(row.size), db: row.db }
    },
  )
}

/**
 * The `teardown.backup` job: finds pg_dump/pg_restore of a major at least the couch2pg server's,
 * dumps the couch2pg database (custom format) into `dir` with progress, verifies the file
 * (`pg_restore --list`, sha256) and records it in the project. A cancel or failure removes the
 * partial file and records nothing. Answers the record and a free-disk warning, if any.
 */
export async function runBackup(
  engine: Engine,
  dir: string,
  job: JobContext,
): Promise<{ record: BackupRecord; warning: string | null }> {
  const profile = engine.project.state?.document.connections.couch2pg
  if (!profile) throw new AppError('BAD_REQUEST', 'Set the couch2pg connection first.')
  job.progress({ phase: 'starting', unit: null, done: 0, total: null, message: 'Finding pg_dump' })
  const facts = await serverFacts(engine, job.signal)
  const tools = await findPgTools({ serverMajor: facts.major })
  const password = await passwordFor('couch2pg', profile, { secrets: projectSecrets(engine) })
  const made = await makeBackup({
    profile,
    password,
    database: facts.db,
    dir,
    tools,
    signal: job.signal,
    estimateBytes: facts.size,
    onProgress: (bytes, estimate) =>
      job.progress({
        phase: 'writing',
        unit: 'bytes',
        done: bytes,
        total: estimate,
        message: `pg_dump ${tools.pgDump.version} writing the backup`,
      }),
  })
  await engine.project.recordTeardown((t) => ({ ...t, backup: made.record }))
  return made
}

/** Verifies an existing custom-format dump and records it as the project's backup. */
export async function recordBackup(engine: Engine, path: string): Promise<BackupRecord> {
  const signal = AbortSignal.timeout(10 * 60_000)
  const facts = await serverFacts(engine, signal)
  const tools = await findPgTools({ serverMajor: facts.major })
  const record = await recordExistingBackup(path, { tools, database: facts.db, signal })
  if (record.database !== facts.db) {
    throw new AppError(
      'BAD_REQUEST',
      `That dump is of the database “${record.database}”, not of the couch2pg database “${facts.db}”; nothing was recorded.`,
    )
  }
  await engine.project.recordTeardown((t) => ({ ...t, backup: record }))
  return record
}
