import pg from 'pg'
import { readQuery } from '../src/main/engine/db/read-transaction'
import { compareModels } from '../src/main/engine/parity/model-compare'
import { adminClient, type BenchServers } from './support/parity-data'

/**
 * The model parity part of `npm run bench:parity`: couch2pg's `form_metadata` (a materialised
 * view over its `couchdb` table, as couch2pg installs one) against cht-pipeline's `data_record`
 * (a table the dbt run builds from the raw table), on the benchmark's two servers holding the
 * same documents, against the floor of hashing both relations once, concurrently.
 */

const READ = { statementTimeoutMs: 60 * 60_000 }

export interface ModelBench {
  rows: { old: number; new: number }
  floorSeconds: number
  paritySeconds: number
  ratio: number
  peakRssMb: number
  differences: number
}

/** Builds `form_metadata` and `data_record` from the loaded documents. */
async function buildModels(servers: BenchServers, database: string): Promise<void> {
  const c2p = adminClient(servers.couch2pg, database)
  const sync = adminClient(servers.chtSync, database)
  await Promise.all([c2p.connect(), sync.connect()])
  try {
    await Promise.all([
      c2p.query(`
        DROP MATERIALIZED VIEW IF EXISTS public.form_metadata;
        CREATE MATERIALIZED VIEW public.form_metadata AS
          SELECT doc->>'_id' AS uuid, doc->>'form' AS formname, doc#>>'{contact,_id}' AS chw,
                 to_timestamp((doc->>'reported_date')::bigint / 1000.0)::timestamp AS reported
            FROM public.couchdb WHERE doc->>'type' = 'data_record';
        CREATE UNIQUE INDEX form_metadata_uuid ON public.form_metadata (uuid);
        ANALYZE public.form_metadata;`),
      sync
        .query(
          `
        DROP TABLE IF EXISTS v1.data_record;
        CREATE TABLE v1.data_record AS
          SELECT _id AS uuid, doc->>'form' AS form, doc#>>'{contact,_id}' AS contact_uuid,
                 to_timestamp((doc->>'reported_date')::bigint / 1000.0) AS reported
            FROM v1.couchdb WHERE NOT _deleted AND doc->>'type' = 'data_record';
        ALTER TABLE v1.data_record ADD PRIMARY KEY (uuid);`,
        )
        // VACUUM cannot run in the implicit transaction of a multi-statement query.
        .then(() => sync.query('VACUUM ANALYZE v1.data_record')),
    ])
  } finally {
    await Promise.all([c2p.end(), sync.end()])
  }
}

const poolOf = (server: BenchServers['couch2pg'], database: string) => {
  const { host, port, user, password } = server
  const pool = new pg.Pool({ host, port, user, password, database, max: 8 })
  // An idle connection that fails (the server stopping) is reported, not thrown as an event.
  pool.on('error', (e) => process.stderr.write(`idle connection failed: ${e.message}\n`))
  return pool
}

/**
 * Measures, on the currently loaded scenario: the floor (count and hash sum of every row of both
 * relations, concurrently) and `compareModels` with the suggested mapping and tolerances, in
 * `database` of both servers.
 */
export async function modelBench(
  servers: BenchServers,
  database = 'postgres',
): Promise<ModelBench> {
  await buildModels(servers, database)
  const a = poolOf(servers.couch2pg, database)
  const b = poolOf(servers.chtSync, database)
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  try {
    const floorOnce = () =>
      Promise.all([
        readQuery(
          a,
          READ,
          `SELECT count(*) AS n, sum(hashtextextended(t::text, 0))::text FROM public.form_metadata t`,
        ),
        readQuery(
          b,
          READ,
          `SELECT count(*) AS n, sum(hashtextextended(t::text, 0))::text FROM v1.data_record t`,
        ),
      ])
    await floorOnce()
    let t = performance.now()
    const [fa, fb] = await floorOnce()
    const floorSeconds = (performance.now() - t) / 1000
    t = performance.now()
    const outcome = await compareModels({
      old: {
        pool: a,
        label: 'old',
        endpoint: 'couch2pg',
        source: { kind: 'relation', schema: 'public', name: 'form_metadata' },
      },
      new: {
        pool: b,
        label: 'new',
        endpoint: 'chtSync',
        source: { kind: 'relation', schema: 'v1', name: 'data_record' },
      },
      keys: [{ old: 'uuid', new: 'uuid' }],
      columns: [
        { old: 'formname', new: 'form' },
        { old: 'chw', new: 'contact_uuid' },
        { old: 'reported', new: 'reported', tolerance: { unit: 'second' } },
      ],
      nullEqualsNull: true,
    })
    const paritySeconds = (performance.now() - t) / 1000
    return {
      rows: { old: Number(fa.rows[0]!.n), new: Number(fb.rows[0]!.n) },
      floorSeconds,
      paritySeconds,
      ratio: paritySeconds / floorSeconds,
      peakRssMb: peak / 1_048_576,
      differences: outcome.details.differences.reduce((n, d) => n + d.count, 0),
    }
  } finally {
    clearInterval(sampler)
    await Promise.all([a.end(), b.end()])
  }
}
