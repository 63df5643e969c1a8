/**
 * `npm run bench:report`: the plan's PDF, timed.
 *
 * Builds the benchmark's project (support/report-project.ts: 1,000 inventory objects named in
 * four scripts, 100 checks with evidence, 50 comparisons with 30 days of runs, approvals), builds
 * the plan from it and renders its PDF twice, each time in a fresh process as a user's first
 * export is: in that process (`renderPlanPdf`, as the CLI can) and through the engine's worker
 * thread (`renderPlanPdfInWorker`, as the app and `cht-migrate serve` do). Each measures the wall
 * time of building and rendering, and the whole process's peak RSS, sampled every 50 ms from a
 * thread of its own (the render keeps the main thread busy).
 *
 * Target: at most 5 s and under 400 MB RSS. Options: --json (one JSON object on stdout),
 * --keep DIR (writes the PDFs there).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import { buildPlanReport } from '../src/shared/report/build'
import { renderPlanPdf } from '../src/main/engine/report/pdf/render'
import { renderPlanPdfInWorker } from '../src/main/engine/report/pdf/worker'
import { createWorkerPool } from '../src/main/engine/workers/worker-pool'
import { STEPS } from '../src/shared/steps-catalog'
import { REPORT_NOW, REPORT_SIZE, reportProject } from './support/report-project'

const TARGETS = { maxMs: 5_000, maxRssMb: 400 }
type Mode = 'in-process' | 'worker'

interface Figures {
  mode: Mode
  buildMs: number
  renderMs: number
  totalMs: number
  cpuMs: number
  peakRssMb: number
  pages: number
  bytes: number
}

/** Samples the process's RSS every 50 ms from a thread of its own; stop() gives the peak. */
function rssSampler(): { stop(): Promise<number> } {
  const code = `
    const { parentPort } = require('node:worker_threads')
    let peak = process.memoryUsage.rss()
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()) }, 50)
    parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage(Math.max(peak, process.memoryUsage.rss())) })`
  const worker = new Worker(code, { eval: true })
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        worker.once('message', (peak: number) => {
          void worker.terminate()
          resolve(peak)
        })
        worker.postMessage('stop')
      }),
  }
}

const round = (n: number) => Math.round(n)
/** Pages of a PDF: its page objects. */
const pagesOf = (pdf: Uint8Array) =>
  (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page\b(?!s)/g) ?? []
  ).length

/** One measurement, in this process (a child of the benchmark). */
async function measure(mode: Mode, keep: string | undefined): Promise<Figures> {
  const document = reportProject()
  const sampler = rssSampler()
  const cpu = process.cpuUsage()
  const start = performance.now()
  const report = buildPlanReport({
    document,
    steps: STEPS,
    now: REPORT_NOW,
    appVersion: '0.1.0',
    author: 'Amina Otieno',
    locale: 'en-GB',
    timeZone: 'Africa/Nairobi',
  })
  const built = performance.now()
  let pdf: Uint8Array
  if (mode === 'worker') {
    const workers = createWorkerPool({ maxWorkers: 1 })
    try {
      pdf = await renderPlanPdfInWorker(report, workers)
    } finally {
      await workers.dispose()
    }
  } else {
    pdf = await renderPlanPdf(report)
  }
  const end = performance.now()
  const used = process.cpuUsage(cpu)
  const peak = await sampler.stop()
  if (keep) {
    mkdirSync(keep, { recursive: true })
    writeFileSync(join(keep, `plan-${mode}.pdf`), pdf)
  }
  return {
    mode,
    buildMs: round(built - start),
    renderMs: round(end - built),
    totalMs: round(end - start),
    // The main thread's and, in worker mode, the worker's: CPU time is the whole process's.
    cpuMs: round((used.user + used.system) / 1_000),
    peakRssMb: round(peak / 1_048_576),
    pages: pagesOf(pdf),
    bytes: pdf.byteLength,
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      keep: { type: 'string' },
      child: { type: 'string' },
    },
  })
  if (values.child) {
    const figures = await measure(values.child as Mode, values.keep)
    process.stdout.write(JSON.stringify(figures) + '\n')
    return
  }
  const runs: Figures[] = []
  for (const mode of ['in-process', 'worker'] as const) {
    const args = [
      process.argv[1]!,
      '--child',
      mode,
      ...(values.keep ? ['--keep', values.keep] : []),
    ]
    const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 })
    if (child.status !== 0) throw new Error(`the ${mode} run failed:\n${child.stderr}`)
    runs.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as Figures)
  }
  const within = Object.fromEntries(
    runs.map((r) => [
      r.mode,
      { time: r.totalMs <= TARGETS.maxMs, rss: r.peakRssMb < TARGETS.maxRssMb },
    ]),
  )
  const machine = { cpus: cpus().length, node: process.version }
  if (values.json) {
    process.stdout.write(
      JSON.stringify({ machine, size: REPORT_SIZE, targets: TARGETS, within, runs }) + '\n',
    )
    return
  }
  const ok = (v: boolean) => (v ? 'met' : 'MISSED')
  const lines = [
    `Plan PDF (${REPORT_SIZE.objects} inventory objects, ${REPORT_SIZE.checks} checks, ${REPORT_SIZE.comparisons} comparisons × ${REPORT_SIZE.days} days; ${machine.cpus} CPUs, Node ${machine.node})`,
    `  mode         build    render   total    CPU      peak RSS   pages  size`,
    ...runs.map(
      (r) =>
        `  ${r.mode.padEnd(11)}  ${`${r.buildMs} ms`.padEnd(7)}  ${`${r.renderMs} ms`.padEnd(7)}  ${`${r.totalMs} ms`.padEnd(7)}  ${`${r.cpuMs} ms`.padEnd(7)}  ${`${r.peakRssMb} MB`.padEnd(9)}  ${String(r.pages).padEnd(5)}  ${round(r.bytes / 1024)} KB` +
        `   (time ≤ ${TARGETS.maxMs} ms: ${ok(within[r.mode]!.time)}, RSS < ${TARGETS.maxRssMb} MB: ${ok(within[r.mode]!.rss)})`,
    ),
  ]
  process.stdout.write(lines.join('\n') + '\n')
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:report failed: ${e instanceof Error ? e.stack : String(e)}\n`)
  process.exitCode = 1
})
