import nano from 'nano'
import type { CouchdbProfile } from '../../../shared/project-schema'
import { couchBaseUrl } from '../../../shared/connection-targets'
import { AppError } from '../../../shared/result'
import { couchAppError, type CouchFailure, type CouchRequestContext } from './couch-errors'

/** How a CouchDB source is opened. */
export interface CouchSourceOptions {
  /** The run's signal: aborting it stops every request, which then rejects with `CANCELLED`. */
  signal?: AbortSignal
  /** Each request is abandoned after this long (a `timeout` failure). */
  requestTimeoutMs: number
}

/** One read through nano: a GET (or a POST of a JSON body) of a path in a database. */
export interface CouchRead {
  /** The database, or null for the server itself. */
  db: string | null
  /** Below the database (`_all_docs`), unencoded; empty for the database itself. */
  path?: string
  method?: 'GET' | 'POST'
  /** Query parameters; `startkey`, `keys`… are JSON-encoded by nano. */
  qs?: Record<string, string | number | boolean>
  body?: object
  /** The most bytes of answer read; a longer one is a `not_couchdb` failure. */
  maxBytes: number
}

/** A CHT CouchDB opened for parity: reads through nano, bounded, classified. */
export interface CouchSource {
  /** The server's base URL, without credentials. */
  readonly baseUrl: string
  /** The run's signal, if any. */
  readonly signal: AbortSignal | undefined
  /** Sends one read and returns CouchDB's JSON object, or throws a classified `AppError`. */
  read(read: CouchRead): Promise<Record<string, unknown>>
}

/** A small answer (database information, `pending`) is never near this. */
export const SMALL_ANSWER_BYTES = 1024 * 1024

/** nano's request options, with the `signal` nano 11 passes to fetch but does not declare. */
type RelaxOptions = nano.RequestOptions & { signal?: AbortSignal }

/**
 * The part of undici's dispatcher handler the byte bound needs; both of undici's handler shapes
 * (6: `onConnect`/`onData`/`onError`; 7: `onRequestStart`/`onResponseData`/`onResponseError`).
 */
interface Handler {
  onConnect?: (abort: (reason?: unknown) => void, context?: unknown) => void
  onData?: (chunk: Uint8Array) => boolean
  onError?: (error: unknown) => void
  onRequestStart?: (controller: { abort: (reason: Error) => void }, context: unknown) => void
  onResponseData?: (controller: unknown, chunk: Uint8Array) => void
  onResponseError?: (controller: unknown, error: unknown) => void
}
interface Dispatcher {
  dispatch(options: unknown, handler: Handler): boolean
}

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1')

/**
 * Node's own fetch dispatcher, which the per-request one wraps. Node creates it on the first
 * `fetch` call; a `data:` fetch (no network) makes sure it exists.
 */
function baseDispatcher(): Dispatcher {
  const slot = globalThis as Record<symbol, unknown>
  if (!slot[GLOBAL_DISPATCHER]) void fetch('data:,').catch(() => undefined)
  const found = slot[GLOBAL_DISPATCHER]
  if (!found || typeof (found as Dispatcher).dispatch !== 'function') {
    throw new AppError('INTERNAL', 'Node’s HTTP client has no dispatcher to bound answers with.')
  }
  return found as Dispatcher
}

/**
 * A dispatcher for one request: forwards to Node's, counts the answer's bytes and aborts past
 * `maxBytes`, and records the transport error (with its errno code) that nano 11 would reduce
 * to "error happened in your connection".
 */
function boundedDispatcher(base: Dispatcher, maxBytes: number, failure: CouchFailure): Dispatcher {
  return {
    dispatch(options, handler) {
      let total = 0
      let abort: ((reason: Error) => void) | null = null
      const over = (size: number): boolean => {
        total += size
        if (total <= maxBytes || failure.tooLarge) return false
        failure.tooLarge = { maxBytes }
        abort?.(new Error(`answer longer than ${maxBytes} bytes`))
        return true
      }
      // The original handler keeps state on `this` (fetch's sets `this.body` in `onHeaders`):
      // every method, wrapped or inherited, runs with `this` the wrapper.
      const wrapped: Handler = Object.create(handler) as Handler
      if (handler.onConnect) {
        wrapped.onConnect = (a, context) => {
          abort = a
          handler.onConnect?.call(wrapped, a, context)
        }
      }
      if (handler.onData) {
        wrapped.onData = (chunk) =>
          over(chunk.byteLength) ? false : handler.onData!.call(wrapped, chunk)
      }
      if (handler.onError) {
        wrapped.onError = (error) => {
          failure.transport ??= error
          handler.onError?.call(wrapped, error)
        }
      }
      if (handler.onRequestStart) {
        wrapped.onRequestStart = (controller, context) => {
          abort = (reason) => controller.abort(reason)
          handler.onRequestStart?.call(wrapped, controller, context)
        }
      }
      if (handler.onResponseData) {
        wrapped.onResponseData = (controller, chunk) => {
          if (!over(chunk.byteLength)) handler.onResponseData?.call(wrapped, controller, chunk)
        }
      }
      if (handler.onResponseError) {
        wrapped.onResponseError = (controller, error) => {
          failure.transport ??= error
          handler.onResponseError?.call(wrapped, controller, error)
        }
      }
      return base.dispatch(options, wrapped)
    },
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Opens the CHT's CouchDB for parity reads through nano (the product's CouchDB client).
 *
 * Authentication is HTTP Basic in nano's default headers, never in the URL, so no nano log line
 * or error can carry the password (SEC-09). Each read gets its own timeout (`requestTimeoutMs`)
 * joined to the run's signal, and its own dispatcher, swapped into nano's config just before the
 * call (nano reads it synchronously while building the fetch), which bounds the bytes read
 * (nano buffers whole answers with `response.json()`) and keeps the transport error that nano
 * drops, so failures are classified as "Test connection" classifies them. Answers are asked for
 * uncompressed (`identity`): the bound then holds for the decoded size too, where a gzip answer
 * of a few kilobytes could inflate to gigabytes.
 */
export function openCouchSource(
  profile: CouchdbProfile,
  password: string | null,
  options: CouchSourceOptions,
): CouchSource {
  const baseUrl = couchBaseUrl(profile)
  const url = new URL(baseUrl)
  const headers: Record<string, string> = { 'Accept-Encoding': 'identity' }
  if (profile.username !== '') {
    const basic = Buffer.from(`${profile.username}:${password ?? ''}`, 'utf8').toString('base64')
    headers.Authorization = `Basic ${basic}`
  }
  // parseUrl false: the profile's path (a CHT behind a prefix) is the server, not a database.
  const configuration: nano.Configuration & { parseUrl: boolean } = {
    url: baseUrl,
    parseUrl: false,
    headers,
  }
  const client = nano(configuration)
  const config = client.config as { agent?: Dispatcher }
  const base = baseDispatcher()
  const context = (db: string | null): CouchRequestContext => ({
    baseUrl,
    host: url.hostname,
    port: url.port === '' ? null : Number(url.port),
    username: profile.username,
    requestTimeoutMs: options.requestTimeoutMs,
    db,
  })

  return {
    baseUrl,
    signal: options.signal,
    async read(read) {
      const failure: CouchFailure = {
        cancelled: false,
        timedOut: false,
        tooLarge: null,
        transport: null,
        nano: null,
        malformed: false,
      }
      if (options.signal?.aborted) throw new AppError('CANCELLED', 'The comparison was cancelled.')
      const timeout = AbortSignal.timeout(options.requestTimeoutMs)
      const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
      // nano appends `path` to the encoded database name as it is (already safe here).
      const relax: RelaxOptions = {
        method: read.method ?? 'GET',
        signal,
        path: read.path ?? '',
        ...(read.db === null ? {} : { db: read.db }),
        ...(read.qs ? { qs: read.qs } : {}),
        ...(read.body ? { body: read.body } : {}),
      }
      let answer: unknown
      try {
        let pending: Promise<unknown>
        try {
          // nano copies `config.agent` into the fetch synchronously: this read's dispatcher only.
          config.agent = boundedDispatcher(base, read.maxBytes, failure)
          pending = client.relax(relax) as Promise<unknown>
        } finally {
          config.agent = undefined
        }
        answer = await pending
      } catch (error) {
        failure.nano = error
        failure.cancelled = options.signal?.aborted === true
        failure.timedOut = !failure.cancelled && timeout.aborted
        throw couchAppError(failure, context(read.db))
      }
      if (failure.tooLarge || !isObject(answer)) {
        failure.malformed = true
        failure.cancelled = options.signal?.aborted === true
        failure.timedOut = !failure.cancelled && timeout.aborted
        throw couchAppError(failure, context(read.db))
      }
      return answer
    },
  }
}
