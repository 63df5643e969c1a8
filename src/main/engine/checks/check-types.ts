import type pg from 'pg'
import type { CheckMeta } from '../../../shared/checks/check-catalog'
import type { ProjectDocument } from '../../../shared/project-schema'
import type { EvidenceItem } from '../../../shared/results/check-result'
import type { EndpointRef } from '../../../shared/results/common'
import type { ReadOptions, ReadTx } from '../db/read-transaction'
import type { CouchSource } from '../parity/couch-client'
import type { ChtSyncConfig } from './config/config-types'

/** What a check's run found: its verdict, a summary, typed evidence and what to do. */
export interface CheckOutcome {
  /** `error` is the runner's: a check that cannot decide throws (an `AppError` says why). */
  verdict: 'pass' | 'warn' | 'fail' | 'skipped'
  /** One or two sentences, for people. */
  summary: string
  evidence?: EvidenceItem[]
  /** What to do (on warn and fail); the check's CHT page is used when `docUrl` is left out. */
  remedy?: { text: string; docUrl?: string | null } | null
  /** On `skipped`: why, in words. */
  skippedBecause?: string
  /** The endpoints it read, as shown (never a password). */
  endpoints?: EndpointRef[]
}

/** The result of running a program: exit code and bounded output; null when it is not installed. */
export interface ExecResult {
  code: number | null
  stdout: string
  stderr: string
  timedOut: boolean
}

/**
 * What a check may use. Everything is opened lazily and shared by the checks of one run
 * (`memo`), so ten checks reading CouchDB's database list ask once. Every read is bounded and
 * follows `signal` (the run's Cancel joined to the check's timeout).
 */
export interface CheckContext {
  /** Aborted by Cancel and when the check's time is up. */
  signal: AbortSignal
  /** The project as it was when the run started. */
  document: ProjectDocument
  /** When the run started. */
  now(): Date
  /**
   * CHT Sync's configuration (the `.env`, else the `values.yaml`, chosen in the project), read and
   * parsed once per run; null when none is chosen. Throws an `AppError` when the file cannot be read.
   */
  config(): Promise<ChtSyncConfig | null>
  /** The project's CouchDB (its password from the secret store), bounded reads; throws when unset. */
  couch(): Promise<CouchSource>
  /** The read-only inspection pool of a PostgreSQL endpoint of the project; throws when unset. */
  pool(endpoint: 'couch2pg' | 'chtSync'): Promise<pg.Pool>
  /** A read-only transaction on an endpoint with the probe profile's timeout and `signal`. */
  read<T>(
    endpoint: 'couch2pg' | 'chtSync',
    work: (tx: ReadTx) => Promise<T>,
    options?: Partial<ReadOptions>,
  ): Promise<T>
  /** How a project endpoint is shown in results (never a password). */
  endpointRef(endpoint: 'couchdb' | 'couch2pg' | 'chtSync'): EndpointRef | null
  /**
   * GETs a JSON answer from CHT Watchdog's Prometheus (`/api/v1/query?query=…`), at most 4 MB,
   * within the check's time; throws a classified `AppError` (unreachable, timeout, not Prometheus).
   */
  prometheus(path: string, query?: Record<string, string>): Promise<unknown>
  /** Runs a program (no shell) with a time limit and bounded output; null when it is not found. */
  exec(command: string, args: readonly string[], timeoutMs: number): Promise<ExecResult | null>
  /** Computes `work` once per run under `key` (shared between checks). */
  memo<T>(key: string, work: () => Promise<T>): Promise<T>
  /** Waits, or rejects with CANCELLED when `signal` aborts. */
  sleep(ms: number): Promise<void>
  /** How long `setup.arriving` waits between its two samples (tests shorten it). */
  sampleWindowMs: number
}

/** A check: its catalog entry and its run. */
export interface CheckDef extends CheckMeta {
  run(ctx: CheckContext): Promise<CheckOutcome>
}
