/**
 * `npm run bench:parity`: document parity between a couch2pg table and a CHT Sync raw table on
 * two separate PostgreSQL servers, against the floor and a naive baseline.
 *
 * Per scenario (0 %, 0.1 % and 10 % of ids different), in the same run:
 * - floor: one concurrent pass over both tables, `count(*)` and the sum of
 *   `hashtextextended(id || sep || rev, 0)`: the least work any exact comparison does;
 * - segmented: boundaries from a block sample of one side, `segmentDigests` on both, then
 *   `scanSegments` of the differing segments on both, merged in Node into the exact difference;
 * - naive: every `(id, rev, deleted)` of both streamed to Node in code-point order and merged.
 * Reports seconds, ratios to the floor, bytes received by Node (read from the sockets), peak RSS
 * during each approach, and precision and recall against the injected differences.
 *
 * Options: --docs N (default 1000000), --segments N (default 4096), --json.
 */
import { createHash } from 'node:crypto'
import { parseArgs } from 'node:util'
import type { Socket } from 'node:net'
import pg from 'pg'
import { readQuery } from '../src/main/engine/db/read-transaction'
import { sampleBoundaries } from '../src/main/engine/parity/pg-boundaries'
import { pairHashSql } from '../src/main/engine/parity/pg-hash'
import type { RelationSpec } from '../src/main/engine/parity/pg-relations'
import { relationSources } from '../src/main/engine/parity/pg-relations'
import { scanSegments, segmentDigests } from '../src/main/engine/parity/pg-segments'
import { differingSegments } from '../src/main/engine/parity/segment-digest'
import type { RunningPostgres } from '../src/main/engine/servers/embedded-postgres'
import {
  injectedDifferences,
  loadScenario,
  startBenchServers,
  type BenchServers,
} from './support/parity-data'
import { SortedMerge } from './support/sorted-merge'

const C2P: RelationSpec = { kind: 'couch2pg', schema: 'public', tables: ['couchdb'] }
const SYNC: RelationSpec = { kind: 'cht-sync', schema: 'v1', table: 'couchdb' }
const READ = { statementTimeoutMs: 60 * 60_000 }
const SCAN = { ...READ, budget: { maxRows: Infinity, maxBytes: Infinity, batchRows: 10_000 } }
const SCENARIOS = [
  { name: '0 %', every: 0 },
  { name: '0.1 %', every: 1_000 },
  { name: '10 %', every: 10 },
]

interface Measure {
  seconds: number
  bytes: number
  peakRssMb: number
  precision: number | null
  recall: number | null
  note?: string
}

/** A pool whose sockets' received bytes are counted (what Node actually got from the server). */
function countingPool(server: RunningPostgres) {
  const { host, port, user, password } = server
  const pool = new pg.Pool({ host, port, user, password, database: 'postgres', max: 4 })
  const sockets = new Set<Socket>()
  // An idle connection that fails (a server stopping) is reported, not thrown as an event.
  pool.on('error', (e) => process.stderr.write(`idle connection failed: ${e.message}\n`))
  pool.on('connect', (client) => {
    sockets.add((client as unknown as { connection: { stream: Socket } }).connection.stream)
  })
  return { pool, bytes: () => [...sockets].reduce((n, s) => n + s.bytesRead, 0) }
}

/** Runs `work` with fresh pools on both servers, measuring time, bytes and peak RSS. */
async function measure(
  servers: BenchServers,
  work: (a: pg.Pool, b: pg.Pool) => Promise<Partial<Measure>>,
): Promise<Measure> {
  const a = countingPool(servers.couch2pg)
  const b = countingPool(servers.chtSync)
  global.gc?.()
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const started = performance.now()
  try {
    const extra = await work(a.pool, b.pool)
    const seconds = (performance.now() - started) / 1000
    peak = Math.max(peak, process.memoryUsage().rss)
    const bytes = a.bytes() + b.bytes()
    return { precision: null, recall: null, ...extra, seconds, bytes, peakRssMb: peak / 1_048_576 }
  } finally {
    clearInterval(sampler)
    await Promise.all([a.pool.end(), b.pool.end()])
  }
}

/** `count(*)` and the hash sum of every pair of one side in one statement. */
function floorSql(spec: RelationSpec): string {
  const s = relationSources(spec)[0]!
  return `SELECT count(*) AS n, sum(${pairHashSql('hashtextextended', s.id, `coalesce(${s.rev}, '')`)})::text AS s FROM ${s.from}`
}

/** Precision and recall of `found` against `expected`. */
function score(found: Set<string>, expected: Set<string>) {
  let hits = 0
  for (const f of found) if (expected.has(f)) hits++
  return {
    precision: found.size === 0 ? (expected.size === 0 ? 1 : 0) : hits / found.size,
    recall: expected.size === 0 ? 1 : hits / expected.size,
  }
}

/** Streams the chosen segments of both sides (all of them: `null`) through one merge. */
async function mergeSegments(
  a: pg.Pool,
  b: pg.Pool,
  boundaries: string[],
  segments: number[],
): Promise<Set<string>> {
  const merge = new SortedMerge()
  await Promise.all(
    (
      [
        [a, C2P],
        [b, SYNC],
      ] as const
    ).map(async ([pool, spec], side) => {
      const s = side as 0 | 1
      await scanSegments(pool, spec, boundaries, segments, (rows) => merge.push(s, rows), SCAN)
      merge.end(s)
    }),
  )
  return merge.found
}

async function scenario(servers: BenchServers, docs: number, every: number, target: number) {
  await loadScenario(servers, docs, every)
  const idOf = (g: number) => createHash('md5').update(`doc-${g}`).digest('hex')
  const expected = injectedDifferences(docs, every, idOf)
  const floorPass = (a: pg.Pool, b: pg.Pool) =>
    Promise.all([readQuery(a, READ, floorSql(C2P)), readQuery(b, READ, floorSql(SYNC))])
  // Warm the caches once, so every approach reads the same warm tables.
  await measure(servers, async (a, b) => (await floorPass(a, b), {}))
  const floor = await measure(servers, async (a, b) => (await floorPass(a, b), {}))
  let segmentsDiffering = 0
  let boundaryCount = 0
  const phases = { sampleSeconds: 0, digestSeconds: 0, drillDownSeconds: 0 }
  const segmented = await measure(servers, async (a, b) => {
    let t = performance.now()
    const lap = () => {
      const seconds = (performance.now() - t) / 1000
      t = performance.now()
      return seconds
    }
    const boundaries = await sampleBoundaries(a, C2P, target, READ)
    phases.sampleSeconds = lap()
    boundaryCount = boundaries.length
    const [da, db] = await Promise.all([
      segmentDigests(a, C2P, boundaries, 'hashtextextended', READ),
      segmentDigests(b, SYNC, boundaries, 'hashtextextended', READ),
    ])
    phases.digestSeconds = lap()
    const differing = differingSegments(da, db)
    segmentsDiffering = differing.length
    const found = differing.length
      ? await mergeSegments(a, b, boundaries, differing)
      : new Set<string>()
    phases.drillDownSeconds = lap()
    return score(found, expected)
  })
  const naive = await measure(servers, async (a, b) =>
    score(await mergeSegments(a, b, [], [0]), expected),
  )
  return {
    every,
    injected: expected.size,
    boundaries: boundaryCount,
    segmentsDiffering,
    phases,
    floor,
    segmented,
    naive,
    ratios: { segmented: segmented.seconds / floor.seconds, naive: naive.seconds / floor.seconds },
    bytesShareOfNaive: segmented.bytes / naive.bytes,
  }
}

type Result = Awaited<ReturnType<typeof scenario>> & { name: string }

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(2)

function table(docs: number, results: Result[]): string {
  const lines = [
    `Document parity, couch2pg vs CHT Sync on two servers, ${docs.toLocaleString('en-US')} documents each:`,
    '',
    'scenario  approach    seconds  x floor  MB received  peak RSS MB  precision  recall',
  ]
  for (const r of results) {
    for (const [name, m] of [
      ['floor', r.floor],
      ['segmented', r.segmented],
      ['naive', r.naive],
    ] as const) {
      lines.push(
        `${r.name.padEnd(9)} ${name.padEnd(10)} ${m.seconds.toFixed(2).padStart(8)} ${(m.seconds / r.floor.seconds).toFixed(2).padStart(8)} ` +
          `${mb(m.bytes).padStart(12)} ${m.peakRssMb.toFixed(0).padStart(12)} ` +
          `${m.precision === null ? '-' : m.precision.toFixed(3)}`.padEnd(10) +
          ` ${m.recall === null ? '-' : m.recall.toFixed(3)}`,
      )
    }
    lines.push(
      `          (${r.injected.toLocaleString('en-US')} differences injected; ${r.segmentsDiffering} of ${r.boundaries + 1} segments differ; ` +
        `segmented bytes = ${(100 * r.bytesShareOfNaive).toFixed(2)} % of naive; ` +
        `segmented phases: sample ${r.phases.sampleSeconds.toFixed(2)} s, digests ${r.phases.digestSeconds.toFixed(2)} s, ` +
        `drill-down ${r.phases.drillDownSeconds.toFixed(2)} s)`,
    )
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, docs: { type: 'string' }, segments: { type: 'string' } },
  })
  const docs = Number(values.docs ?? 1_000_000)
  const target = Number(values.segments ?? 4_096)
  const servers = await startBenchServers()
  const results: Result[] = []
  try {
    for (const s of SCENARIOS) {
      process.stderr.write(`scenario ${s.name}…\n`)
      results.push({ name: s.name, ...(await scenario(servers, docs, s.every, target)) })
    }
  } finally {
    await servers.stop()
  }
  const machine = { cpus: (await import('node:os')).cpus().length, node: process.version }
  const targets = { ratioAt0: 1.2, ratioAt01: 1.5, ratioAt10: 3, bytesShareOfNaive: 0.02 }
  if (values.json) {
    process.stdout.write(JSON.stringify({ machine, docs, targets, scenarios: results }) + '\n')
  } else {
    process.stdout.write(table(docs, results) + '\n')
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:parity failed: ${e instanceof Error ? e.stack : String(e)}\n`)
  process.exitCode = 1
})
