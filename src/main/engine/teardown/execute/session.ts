import type pg from 'pg'
import type { PostgresProfile } from '../../../../shared/project-schema'
import { AppError } from '../../../../shared/result'
import { classifyError } from '../../connections/classify'
import { ClosingClient } from '../../db/closing-client'
import { postgresConfig } from '../../db/pool-config'
import { loadSslFiles, type SslMaterial } from '../../db/ssl-files'
import { readServerFacts } from './server-state'
import type { StageCredential, StageSession } from './types'

/** What `application_name` says, so a DBA sees the wizard's teardown session for what it is. */
export const TEARDOWN_APPLICATION_NAME = 'cht-migrate teardown'

/** Bounds of a stage's session: each statement is short (a rename, a grant), a drop longer. */
export const STAGE_LIMITS = {
  connectTimeoutMs: 10_000,
  /** A DROP DATABASE removes the files of the whole database. */
  statementTimeoutMs: 10 * 60_000,
  /** Waiting for another session's lock ends the statement rather than hanging the stage. */
  lockTimeoutMs: 15_000,
} as const

/** A rename or drop right after the sessions were ended may find them still going away. */
const IN_USE_RETRIES = 8
const IN_USE_WAIT_MS = 250

/**
 * The `pg` settings of a stage's session: the couch2pg profile's host, port and TLS settings
 * (`postgresConfig`, so TLS follows the same libpq modes), but the maintenance database and the
 * typed credential only, never the stored inspection password; `.pgpass` and `PGPASSWORD` are
 * not consulted since a password (even empty) is always given. A dry run's session is
 * read-only; a real one is not, since it runs the stage's statements.
 */
export function stageClientConfig(
  profile: PostgresProfile,
  request: { credential: StageCredential; maintenanceDatabase: string; dryRun: boolean },
  ssl: SslMaterial = {},
): pg.ClientConfig {
  const { credential, maintenanceDatabase, dryRun } = request
  const base = postgresConfig(
    { ...profile, database: maintenanceDatabase, user: credential.user },
    null,
    {
      connectTimeoutMs: STAGE_LIMITS.connectTimeoutMs,
      statementTimeoutMs: STAGE_LIMITS.statementTimeoutMs,
      idleInTransactionTimeoutMs: 60_000,
    },
    ssl,
  )
  const {
    max: _max,
    idleTimeoutMillis: _idle,
    allowExitOnIdle: _exit,
    options: readOnly,
    ...client
  } = base
  return {
    ...client,
    password: credential.password,
    application_name: TEARDOWN_APPLICATION_NAME,
    lock_timeout: STAGE_LIMITS.lockTimeoutMs,
    // A backstop on this side too: a server that stops answering must not hang the stage.
    query_timeout: STAGE_LIMITS.statementTimeoutMs + 30_000,
    ...(dryRun && readOnly !== undefined ? { options: readOnly } : {}),
  }
}

const IN_USE = '55006'

/** `ALTER DATABASE succeeded`, `SELECT succeeded (2 rows)`: what the audit keeps of a success. */
const describeResult = (statement: string, result: pg.QueryResult): string => {
  const verb = /^\s*([A-Za-z]+(?: DATABASE)?)/.exec(statement)?.[1]?.toUpperCase() ?? result.command
  const count = result.command === 'SELECT' ? result.rowCount : null
  const rows = count === null ? '' : ` (${count} ${count === 1 ? 'row' : 'rows'})`
  return `${verb} succeeded${rows}`
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Opens the stage's session with one `pg.Client` (not a pool). A failure to connect is an
 * `AppError` saying what happened and what to do (classified like a connection test). The
 * client's `error` event (the server ended the session while it was idle) is kept, not thrown, so
 * it cannot crash the process: `lost()` reports it before the next statement.
 */
export async function openStageSession(
  profile: PostgresProfile,
  request: { credential: StageCredential; maintenanceDatabase: string; dryRun: boolean },
): Promise<StageSession> {
  let ssl: SslMaterial
  try {
    ssl = await loadSslFiles(profile.sslFiles)
  } catch (e) {
    // SslFileError: a sentence naming the file and what is wrong with it.
    throw new AppError(
      'BAD_REQUEST',
      `${(e as Error).message} Fix the couch2pg connection's TLS files.`,
    )
  }
  const config = stageClientConfig(profile, request, ssl)
  const client = new ClosingClient(config)
  let lost: Error | null = null
  client.on('error', (e: Error) => {
    lost ??= e
  })
  try {
    await client.connect()
  } catch (e) {
    await client.end().catch(() => undefined)
    const classified = classifyError(e, {
      endpoint: 'couch2pg',
      host: profile.host,
      port: profile.port,
      timeoutMs: STAGE_LIMITS.connectTimeoutMs,
      passwordGiven: request.credential.password !== '',
    })
    throw new AppError(
      'BAD_REQUEST',
      `Could not connect to the maintenance database ${request.maintenanceDatabase} as ${request.credential.user}: ${classified.message} ${classified.hint}`,
    )
  }
  return {
    facts: (database, deprecated) => readServerFacts(client, database, deprecated),
    async run(statement) {
      for (let attempt = 0; ; attempt++) {
        try {
          return describeResult(statement, await client.query(statement))
        } catch (e) {
          const code = (e as { code?: unknown }).code
          const renameOrDrop = /^(ALTER|DROP) DATABASE /.test(statement)
          if (code !== IN_USE || !renameOrDrop || attempt >= IN_USE_RETRIES) throw e
          await pause(IN_USE_WAIT_MS)
        }
      }
    },
    lost: () => lost,
    async close() {
      await client.end().catch(() => undefined)
    },
  }
}

/** Whether an error means the session is gone (ended by an admin, the server, the network). */
export function isConnectionLoss(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown }
  const code = typeof e?.code === 'string' ? e.code : ''
  if (['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true
  const message = typeof e?.message === 'string' ? e.message : ''
  return /connection terminated|terminating connection|connection error|not queryable|ended by the server/i.test(
    message,
  )
}
