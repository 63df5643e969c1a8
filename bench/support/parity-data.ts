import { mkdtempSync, rmSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import {
  startEmbeddedPostgres,
  type RunningPostgres,
} from '../../src/main/engine/servers/embedded-postgres'

/**
 * The parity benchmark's data: two separate embedded PostgreSQL servers, one holding a couch2pg
 * table (`public.couchdb (doc jsonb)` with its unique index `couchdb_doc_uuid`), the other a CHT
 * Sync raw table (`v1.couchdb`), both generated on the server with `generate_series`, with
 * differences injected on every `every`-th document (none when `every` is 0), in four kinds
 * taken in turn: missing in CHT Sync, extra in CHT Sync, stale revision in CHT Sync, and a CHT
 * Sync `_deleted` stub for a document couch2pg has no row for (agreement, not a difference).
 */

export interface BenchServers {
  couch2pg: RunningPostgres
  chtSync: RunningPostgres
  stop(): Promise<void>
}

/** Starts the two servers, each in its own temp folder. */
export async function startBenchServers(): Promise<BenchServers> {
  const dirs = [0, 1].map(() => {
    const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-bench-parity-'))
    chmodSync(dir, 0o755)
    return dir
  })
  const [couch2pg, chtSync] = await Promise.all(
    dirs.map((dir) => startEmbeddedPostgres({ dir: join(dir, 'postgres') })),
  )
  return {
    couch2pg: couch2pg!,
    chtSync: chtSync!,
    async stop() {
      await Promise.all([couch2pg!.stop(), chtSync!.stop()])
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The difference kinds injected, in turn, on every `every`-th document. */
export const KINDS = ['missing_in_new', 'extra_in_new', 'stale_revision', 'stub_agreement'] as const

/** A connection to a database of the server as its superuser (the benchmark's own setup). */
export function adminClient(server: RunningPostgres, database = 'postgres'): pg.Client {
  return new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database,
  })
}

/**
 * The database the benchmark's tables go in: `postgres` (the cluster's own locale, C.UTF-8 here,
 * whose order is code-point order), or with `icu` a new database whose default collation is ICU
 * en-US, so that no index sorts like "C" (the drill-down then scans).
 */
export async function benchDatabase(servers: BenchServers, icu: boolean): Promise<string> {
  if (!icu) return 'postgres'
  await Promise.all(
    [servers.couch2pg, servers.chtSync].map(async (server) => {
      const c = adminClient(server)
      await c.connect()
      try {
        await c.query(
          `CREATE DATABASE parity_icu LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8' TEMPLATE template0`,
        )
      } finally {
        await c.end()
      }
    }),
  )
  return 'parity_icu'
}

/** SQL of the document number `g`'s id, revision and body of about 1 KB. */
const ID = `md5('doc-' || g)`
const REV = `'1-' || md5('rev-' || g)`
const body = (id: string, rev: string) =>
  `jsonb_build_object('_id', ${id}, '_rev', ${rev}, 'type', 'data_record', 'form', 'form_' || (g % 20),
    'reported_date', 1700000000000 + g, 'contact', jsonb_build_object('_id', md5('c-' || (g % 5000))),
    'fields', jsonb_build_object('note', repeat(md5(g::text), 26)))`

/** Which kind of difference document `g` carries, as SQL (-1: none). */
const kindSql = (every: number) =>
  every === 0 ? '-1' : `CASE WHEN g % ${every} = 0 THEN (g / ${every}) % 4 ELSE -1 END`

/** (Re)creates both tables for `docs` documents with a difference on every `every`-th. */
export async function loadScenario(
  servers: BenchServers,
  docs: number,
  every: number,
  database = 'postgres',
): Promise<void> {
  const kind = kindSql(every)
  const c2p = adminClient(servers.couch2pg, database)
  const sync = adminClient(servers.chtSync, database)
  await Promise.all([c2p.connect(), sync.connect()])
  try {
    await Promise.all([
      c2p
        .query(
          `
        DROP TABLE IF EXISTS public.couchdb CASCADE;
        CREATE TABLE public.couchdb (doc jsonb);
        INSERT INTO public.couchdb SELECT ${body(ID, REV)} FROM generate_series(1, ${docs}) g
          WHERE ${kind} NOT IN (1, 3);
        CREATE UNIQUE INDEX couchdb_doc_uuid ON public.couchdb ((doc->>'_id'));`,
        )
        .then(() => c2p.query('VACUUM ANALYZE public.couchdb')),
      sync
        .query(
          `
        CREATE SCHEMA IF NOT EXISTS v1;
        DROP TABLE IF EXISTS v1.couchdb CASCADE;
        CREATE TABLE v1.couchdb (saved_timestamp timestamptz DEFAULT now(), _id text PRIMARY KEY,
          _deleted boolean DEFAULT false, source text, doc jsonb);
        INSERT INTO v1.couchdb (_id, _deleted, source, doc)
          SELECT ${ID}, ${kind} = 3, 'medic',
            CASE WHEN ${kind} = 3
              THEN jsonb_build_object('_id', ${ID}, '_rev', '2-' || md5('del-' || g), '_deleted', true)
              WHEN ${kind} = 2 THEN ${body(ID, `'2-' || md5('new-' || g)`)}
              ELSE ${body(ID, REV)} END
          FROM generate_series(1, ${docs}) g WHERE ${kind} <> 0;`,
        )
        .then(() => sync.query('VACUUM ANALYZE v1.couchdb')),
    ])
  } finally {
    await Promise.all([c2p.end(), sync.end()])
  }
}

/** The injected differences, as `class id` strings, computed in Node the way the SQL does. */
export function injectedDifferences(docs: number, every: number, idOf: (g: number) => string) {
  const out = new Set<string>()
  if (every === 0) return out
  for (let g = every; g <= docs; g += every) {
    const kind = KINDS[Math.floor(g / every) % 4]!
    if (kind !== 'stub_agreement') out.add(`${kind} ${idOf(g)}`)
  }
  return out
}
