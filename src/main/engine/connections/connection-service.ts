import type pg from 'pg'
import type { ConnectionReport } from '../../../shared/connections'
import { describeTarget, ENDPOINT_LABELS } from '../../../shared/connection-targets'
import type {
  ChtSyncProfile,
  Connections,
  CouchdbProfile,
  EndpointId,
  PostgresProfile,
} from '../../../shared/project-schema'
import { classifyError, ConnectionFailure, type ClassifyContext } from './classify'
import { createCouchSession } from './couch-session'
import { detectChtSync } from './detect-cht-sync'
import { detectCouch2pg } from './detect-couch2pg'
import { detectCouchdb } from './detect-couchdb'
import type { Detection } from './detection'
import { noPassword, noProfile } from './failures'
import {
  createPostgresPools,
  DEFAULT_POSTGRES_LIMITS,
  type PostgresLimits,
  type PostgresPools,
} from './postgres-session'

export interface ConnectionServiceOptions {
  /** Connect, statement and idle-in-transaction limits of the PostgreSQL sessions. */
  limits?: Partial<PostgresLimits>
  /** Each CouchDB request is abandoned after this long (default 8 s). */
  requestTimeoutMs?: number
  /** A whole test gives up after this long, whatever it is waiting for (default 10 s). */
  deadlineMs?: number
  now?: () => Date
  log?: (message: string, error?: unknown) => void
}

/** Tests connections and owns the project's database pools. */
export interface ConnectionService {
  /**
   * Tests one endpoint of the project with the given password and reports what it found, or
   * the classified failure. Never throws for a failing connection: the report says `ok: false`.
   */
  test(
    endpoint: EndpointId,
    connections: Connections,
    password?: string | null,
  ): Promise<ConnectionReport>
  /** The read-only inspection pool of a PostgreSQL endpoint, for the checks that follow. */
  postgres(endpoint: 'couch2pg' | 'chtSync', profile: PostgresProfile, password: string): pg.Pool
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
): ClassifyContext {
  if (endpoint !== 'couchdb') {
    const pgProfile = profile as PostgresProfile
    return { endpoint, host: pgProfile.host, port: pgProfile.port, timeoutMs }
  }
  const url = new URL((profile as CouchdbProfile).url)
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port)
  return { endpoint, host: url.hostname, port, timeoutMs }
}

/**
 * Creates the connection service of one handler context.
 *
 * Each test builds its report the same way: the display target (never a password, SEC-09), the
 * probes of `detect-*.ts` run under an overall deadline, and any failure classified by
 * `classify.ts` with what was learnt before it. PostgreSQL probes go through the read-only pools
 * of `postgres-session.ts` (SEC-12); CouchDB probes through a GET-only session with a request
 * timeout. Unexpected failures (kind `other`) are logged with the target, for the developers.
 */
export function createConnectionService(options: ConnectionServiceOptions = {}): ConnectionService {
  const limits = { ...DEFAULT_POSTGRES_LIMITS, ...options.limits }
  const requestTimeoutMs = options.requestTimeoutMs ?? 8_000
  const deadlineMs = options.deadlineMs ?? 10_000
  const now = options.now ?? (() => new Date())
  const log =
    options.log ?? ((message: string, e?: unknown) => console.error(`[cht-migrate] ${message}`, e))
  const pools: PostgresPools = createPostgresPools({ limits, log })

  const probe = (
    endpoint: EndpointId,
    connections: Connections,
    password: string | null,
    signal: AbortSignal,
  ): Promise<Detection> => {
    if (endpoint === 'couchdb') {
      const profile = connections.couchdb as CouchdbProfile
      const session = createCouchSession(profile, password, { requestTimeoutMs, signal })
      return detectCouchdb(session, profile.username)
    }
    if (endpoint === 'couch2pg') {
      const profile = connections.couch2pg as PostgresProfile
      return detectCouch2pg(pools.get(endpoint, profile, password ?? ''))
    }
    const profile = connections.chtSync as ChtSyncProfile
    return detectChtSync(
      pools.get(endpoint, profile, password ?? ''),
      profile,
      connections.couch2pg,
    )
  }

  return {
    async test(endpoint, connections, password) {
      const testedAt = now().toISOString()
      const started = performance.now()
      const profile = connections[endpoint]
      const target = profile
        ? describeTarget(endpoint, profile)
        : `${ENDPOINT_LABELS[endpoint]} (not set)`
      const elapsed = () => Math.round(performance.now() - started)
      const secret = password === undefined || password === '' ? null : password
      try {
        if (!profile) throw noProfile(endpoint)
        const anonymous = endpoint === 'couchdb' && (profile as CouchdbProfile).username === ''
        if (!anonymous && secret === null) throw noPassword(endpoint, target)
        const detection = await withDeadline(
          (signal) => probe(endpoint, connections, secret, signal),
          deadlineMs,
          target,
        )
        return {
          endpoint,
          ok: true,
          testedAt,
          durationMs: elapsed(),
          target,
          serverVersion: detection.serverVersion,
          found: detection.found,
          detected: detection.detected,
          error: null,
        }
      } catch (e) {
        const timeoutMs = endpoint === 'couchdb' ? requestTimeoutMs : limits.connectTimeoutMs
        const error = profile
          ? classifyError(e, classifyContext(endpoint, profile, timeoutMs))
          : classifyError(e, { endpoint, host: target, port: null, timeoutMs })
        if (error.kind === 'other' && !(e instanceof ConnectionFailure)) {
          log(`testing ${target} failed unexpectedly`, e)
        }
        const partial = e instanceof ConnectionFailure ? e.partial : {}
        return {
          endpoint,
          ok: false,
          testedAt,
          durationMs: elapsed(),
          target,
          serverVersion: partial.serverVersion ?? null,
          found: partial.found ?? [],
          detected: partial.detected ?? {},
          error,
        }
      }
    },
    postgres: (endpoint, profile, password) => pools.get(endpoint, profile, password),
    closeAll: () => pools.closeAll(),
  }
}
