import { execFile } from 'node:child_process'
import { describeTarget } from '../../../shared/connection-targets'
import type { ProjectDocument } from '../../../shared/project-schema'
import { AppError, isAppError } from '../../../shared/result'
import { classifyError } from '../connections/classify'
import { clipText, TEXT_LIMITS, type EndpointRef } from '../../../shared/results/common'
import { passwordFor } from '../connections/credentials'
import { readTransaction, SESSION_PROFILES } from '../db/read-transaction'
import type { Engine } from '../engine'
import { openCouchSource, type CouchSource } from '../parity/couch-source'
import type { CheckContext, ExecResult } from './check-types'
import { loadChtSyncConfig } from './config/load-config'
import { prometheusGet } from './monitor/prometheus-client'

/** Each CouchDB request of a check is abandoned after this long. */
export const CHECK_COUCH_REQUEST_MS = 20_000
/** The output kept of a program a check runs. */
const EXEC_MAX_BYTES = 64 * 1024

/** What a run shares between its checks: opened once, reused by each check's context. */
export interface RunShared {
  engine: Engine
  document: ProjectDocument
  startedAt: Date
  memo: Map<string, Promise<unknown>>
  sampleWindowMs: number
}

/**
 * A database that cannot be reached or refuses the session, said as "Test connection" says it
 * (refused, authentication, timeout…), rather than as an unexpected error.
 */
function unreachable(
  endpoint: 'couch2pg' | 'chtSync',
  error: unknown,
  doc: ProjectDocument,
  passwordGiven: boolean | undefined,
) {
  const profile = doc.connections[endpoint]
  const failure = classifyError(error, {
    endpoint,
    host: profile?.host ?? '',
    port: profile?.port ?? null,
    timeoutMs: SESSION_PROFILES.probe.statementTimeoutMs,
    // A server asking for a password none was known for is said as such, with where to give it.
    ...(passwordGiven === undefined ? {} : { passwordGiven }),
  })
  return new AppError('IO_ERROR', `${failure.message} ${failure.hint}`, {
    endpoint,
    kind: failure.kind,
    target: profile ? describeTarget(endpoint, profile) : null,
  })
}

/** How a project endpoint is shown in results (never a password); null when it is not set. */
export function endpointRef(
  document: ProjectDocument,
  endpoint: 'couchdb' | 'couch2pg' | 'chtSync',
): EndpointRef | null {
  const profile = document.connections[endpoint]
  if (!profile) return null
  return { endpoint, target: clipText(describeTarget(endpoint, profile), TEXT_LIMITS.line) }
}

const cancelled = () => new AppError('CANCELLED', 'The checks were cancelled.')

/** Waits `ms`, or rejects with CANCELLED as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(cancelled())
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(cancelled())
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** Runs a program without a shell, bounded in time and output; null when it is not installed. */
export function runProgram(
  command: string,
  args: readonly string[],
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ExecResult | null> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      [...args],
      { timeout: timeoutMs, maxBuffer: EXEC_MAX_BYTES, signal, windowsHide: true },
      (error, stdout, stderr) => {
        const code = error && 'code' in error ? error.code : 0
        if (code === 'ENOENT') return resolve(null)
        const killed = error !== null && (error as { killed?: boolean }).killed === true
        resolve({
          code: typeof code === 'number' ? code : error ? null : 0,
          stdout: clipText(String(stdout), TEXT_LIMITS.paragraph),
          stderr: clipText(String(stderr), TEXT_LIMITS.paragraph),
          timedOut: killed && !signal.aborted,
        })
      },
    )
    child.stdin?.end()
  })
}

/**
 * The context of one check: the run's shared pieces (configuration, CouchDB, pools, memo) and
 * the check's own signal (the run's Cancel joined to its timeout).
 */
export function checkContext(shared: RunShared, signal: AbortSignal): CheckContext {
  const { engine, document } = shared
  const connections = document.connections
  const memo = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    let entry = shared.memo.get(key) as Promise<T> | undefined
    if (!entry) {
      entry = work()
      shared.memo.set(key, entry)
      // A cancelled or timed-out computation is not kept (the next check tries again); a lasting
      // failure (a file that cannot be read) is, so later checks do not read it again.
      entry.catch((e: unknown) => {
        if (signal.aborted || !isAppError(e) || e.code === 'CANCELLED' || e.code === 'TIMEOUT') {
          shared.memo.delete(key)
        }
      })
    }
    return entry
  }
  const passwordGiven: Partial<Record<'couch2pg' | 'chtSync', boolean>> = {}
  const pool = async (endpoint: 'couch2pg' | 'chtSync') => {
    const profile = connections[endpoint]
    if (!profile) {
      throw new AppError(
        'BAD_REQUEST',
        `Set the ${endpoint === 'couch2pg' ? 'couch2pg' : 'CHT Sync'} connection first (Connections page).`,
      )
    }
    const password = await passwordFor(endpoint, profile, {
      secrets: { store: engine.secrets, project: document.id },
    })
    passwordGiven[endpoint] = password !== null
    return engine.connections.postgres(endpoint, profile, password)
  }
  return {
    signal,
    document,
    now: () => shared.startedAt,
    config: () => memo('config', () => loadChtSyncConfig(document.checks)),
    async couch(): Promise<CouchSource> {
      const profile = connections.couchdb
      if (!profile) throw new AppError('BAD_REQUEST', 'Set the CouchDB connection first.')
      const password = await memo('couch-password', () =>
        passwordFor('couchdb', profile, {
          secrets: { store: engine.secrets, project: document.id },
        }),
      )
      // Opened per check, so each request follows this check's signal and timeout.
      return openCouchSource(profile, password, {
        signal,
        requestTimeoutMs: CHECK_COUCH_REQUEST_MS,
      })
    },
    pool,
    async read(endpoint, work, options = {}) {
      try {
        return await readTransaction(
          await pool(endpoint),
          { statementTimeoutMs: SESSION_PROFILES.probe.statementTimeoutMs, ...options, signal },
          work,
        )
      } catch (e) {
        if (signal.aborted || isAppError(e)) throw e
        throw unreachable(endpoint, e, document, passwordGiven[endpoint])
      }
    },
    endpointRef: (endpoint) => endpointRef(document, endpoint),
    async prometheus(path, query) {
      const url = document.checks.watchdogUrl
      if (!url) throw new AppError('BAD_REQUEST', 'Give the CHT Watchdog Prometheus address first.')
      return prometheusGet(url, path, query, { signal })
    },
    exec: (command, args, timeoutMs) => runProgram(command, args, timeoutMs, signal),
    memo,
    sleep: (ms) => abortableSleep(ms, signal),
    sampleWindowMs: shared.sampleWindowMs,
  }
}
