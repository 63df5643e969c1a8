import type { Socket } from 'node:net'
import pg from 'pg'
import type { RunningPostgres } from '../../src/main/engine/servers/embedded-postgres'
import type { BenchServers } from './parity-data'
import type { Measure } from './parity-report'

/**
 * How `npm run bench:parity` measures one approach: fresh pools on both servers whose sockets
 * count the bytes Node received, wall time, peak RSS sampled every 50 ms; medians over runs;
 * precision and recall of the differences found.
 */

/** A pool whose sockets' received bytes are counted (what Node actually got from the server). */
function countingPool(server: RunningPostgres, database: string) {
  const { host, port, user, password } = server
  const pool = new pg.Pool({ host, port, user, password, database, max: 4 })
  const sockets = new Set<Socket>()
  // An idle connection that fails (a server stopping) is reported, not thrown as an event.
  pool.on('error', (e) => process.stderr.write(`idle connection failed: ${e.message}\n`))
  pool.on('connect', (client) => {
    sockets.add((client as unknown as { connection: { stream: Socket } }).connection.stream)
  })
  return { pool, bytes: () => [...sockets].reduce((n, s) => n + s.bytesRead, 0) }
}

/** Runs `work` with fresh pools on both servers, measuring time, bytes and peak RSS. */
export async function measure(
  servers: BenchServers,
  database: string,
  work: (a: pg.Pool, b: pg.Pool) => Promise<Partial<Measure>>,
): Promise<Measure> {
  const a = countingPool(servers.couch2pg, database)
  const b = countingPool(servers.chtSync, database)
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

/** The median (the lower one of an even count). */
export const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!

/** The median of each figure over several runs of one approach. */
export function medianMeasure(runs: Measure[]): Measure {
  return {
    seconds: median(runs.map((m) => m.seconds)),
    bytes: median(runs.map((m) => m.bytes)),
    peakRssMb: median(runs.map((m) => m.peakRssMb)),
    precision: runs.some((m) => m.precision === null)
      ? null
      : Math.min(...runs.map((m) => m.precision!)),
    recall: runs.some((m) => m.recall === null) ? null : Math.min(...runs.map((m) => m.recall!)),
  }
}

/** Precision and recall of `found` against `expected`. */
export function score(found: Set<string>, expected: Set<string>) {
  let hits = 0
  for (const f of found) if (expected.has(f)) hits++
  return {
    precision: found.size === 0 ? (expected.size === 0 ? 1 : 0) : hits / found.size,
    recall: expected.size === 0 ? 1 : hits / expected.size,
  }
}
