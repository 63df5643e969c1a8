import pg from 'pg'
import { expect } from 'vitest'
import type {
  CheckContext,
  CheckDef,
  CheckOutcome,
} from '../../../../src/main/engine/checks/check-types'
import type { ChtSyncConfig } from '../../../../src/main/engine/checks/config/config-types'
import { createPostgresPools } from '../../../../src/main/engine/db/pools'
import { readTransaction } from '../../../../src/main/engine/db/read-transaction'
import { openCouchSource, type CouchSource } from '../../../../src/main/engine/parity/couch-source'
import { AppError } from '../../../../src/shared/result'
import { evidenceItemSchema } from '../../../../src/shared/results/check-result'
import { sampleDocument } from '../../../support/project-fixtures'
import { createTestCouchDatabases, testCouchdb } from '../../../support/test-couchdb'
import { createTestDatabase, testPostgres } from '../../../support/test-postgres'
import { harnessProfile, TEST_LIMITS } from '../../../support/test-pools'

/**
 * Real servers for the pipeline checks: a CHT Sync database (and, when asked, a couch2pg one) on
 * the run's PostgreSQL, built by hand per test, and CouchDB databases on the run's
 * CouchDB-compatible server (CouchDB 3's opaque sequences). Checks run against a check context
 * made from them as the runner makes one: read-only transactions with a signal, bounded CouchDB
 * reads, one memo per "run".
 */

export type Db = 'medic' | 'medic-sentinel'
type TestDb = Awaited<ReturnType<typeof createTestDatabase>>

/** The host CHT Sync's progress rows name: never the address the wizard uses. */
export const SYNC_HOST = 'cht.example.org'
/** The host couch2pg's progress rows name. */
export const OLD_HOST = '192.168.1.20:5984'

export interface Harness {
  couch: Awaited<ReturnType<typeof createTestCouchDatabases<Db>>>
  sync: TestDb
  /** A superuser session on the CHT Sync database, to build it (the checks only read). */
  sql: pg.Client
  old: TestDb | null
  oldSql: pg.Client | null
  /** CouchDB's update_seq of a database now. */
  updateSeq(db: Db): Promise<string>
  /** `host/<test database name>`: a CHT Sync source. */
  source(db: Db): string
  close(): Promise<void>
}

export async function harness(options: { couch2pg?: boolean } = {}): Promise<Harness> {
  const couch = await createTestCouchDatabases('medic', 'medic-sentinel')
  const sync = await createTestDatabase('sync')
  const sql = await sync.client()
  const old = options.couch2pg ? await createTestDatabase('old') : null
  const oldSql = old ? await old.client() : null
  return {
    couch,
    sync,
    sql,
    old,
    oldSql,
    async updateSeq(db) {
      const response = await couch.request(`/${encodeURIComponent(couch.names[db])}`)
      return String(((await response.json()) as { update_seq: string }).update_seq)
    },
    source: (db) => `${SYNC_HOST}/${couch.names[db]}`,
    async close() {
      await sql.end()
      await oldSql?.end()
      await sync.drop()
      await old?.drop()
      await couch.drop()
    },
  }
}

export interface ContextOptions {
  schema?: string
  table?: string
  couch2pg?: boolean
  config?: () => Promise<ChtSyncConfig | null>
  sampleWindowMs?: number
  /** Runs at the start of each `sleep` (between the two samples of setup.arriving). */
  onSleep?: () => Promise<void>
  /** Shared between contexts to play one run (default: a new one). */
  memo?: Map<string, Promise<unknown>>
  /** Counts CouchDB reads by path (`_changes`, `''` for the database). */
  couchReads?: Map<string, number>
}

/** A check context on the harness, shaped like the runner's (`check-context.ts`). */
export function contextFor(h: Harness, options: ContextOptions = {}) {
  const pools = createPostgresPools({ limits: TEST_LIMITS, log: () => undefined })
  const { url, username, password } = testCouchdb()
  const chtSync = {
    ...harnessProfile(h.sync.name),
    schema: options.schema ?? 'v1',
    table: options.table ?? 'couchdb',
  }
  const document = sampleDocument({
    connections: {
      couchdb: { url, username },
      couch2pg: options.couch2pg && h.old ? harnessProfile(h.old.name) : null,
      chtSync,
    },
  })
  const controller = new AbortController()
  const memoMap = options.memo ?? new Map<string, Promise<unknown>>()
  const pool = (endpoint: 'couch2pg' | 'chtSync') => {
    const profile = document.connections[endpoint]
    if (!profile) throw new AppError('BAD_REQUEST', `no ${endpoint} connection`)
    return pools.get(endpoint, profile, testPostgres().password)
  }
  const ctx: CheckContext = {
    signal: controller.signal,
    document,
    now: () => new Date(),
    config: options.config ?? (async () => null),
    async couch(): Promise<CouchSource> {
      const source = openCouchSource({ url, username }, password, {
        signal: controller.signal,
        requestTimeoutMs: 10_000,
      })
      const reads = options.couchReads
      if (!reads) return source
      return {
        baseUrl: source.baseUrl,
        signal: source.signal,
        read(read) {
          reads.set(read.path ?? '', (reads.get(read.path ?? '') ?? 0) + 1)
          return source.read(read)
        },
      }
    },
    pool,
    async read(endpoint, work, readOptions = {}) {
      return readTransaction(
        await pool(endpoint),
        { statementTimeoutMs: 10_000, ...readOptions, signal: controller.signal },
        work,
      )
    },
    endpointRef: (endpoint) => ({ endpoint, target: `test ${endpoint}` }),
    prometheus: async () => {
      throw new Error('no Prometheus in these tests')
    },
    exec: async () => null,
    memo<T>(key: string, work: () => Promise<T>): Promise<T> {
      let entry = memoMap.get(key) as Promise<T> | undefined
      if (!entry) {
        entry = work()
        memoMap.set(key, entry)
        entry.catch(() => memoMap.delete(key))
      }
      return entry
    },
    async sleep(ms) {
      await options.onSleep?.()
      await new Promise((resolve) => setTimeout(resolve, ms))
    },
    sampleWindowMs: options.sampleWindowMs ?? 150,
  }
  return { ctx, close: () => pools.closeAll(), abort: () => controller.abort() }
}

/** Runs a check and checks that every evidence item it gives is one the project file accepts. */
export async function runCheck(
  check: CheckDef,
  h: Harness,
  options: ContextOptions = {},
): Promise<CheckOutcome> {
  const { ctx, close } = contextFor(h, options)
  try {
    const outcome = await check.run(ctx)
    for (const item of outcome.evidence ?? []) {
      expect(evidenceItemSchema.safeParse(item).success, JSON.stringify(item)).toBe(true)
    }
    return outcome
  } finally {
    await close()
  }
}

/** The `Looks like` fact, or a table's rows by caption. */
export const fact = (o: CheckOutcome, label: string) =>
  o.evidence?.find((e) => e.type === 'fact' && e.label === label)
export const table = (o: CheckOutcome, caption: RegExp) => {
  const item = o.evidence?.find((e) => e.type === 'table' && caption.test(e.caption))
  return item?.type === 'table' ? item.rows : undefined
}

const q = pg.escapeIdentifier

/** CHT Sync 2's tables (reference 2.3), as its services create them. */
export async function chtSyncV2(c: pg.Client, schema = 'v1', table = 'couchdb'): Promise<void> {
  const s = q(schema)
  await c.query(`CREATE SCHEMA IF NOT EXISTS ${s}`)
  await c.query(`CREATE TABLE ${s}.${q(table)} (saved_timestamp TIMESTAMP, _id VARCHAR PRIMARY KEY,
    _deleted BOOLEAN, source varchar, doc jsonb)`)
  await c.query(`CREATE INDEX saved_timestamp ON ${s}.${q(table)} (saved_timestamp)`)
  await c.query(`CREATE TABLE ${s}.couchdb_progress (seq varchar, pending integer,
    updated_at timestamptz, source varchar PRIMARY KEY)`)
  await c.query(`CREATE TABLE ${s}._dataemon (inserted_on TIMESTAMP DEFAULT NOW(), packages jsonb,
    manifest jsonb, dbt_selector text)`)
}

/** cht-pipeline's document_metadata and dbt_results (reference 3.2). */
export async function pipelineModels(c: pg.Client, schema = 'v1'): Promise<void> {
  const s = q(schema)
  await c.query(`CREATE TABLE ${s}.document_metadata (uuid text PRIMARY KEY, _deleted boolean,
    saved_timestamp timestamp, doc_type text, instance text, dbname text)`)
  await c.query(`CREATE TABLE ${s}.contact (uuid text PRIMARY KEY, saved_timestamp timestamp)`)
  await c.query(`CREATE TABLE ${s}.dbt_results (result_id text PRIMARY KEY, invocation_id text,
    unique_id text, database_name text, schema_name text, name text, resource_type text,
    status text, start_time timestamp, end_time timestamp, execution_time double precision,
    rows_affected integer)`)
}

/** `now` minus an interval, as UTC wall time (how CHT Sync's `timestamp` columns hold it). */
export const ago = (interval: string) => `(now() AT TIME ZONE 'UTC') - interval '${interval}'`

/** Raw rows saved `interval` ago; `model` also puts them in document_metadata. */
export async function rawRows(
  c: pg.Client,
  ids: string[],
  options: { interval: string; source?: string; deleted?: boolean; model?: boolean },
): Promise<void> {
  for (const id of ids) {
    await c.query(
      `INSERT INTO v1.couchdb (saved_timestamp, _id, _deleted, source, doc)
       VALUES (${ago(options.interval)}, $1::text, $2, $3, jsonb_build_object('_id', $1::text))`,
      [id, options.deleted ?? false, options.source ?? `${SYNC_HOST}/medic`],
    )
    if (options.model) {
      await c.query(
        `INSERT INTO v1.document_metadata (uuid, _deleted, saved_timestamp)
         VALUES ($1::text, false, ${ago(options.interval)})`,
        [id],
      )
    }
  }
}

/** One dbt invocation started `interval` ago, one row per model with its status. */
export async function dbtRun(
  c: pg.Client,
  id: string,
  interval: string,
  models: Record<string, string>,
  rowsAffected: Record<string, number> = {},
): Promise<void> {
  for (const [name, status] of Object.entries(models)) {
    await c.query(
      `INSERT INTO v1.dbt_results (result_id, invocation_id, unique_id, name, resource_type,
         status, start_time, end_time, execution_time, rows_affected)
       VALUES ($1::text || '.' || $2::text, $1, 'model.cht_pipeline_base.' || $2::text, $2, 'model', $3,
               ${ago(interval)}, ${ago(interval)}, 0.1, $4)`,
      [id, name, status, rowsAffected[name] ?? 0],
    )
  }
}

/** A CHT Sync progress row updated `interval` ago. */
export async function progressRow(
  c: pg.Client,
  source: string,
  seq: string,
  options: { pending?: number | null; interval?: string } = {},
): Promise<void> {
  await c.query(
    `INSERT INTO v1.couchdb_progress (seq, pending, source, updated_at)
     VALUES ($1, $2, $3, now() - interval '${options.interval ?? '2 seconds'}')`,
    [seq, options.pending ?? null, source],
  )
}

/** `n` small documents `prefix-0…`. */
export const docs = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ _id: `${prefix}-${i}`, type: 'person' }))
