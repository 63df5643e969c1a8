import type pg from 'pg'
import { describeTarget, ENDPOINT_LABELS } from '../../../shared/connection-targets'
import type {
  ChtSyncProfile,
  Connections,
  CouchdbProfile,
  EndpointId,
  PostgresProfile,
} from '../../../shared/project-schema'
import type { ConnectionContext } from '../../../shared/results/connection-context'
import type { NewResult } from '../../../shared/results/result-schema'
import { DEFAULT_POSTGRES_LIMITS, isSocketHost, type PostgresLimits } from '../db/pool-config'
import { createPostgresPools } from '../db/pools'
import type { ReadOptions } from '../db/read-transaction'
import { classifyError, ConnectionFailure, type ClassifyContext } from './classify'
import { notPostgresql } from './classify-postgres'
import { connectionResult } from './connection-outcome'
import { createCouchSession } from './couch-session'
import { passwordFor, type PasswordRequest } from './credentials'
import { detectChtSync } from './detect-cht-sync'
import { detectCouch2pg } from './detect-couch2pg'
import { detectCouchdb } from './detect-couchdb'
import type { Detection } from './detection'
import { noPassword, noProfile } from './failures'
import type { LookupAll } from './same-database'
import { sniffPort } from './sniff-port'
import { stderrLog } from '../log/log'

export interface ConnectionServiceOptions {
  /** Connect, statement and idle-in-transaction limits of the PostgreSQL sessions. */
  limits?: Partial<PostgresLimits>
  /** Each CouchDB request is abandoned after this long (default 8 s). */
  requestTimeoutMs?: number
  /** A whole test gives up after this long, whatever it is waiting for (default 10 s). */
  deadlineMs?: number
  now?: () => Date
  log?: (message: string, error?: unknown) => void
  /** Resolves host names when two PostgreSQL profiles are compared (node:dns unless given). */
  lookup?: LookupAll
}

/** Tests connections and owns the project's database pools. */
export interface ConnectionService {
  /**
   * Tests one endpoint of the project and returns its result, ready to record: what the server
   * is and the typed facts the probes learnt, or the classified failure (with whatever was learnt
   * before it). The password is the one given (a string: typed, or the demo's), else the secret
   * store's, else none (see `passwordFor`). Never throws for a failing connection.
   *
   * `context` holds the latest facts of the other endpoints (`connectionContextOf` of the
   * project's results): a PostgreSQL result then warns of the databases its pipeline should copy
   * and does not. When several endpoints are tested together, test CouchDB first and pass its
   * facts on.
   */
  test(
    endpoint: EndpointId,
    connections: Connections,
    password?: PasswordRequest | string | null,
    context?: ConnectionContext,
  ): Promise<NewResult>
  /** The read-only inspection pool of a PostgreSQL endpoint, for the checks that follow. */
  postgres(
    endpoint: 'couch2pg' | 'chtSync',
    profile: PostgresProfile,
    password: string | null,
  ): Promise<pg.Pool>
  /** Closes every pool: when the project closes or changes, and when the process stops. */
  closeAll(): Promise<void>
}

/** Runs `work`, or rejects with a classified timeout once `ms` have passed (and aborts it). */
async function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  target: string,
): Promise<T> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Aborting cancels a running PostgreSQL query on the server too (readTransaction).
      controller.abort()
      reject(
        new ConnectionFailure(
          'timeout',
          `${target} did not finish answering within ${Math.round(ms / 1000)} s.`,
          'The server or the network is very slow, or a firewall holds the connection open without answering. Check the address, then test again.',
        ),
      )
    }, ms)
  })
  try {
    return await Promise.race([work(controller.signal), deadline])
  } finally {
    clearTimeout(timer)
  }
}

function classifyContext(
  endpoint: EndpointId,
  profile: CouchdbProfile | PostgresProfile,
  timeoutMs: number,
  passwordGiven: boolean,
): ClassifyContext {
  if (endpoint !== 'couchdb') {
    const pgProfile = profile as PostgresProfile
    return { endpoint, host: pgProfile.host, port: pgProfile.port, timeoutMs, passwordGiven }
  }
  const url = new URL((profile as CouchdbProfile).url)
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port)
  return { endpoint, host: url.hostname, port, timeoutMs }
}

/**
 * Creates the connection service of one handler context.
 *
 * Each test builds its result the same way: the display target (never a password, SEC-09), the
 * probes of `detect-*.ts` run under an overall deadline (which cancels a running query on the
 * server), and any failure classified by `classify.ts` with what was learnt before it; a
 * PostgreSQL profile whose port hung up during the handshake is sniffed to say what it is. The
 * PostgreSQL probes go through the gate of `engine/db` (SEC-12); CouchDB probes through a
 * GET-only session with a request timeout. Unexpected failures (kind `other`) are logged with
 * the target, for the developers.
 */
export function createConnectionService(options: ConnectionServiceOptions = {}): ConnectionService {
  const limits = { ...DEFAULT_POSTGRES_LIMITS, ...options.limits }
  const requestTimeoutMs = options.requestTimeoutMs ?? 8_000
  const deadlineMs = options.deadlineMs ?? 10_000
  const now = options.now ?? (() => new Date())
  const log = options.log ?? ((message: string, e?: unknown) => stderrLog.error(message, e))
  const pools = createPostgresPools({ limits, log })

  const probe = async (
    endpoint: EndpointId,
    connections: Connections,
    password: string | null,
    signal: AbortSignal,
  ): Promise<Detection> => {
    const read: ReadOptions = { statementTimeoutMs: limits.statementTimeoutMs, signal }
    if (endpoint === 'couchdb') {
      const profile = connections.couchdb as CouchdbProfile
      const session = createCouchSession(profile, password, { requestTimeoutMs, signal })
      return detectCouchdb(session, profile.username)
    }
    if (endpoint === 'couch2pg') {
      const profile = connections.couch2pg as PostgresProfile
      return detectCouch2pg(await pools.get(endpoint, profile, password), read)
    }
    const profile = connections.chtSync as ChtSyncProfile
    const pool = await pools.get(endpoint, profile, password)
    return detectChtSync(pool, profile, connections.couch2pg, read, { lookup: options.lookup })
  }

  return {
    async test(endpoint, connections, given = {}, context = {}) {
      const request: PasswordRequest =
        typeof given === 'string' || given === null ? { typed: given } : given
      const ranAt = now().toISOString()
      const started = performance.now()
      const profile = connections[endpoint]
      const target = profile
        ? describeTarget(endpoint, profile)
        : `${ENDPOINT_LABELS[endpoint]} (not set)`
      const elapsed = () => Math.round(performance.now() - started)
      const outcome = { endpoint, target, ranAt }
      let password: string | null = null
      try {
        if (!profile) throw noProfile(endpoint)
        password = await passwordFor(endpoint, profile, request)
        // CouchDB users always have a password; PostgreSQL may need none (see postgresConfig).
        const couchUser = endpoint === 'couchdb' && (profile as CouchdbProfile).username !== ''
        if (couchUser && password === null) throw noPassword(endpoint, target)
        const detection = await withDeadline(
          (signal) => probe(endpoint, connections, password, signal),
          deadlineMs,
          target,
        )
        return connectionResult(
          {
            ...outcome,
            durationMs: elapsed(),
            serverLabel: detection.serverLabel,
            facts: detection.facts,
            error: null,
          },
          context,
        )
      } catch (e) {
        const timeoutMs = endpoint === 'couchdb' ? requestTimeoutMs : limits.connectTimeoutMs
        let error = profile
          ? classifyError(e, classifyContext(endpoint, profile, timeoutMs, password !== null))
          : classifyError(e, { endpoint, host: target, port: null, timeoutMs })
        if (error.kind === 'not_postgresql' && profile && endpoint !== 'couchdb') {
          const { host, port } = profile as PostgresProfile
          if (!isSocketHost(host)) {
            error = notPostgresql(`${host}:${port}`, await sniffPort(host, port))
          }
        }
        if (error.kind === 'other' && !(e instanceof ConnectionFailure)) {
          log(`testing ${target} failed unexpectedly`, e)
        }
        const learnt = e instanceof ConnectionFailure ? e.learnt : {}
        return connectionResult({
          ...outcome,
          durationMs: elapsed(),
          serverLabel: learnt.serverLabel ?? null,
          facts: learnt.facts ?? null,
          error: { ...error, looksLike: error.looksLike ?? null },
        })
      }
    },
    postgres: (endpoint, profile, password) => pools.get(endpoint, profile, password),
    closeAll: () => pools.closeAll(),
  }
}
