import pg from 'pg'
import {
  CHT_SYNC_DEFAULT_SCHEMA,
  CHT_SYNC_DEFAULT_TABLE,
} from '../../../../shared/connection-targets'
import type { ChtSyncProfile, PostgresProfile } from '../../../../shared/project-schema'
import { classifyError, type ClassifiedError } from '../../connections/classify'
import { hostAddresses } from '../../connections/same-database'
import { ClosingClient } from '../../db/closing-client'
import { postgresConfig, type PostgresLimits } from '../../db/pool-config'
import { readTransaction, type ReadTx } from '../../db/read-transaction'
import { loadSslFiles, type SslMaterial } from '../../db/ssl-files'
import type { CheckContext } from '../check-types'
import type { ChtSyncConfig } from '../config/config-types'
import { settingValue } from './access-config'

/** The PostgreSQL database CHT Sync's configuration names, as a profile, with its password. */
export interface ConfiguredPostgres {
  profile: PostgresProfile
  /** `POSTGRES_PASSWORD` as written; null when unset. Never stored or shown (SEC-09). */
  password: string | null
  schema: string
  table: string
  /** Defaults taken for settings that are not set, in words. */
  assumed: string[]
}

/**
 * CHT Sync's database from `POSTGRES_HOST`, `POSTGRES_PORT` (5432 when unset, as Compose),
 * `POSTGRES_DB`, `POSTGRES_USER`, `POSTGRES_SCHEMA` and `POSTGRES_TABLE` (v1 and couchdb when
 * unset, Helm's defaults); null when the host, database or user is missing.
 */
export function configuredPostgres(config: ChtSyncConfig): ConfiguredPostgres | null {
  const host = settingValue(config, 'POSTGRES_HOST')
  const database = settingValue(config, 'POSTGRES_DB')
  const user = settingValue(config, 'POSTGRES_USER')
  if (!host || !database || !user) return null
  const assumed: string[] = []
  const portText = settingValue(config, 'POSTGRES_PORT')
  const port = portText && /^\d{1,5}$/.test(portText) ? Number(portText) : 5432
  if (!portText) assumed.push('POSTGRES_PORT is not set: 5432, as Docker Compose does')
  const schema = settingValue(config, 'POSTGRES_SCHEMA') ?? CHT_SYNC_DEFAULT_SCHEMA
  if (!settingValue(config, 'POSTGRES_SCHEMA')) assumed.push('POSTGRES_SCHEMA is not set: v1')
  const table = settingValue(config, 'POSTGRES_TABLE') ?? CHT_SYNC_DEFAULT_TABLE
  if (!settingValue(config, 'POSTGRES_TABLE')) assumed.push('POSTGRES_TABLE is not set: couchdb')
  const password = config.settings.POSTGRES_PASSWORD?.value ?? null
  return {
    profile: { host, port, database, user, ssl: 'disable' },
    password: password === '' ? null : password,
    schema,
    table,
    assumed,
  }
}

/**
 * True when two hosts name the same server: equal ignoring case, or sharing an address once
 * resolved (`localhost`, `127.0.0.1` and `::1` are all this machine), on the same port.
 */
export async function sameServer(
  a: { host: string; port: number },
  b: { host: string; port: number },
): Promise<boolean> {
  if (a.port !== b.port) return false
  if (a.host.trim().toLowerCase() === b.host.trim().toLowerCase()) return true
  if (a.host.startsWith('/') || b.host.startsWith('/')) return false
  const [first, second] = await Promise.all([hostAddresses(a.host), hostAddresses(b.host)])
  return [...first].some((address) => second.has(address))
}

/** Connect and statement limits of the check's own session. */
export const CONFIGURED_LIMITS: PostgresLimits = {
  connectTimeoutMs: 8_000,
  statementTimeoutMs: 15_000,
  idleInTransactionTimeoutMs: 30_000,
}

/** The TLS the check's session uses: the project's CHT Sync profile's on its server, else none. */
export async function tlsFor(
  configured: ConfiguredPostgres,
  chtSync: ChtSyncProfile | null,
): Promise<{ profile: PostgresProfile; ssl: SslMaterial; fromProfile: boolean }> {
  if (chtSync && (await sameServer(configured.profile, chtSync))) {
    return {
      profile: { ...configured.profile, ssl: chtSync.ssl, sslFiles: chtSync.sslFiles },
      ssl: await loadSslFiles(chtSync.sslFiles),
      fromProfile: true,
    }
  }
  return { profile: configured.profile, ssl: {}, fromProfile: false }
}

/** A session that could not be opened or used, classified. */
export class ConfiguredSessionError extends Error {
  constructor(readonly failure: ClassifiedError) {
    super(failure.message)
    this.name = 'ConfiguredSessionError'
  }
}

/**
 * Runs `work` in one read-only transaction on a short-lived session of its own (a pool of one,
 * ended afterwards), opened with the configuration's credentials: connect and statement
 * timeouts, read-only from the start (`default_transaction_read_only`) and inside the gate's
 * `BEGIN READ ONLY` (SEC-12), cancelled with the check's signal. A failure to connect or to read
 * is thrown as a `ConfiguredSessionError` with its classification; cancelling rethrows as is.
 */
export async function withConfiguredSession<T>(
  ctx: CheckContext,
  profile: PostgresProfile,
  password: string | null,
  ssl: SslMaterial,
  work: (tx: ReadTx) => Promise<T>,
): Promise<T> {
  const pool = new pg.Pool({
    ...postgresConfig(profile, password, CONFIGURED_LIMITS, ssl),
    Client: ClosingClient,
    max: 1,
  })
  // An idle session that dies must not crash the process; the read reports the failure.
  pool.on('error', () => undefined)
  try {
    return await readTransaction(
      pool,
      {
        statementTimeoutMs: CONFIGURED_LIMITS.statementTimeoutMs,
        deadlineMs: 25_000,
        signal: ctx.signal,
      },
      work,
    )
  } catch (e) {
    if (ctx.signal.aborted) throw e
    throw new ConfiguredSessionError(
      classifyError(e, {
        endpoint: 'chtSync',
        host: profile.host,
        port: profile.port,
        timeoutMs: CONFIGURED_LIMITS.connectTimeoutMs,
        passwordGiven: password !== null,
      }),
    )
  } finally {
    await pool.end().catch(() => undefined)
  }
}
