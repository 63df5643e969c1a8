/**
 * `npm run bench:parity`: document parity between a couch2pg table and a CHT Sync raw table on
 * two separate PostgreSQL servers, against the floor and a naive baseline.
 *
 * Per scenario (0 %, 0.1 % and 10 % of ids different), in the same run:
 * - floor: one concurrent pass over both tables, `count(*)` and the sum of
 *   `hashtextextended(id || sep || rev, 0)`: the least work any exact comparison does;
 * - parity (segmented): `sampleBoundaries` on one side, `segmentDigests` on both (concurrently),
 *   `differingSegments` per group, `drillSegments` of those on both (concurrently), the rows
 *   classified in Node as they arrive into the exact difference;
 * - naive: every `(id, rev, deleted)` of both streamed to Node in code-point order and merged.
 * Reports seconds, ratios to the floor, bytes received by Node (read from the sockets), peak RSS
 * during each approach, precision and recall against the injected differences, and the
 * drill-down's method (`index-range` or `scan`).
 *
 * Then, as extra tables: model parity (`parity-model.ts`, once, on the 0 % scenario's data) and
 * the CouchDB side's `_all_docs` rate (`parity-couch.ts`, on its own CouchDB).
 *
 * Options: --docs N (default 1000000), --segments N (default `DIGEST_TARGET_SEGMENTS`), --json,
 * --icu (the tables in a database whose default collation is ICU en-US, so no index sorts in
 * code-point order), --couch-docs N (default 200000; 0 skips it), --scenarios 0,1000,10 (the
 * scenarios to run, by their `every`), --runs N (default 3: floor and parity alternate N times,
 * medians reported; naive once).
 */
import { createHash } from 'node:crypto'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { readQuery, readScan } from '../src/main/engine/db/read-transaction'
import { DIGEST_TARGET_SEGMENTS, sampleBoundaries } from '../src/main/engine/parity/pg-boundaries'
import { pairHashSql } from '../src/main/engine/parity/pg-hash'
import type { RelationSpec } from '../src/main/engine/parity/pg-relations'
import { relationSources } from '../src/main/engine/parity/pg-relations'
import { drillSegments, segmentDigests } from '../src/main/engine/parity/pg-segments'
import { differingSegments, emptyDigests } from '../src/main/engine/parity/segment-digest'
import type { DocRev } from '../src/main/engine/parity/types'
import {
  benchDatabase,
  injectedDifferences,
  loadScenario,
  startBenchServers,
  type BenchServers,
} from './support/parity-data'
import { measure, median, medianMeasure, score } from './support/parity-measure'
import { jsonReport, textReport, type Measure } from './support/parity-report'
import { SortedMerge } from './support/sorted-merge'
import { couchBench, type CouchBench } from './parity-couch'
import { modelBench, type ModelBench } from './parity-model'

const C2P: RelationSpec = { kind: 'couch2pg', schema: 'public', tables: ['couchdb'] }
const SYNC: RelationSpec = { kind: 'cht-sync', schema: 'v1', table: 'couchdb' }
const READ = { statementTimeoutMs: 60 * 60_000 }
const SCAN = { ...READ, budget: { maxRows: Infinity, maxBytes: Infinity, batchRows: 10_000 } }
const SCENARIOS = [
  { name: '0 %', every: 0 },
  { name: '0.1 %', every: 1_000 },
  { name: '10 %', every: 10 },
]

/** `count(*)` and the hash sum of every pair of one side in one statement. */
function floorSql(spec: RelationSpec): string {
  const s = relationSources(spec)[0]!
  return `SELECT count(*) AS n, sum(${pairHashSql('hashtextextended', s.id, `coalesce(${s.rev}, '')`)})::text AS s FROM ${s.from}`
}

/** Every `(id, rev, deleted)` of a side in code-point order (the naive baseline's stream). */
const streamSql = (spec: RelationSpec) => {
  const s = relationSources(spec)[0]!
  const rows = `SELECT ${s.id} AS id, ${s.rev} AS rev, ${s.deleted} AS deleted FROM ${s.from}`
  return `SELECT * FROM (${rows}) AS t ORDER BY id COLLATE "C"`
}

/** Streams both sides whole, in code-point order, through one merge. */
async function naiveMerge(a: pg.Pool, b: pg.Pool): Promise<Set<string>> {
  const merge = new SortedMerge()
  await Promise.all(
    (
      [
        [a, C2P],
        [b, SYNC],
      ] as const
    ).map(async ([pool, spec], side) => {
      const s = side as 0 | 1
      await readScan<DocRev>(pool, READ, streamSql(spec), [], SCAN.budget, (rows) =>
        merge.push(s, rows),
      )
      merge.end(s)
    }),
  )
  return merge.found
}

/**
 * Drills the chosen segments of both sides concurrently, each in code-point order of id
 * (`ordered`, as document parity reads them), merged as they come (`SortedMerge`).
 */
async function drillBoth(a: pg.Pool, b: pg.Pool, boundaries: string[], segments: number[]) {
  const merge = new SortedMerge()
  const outcomes = await Promise.all(
    (
      [
        [a, C2P],
        [b, SYNC],
      ] as const
    ).map(async ([pool, spec], side) => {
      const s = side as 0 | 1
      const outcome = await drillSegments(
        pool,
        spec,
        boundaries,
        segments,
        (rows) => merge.push(s, rows),
        { ...SCAN, ordered: true },
      )
      merge.end(s)
      return outcome
    }),
  )
  return {
    found: merge.found,
    method: outcomes[0]!.method + '/' + outcomes[1]!.method,
    rows: outcomes[0]!.rows + outcomes[1]!.rows,
  }
}

async function scenario(
  servers: BenchServers,
  database: string,
  docs: number,
  every: number,
  target: number,
  runs: number,
) {
  await loadScenario(servers, docs, every, database)
  const idOf = (g: number) => createHash('md5').update(`doc-${g}`).digest('hex')
  const expected = injectedDifferences(docs, every, idOf)
  const floorPass = (a: pg.Pool, b: pg.Pool) =>
    Promise.all([readQuery(a, READ, floorSql(C2P)), readQuery(b, READ, floorSql(SYNC))])
  // Warm the caches once, so every approach reads the same warm tables.
  await measure(servers, database, async (a, b) => (await floorPass(a, b), {}))
  let segmentsDiffering = 0
  let method = '-'
  let boundaryCount = 0
  let drilledRows = 0
  const phaseRuns: { sampleSeconds: number; digestSeconds: number; drillDownSeconds: number }[] = []
  const parityRun = () =>
    measure(servers, database, async (a, b) => {
      let t = performance.now()
      const lap = () => {
        const seconds = (performance.now() - t) / 1000
        t = performance.now()
        return seconds
      }
      const boundaries = await sampleBoundaries(a, C2P, target, READ)
      const sampleSeconds = lap()
      boundaryCount = boundaries.length
      const [da, db] = await Promise.all([
        segmentDigests(a, C2P, boundaries, 'hashtextextended', READ),
        segmentDigests(b, SYNC, boundaries, 'hashtextextended', READ),
      ])
      const digestSeconds = lap()
      // One group a side here (couch2pg's table `couchdb`, CHT Sync's source `medic`).
      const none = emptyDigests(boundaries)
      const differing = differingSegments(da.get('couchdb') ?? none, db.get('medic') ?? none)
      segmentsDiffering = differing.length
      const drilled = await drillBoth(a, b, boundaries, differing)
      method = differing.length ? drilled.method : '-'
      drilledRows = drilled.rows
      phaseRuns.push({ sampleSeconds, digestSeconds, drillDownSeconds: lap() })
      return score(drilled.found, expected)
    })
  // Floor and parity in turns, `runs` times each, so a change of load hits both alike.
  const floors: Measure[] = []
  const parities: Measure[] = []
  for (let r = 0; r < runs; r++) {
    floors.push(await measure(servers, database, async (a, b) => (await floorPass(a, b), {})))
    parities.push(await parityRun())
  }
  const floor = medianMeasure(floors)
  const segmented = medianMeasure(parities)
  const phases = {
    sampleSeconds: median(phaseRuns.map((p) => p.sampleSeconds)),
    digestSeconds: median(phaseRuns.map((p) => p.digestSeconds)),
    drillDownSeconds: median(phaseRuns.map((p) => p.drillDownSeconds)),
  }
  const naive = await measure(servers, database, async (a, b) =>
    score(await naiveMerge(a, b), expected),
  )
  return {
    every,
    injected: expected.size,
    runs,
    boundaries: boundaryCount,
    segmentsDiffering,
    drilledRows,
    method,
    phases,
    floor,
    parity: segmented,
    naive,
    ratios: { parity: segmented.seconds / floor.seconds, naive: naive.seconds / floor.seconds },
    bytesShareOfNaive: segmented.bytes / naive.bytes,
  }
}

type Result = Awaited<ReturnType<typeof scenario>> & { name: string; loadAverage: number[] }

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      icu: { type: 'boolean' },
      docs: { type: 'string' },
      segments: { type: 'string' },
      scenarios: { type: 'string' },
      'couch-docs': { type: 'string' },
      runs: { type: 'string' },
    },
  })
  const docs = Number(values.docs ?? 1_000_000)
  const target = Number(values.segments ?? DIGEST_TARGET_SEGMENTS)
  const couchDocs = Number(values['couch-docs'] ?? 200_000)
  const only = values.scenarios?.split(',')
  const runs = Math.max(1, Number(values.runs ?? 3))
  const icu = values.icu === true
  const servers = await startBenchServers()
  const results: Result[] = []
  let model: ModelBench | null = null
  try {
    const database = await benchDatabase(servers, icu)
    for (const s of SCENARIOS.filter((x) => !only || only.includes(String(x.every)))) {
      process.stderr.write(`scenario ${s.name}…\n`)
      const loadAverage = loadavg()
      results.push({
        name: s.name,
        loadAverage,
        ...(await scenario(servers, database, docs, s.every, target, runs)),
      })
      // Model parity runs once, on the 0 % scenario's documents (before the next load).
      if (s.every === 0) {
        process.stderr.write('model parity…\n')
        model = await modelBench(servers, database).catch((e: unknown) => {
          process.stderr.write(`model parity failed: ${e instanceof Error ? e.stack : e}\n`)
          return null
        })
      }
    }
  } finally {
    await servers.stop()
  }
  let couch: CouchBench | null = null
  if (couchDocs > 0) {
    process.stderr.write(`CouchDB side, ${couchDocs} documents…\n`)
    couch = await couchBench(couchDocs).catch((e: unknown) => {
      process.stderr.write(`CouchDB side failed: ${e instanceof Error ? e.stack : e}\n`)
      return null
    })
  }
  const report = { docs, icu, results, model, couch }
  process.stdout.write(
    (values.json ? JSON.stringify(jsonReport(report)) : textReport(report)) + '\n',
  )
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:parity failed: ${e instanceof Error ? e.stack : String(e)}\n`)
  process.exitCode = 1
})
