/**
 * `npm run bench:responsiveness`: does the UI process keep answering while heavy work runs?
 *
 * Browser mode runs in this process (the engine and the real HTTP server of `cht-migrate serve`).
 * A client in its own thread calls `app.info` over HTTP every 2 ms and records each round trip,
 * while a job hashes and merges two streams of 1,000,000 document ids and revisions (0.1 % of
 * them missing or with another revision, as parity will meet them): first with the merge in a
 * worker thread (how the engine runs it), then, for contrast, with the same merge in the process
 * that serves the UI: in 5,000-id slices with a yield between them, and in one pass after
 * reading everything (what a naive tool does). The merge's result is checked exactly each time.
 *
 * Target: `app.info` p99 under 100 ms while the worker merges. Options: --json, --ids N.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import type { JobContext } from '../src/main/engine/jobs/job-registry'
import { openIdMerge } from '../src/main/engine/workers/id-merge-session'
import {
  IdMerger,
  type IdChunk,
  type IdMergeOutput,
} from '../src/main/engine/workers/tasks/id-merge'
import { percentiles, round, serveEngine, type ServedEngine } from './support/serve-client'

const TARGET_P99_MS = 100
const CHUNK = 5_000

/**
 * Calls `app.info` every 2 ms from another thread (its own event loop, so its timing does not
 * depend on the one measured) until told to stop; posts the latencies. The first calls warm the
 * connection and the JIT up and are not counted; the thread says when it has warmed up.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads')
const latencies = []
let running = true
parentPort.on('message', () => { running = false })
const call = async () => {
  const start = performance.now()
  const response = await fetch(workerData.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + workerData.token },
    body: '{}',
  })
  await response.json()
  return performance.now() - start
}
;(async () => {
  for (let i = 0; i < 50; i++) await call()
  parentPort.postMessage('warm')
  while (running) {
    latencies.push(await call())
    await new Promise((r) => setTimeout(r, 2))
  }
  parentPort.postMessage(latencies)
})()
`

/** The `i`-th id of the stream, in code-point order, shaped like a CHT document id. */
const idOf = (i: number) =>
  `${i.toString(16).padStart(8, '0')}-4c1e-4b8a-9d6f-${((i * 2_654_435_761) >>> 0).toString(16).padStart(12, '0')}`

/** Chunks of one source: every 1,000th id missing from `new`, every 1,000th+1 another revision. */
function chunkOf(source: number, from: number, to: number): IdChunk {
  const ids: string[] = []
  const revs: string[] = []
  for (let i = from; i < to; i++) {
    if (source === 1 && i % 1_000 === 0) continue
    ids.push(idOf(i))
    revs.push(source === 1 && i % 1_000 === 1 ? '2-b' : '1-a')
  }
  return { ids, revs }
}

type Merge = (total: number, job: JobContext) => Promise<IdMergeOutput>

const inWorker =
  (served: ServedEngine): Merge =>
  async (total, job) => {
    const session = await openIdMerge(
      served.ctx.workers,
      { sources: ['old', 'new'], sampleLimit: 20 },
      { signal: job.signal },
    )
    const feed = async (source: number) => {
      for (let from = 0; from < total; from += CHUNK) {
        await session.push(source, chunkOf(source, from, Math.min(total, from + CHUNK)))
        if (source === 0) job.progress({ phase: 'merging', unit: 'ids', done: from, total })
        await nextTurn()
      }
      session.end(source)
    }
    await Promise.all([feed(0), feed(1)])
    return session.result
  }

const inServingProcess: Merge = async (total, job) => {
  const merger = new IdMerger({ sources: ['old', 'new'], sampleLimit: 20 })
  for (let from = 0; from < total; from += CHUNK) {
    merger.push(0, chunkOf(0, from, Math.min(total, from + CHUNK)))
    merger.push(1, chunkOf(1, from, Math.min(total, from + CHUNK)))
    merger.advance()
    job.progress({ phase: 'merging', unit: 'ids', done: from, total })
    await nextTurn()
  }
  merger.end(0)
  merger.end(1)
  merger.advance()
  return merger.result()
}

/** What a naive tool does: read every pair first, then merge them in one pass. */
const inOnePass: Merge = async (total, job) => {
  const old = { ids: [] as string[], revs: [] as (string | null)[] }
  const copy = { ids: [] as string[], revs: [] as (string | null)[] }
  for (let from = 0; from < total; from += CHUNK) {
    const a = chunkOf(0, from, Math.min(total, from + CHUNK))
    const b = chunkOf(1, from, Math.min(total, from + CHUNK))
    old.ids.push(...a.ids)
    old.revs.push(...a.revs)
    copy.ids.push(...b.ids)
    copy.revs.push(...b.revs)
    job.progress({ phase: 'reading', unit: 'ids', done: from, total })
    await nextTurn()
  }
  const merger = new IdMerger({ sources: ['old', 'new'], sampleLimit: 20 })
  merger.push(0, old)
  merger.push(1, copy)
  merger.end(0)
  merger.end(1)
  merger.advance()
  return merger.result()
}

function checkExact(out: IdMergeOutput, total: number): boolean {
  const missing = Math.ceil(total / 1_000)
  const changed = Math.floor((total - 2) / 1_000) + 1
  return (
    out.sources[0]!.count === total &&
    out.sources[1]!.count === total - missing &&
    out.revisionMismatch.count === changed &&
    out.partial.length === 1 &&
    out.partial[0]!.count === missing &&
    out.matched === total - missing - changed
  )
}

async function measure(served: ServedEngine, name: string, total: number, merge: Merge | null) {
  const client = new Worker(CLIENT, {
    eval: true,
    workerData: {
      url: `http://127.0.0.1:${served.server.port}/api/op/app.info`,
      token: served.server.token,
    },
  })
  await new Promise((resolve) => client.once('message', resolve))
  const latencies = new Promise<number[]>((resolve) => client.once('message', resolve))
  const start = performance.now()
  let exact: boolean | null = null
  if (merge) {
    const out = await served.ctx.jobs.run({
      kind: 'bench.merge',
      title: `Hashing and merging ${total.toLocaleString('en-US')} ids`,
      run: (job) => merge(total, job),
    })
    exact = checkExact(out, total)
  } else {
    await new Promise((r) => setTimeout(r, 2_000))
  }
  const seconds = (performance.now() - start) / 1000
  client.postMessage('stop')
  const times = await latencies
  await client.terminate()
  const p = percentiles(times)
  return {
    name,
    seconds: round(seconds, 2),
    requests: times.length,
    appInfoMs: { p50: round(p.p50), p95: round(p.p95), p99: round(p.p99), max: round(p.max) },
    exact,
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, ids: { type: 'string' } } })
  const total = Number(values.ids ?? 1_000_000)
  const served = await serveEngine()
  try {
    const runs = [
      await measure(served, 'idle (no job)', total, null),
      await measure(served, 'merge in a worker thread (the engine)', total, inWorker(served)),
      await measure(served, 'in the serving process, 5,000 at a time', total, inServingProcess),
      await measure(served, 'in the serving process, in one pass', total, inOnePass),
    ]
    const engine = runs[1]!
    const within = engine.appInfoMs.p99 < TARGET_P99_MS && engine.exact === true
    const machine = { cpus: (await import('node:os')).cpus().length, node: process.version }
    if (values.json) {
      process.stdout.write(
        JSON.stringify({ machine, ids: total, targetP99Ms: TARGET_P99_MS, within, runs }) + '\n',
      )
      return
    }
    const lines = [
      `app.info round trips while ${total.toLocaleString('en-US')} ids are hashed and merged (browser mode, this machine):`,
      '',
    ]
    for (const r of runs) {
      lines.push(
        `  ${r.name.padEnd(44)} p50 ${String(r.appInfoMs.p50).padStart(6)} ms  p95 ${String(r.appInfoMs.p95).padStart(6)} ms  p99 ${String(r.appInfoMs.p99).padStart(6)} ms  max ${String(r.appInfoMs.max).padStart(7)} ms  (${r.requests} calls in ${r.seconds} s${r.exact === null ? '' : r.exact ? ', result exact' : ', RESULT WRONG'})`,
      )
    }
    lines.push(
      '',
      `Target: p99 < ${TARGET_P99_MS} ms with the merge in a worker: ${within ? 'met' : 'MISSED'}`,
    )
    process.stdout.write(lines.join('\n') + '\n')
  } finally {
    await served.close()
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:responsiveness failed: ${e instanceof Error ? e.stack : String(e)}\n`)
  process.exitCode = 1
})
