/**
 * `npm run bench:demo`: how long the demo deployment takes to be ready, and what it costs.
 *
 * Measures the small demo (its default 20,000 documents) and a large one (1,000,000 documents by
 * default), each from nothing to ready (servers up, data loaded, models built), with the time of
 * each phase and the peak resident memory of this Node process (sampled every 250 ms; PostgreSQL
 * runs in its own processes). Prints a table, or one JSON object with --json.
 *
 * Options: --json, --large-docs N (default 1000000), --skip-large.
 */
import { parseArgs } from 'node:util'
import { startDemo } from '../src/main/engine/demo/start-demo'
import { PHASE_LABEL } from '../src/shared/jobs'

interface Run {
  name: string
  docs: number
  readySeconds: number
  phases: Record<string, number>
  stopSeconds: number
  peakRssMb: number
  documentsPerSecond: number
}

async function measure(name: string, docs: number): Promise<Run> {
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 250)
  const phases: Record<string, number> = {}
  let phase = ''
  let phaseStart = performance.now()
  const started = performance.now()
  try {
    const demo = await startDemo(
      { size: docs > 200_000 ? 'large' : 'small', docs },
      {
        signal: new AbortController().signal,
        progress: (update) => {
          const name = PHASE_LABEL[update.phase]
          if (name === phase) return
          const now = performance.now()
          if (phase) phases[phase] = (now - phaseStart) / 1000
          phase = name
          phaseStart = now
        },
      },
    )
    const ready = performance.now()
    if (phase) phases[phase] = (ready - phaseStart) / 1000
    peak = Math.max(peak, process.memoryUsage().rss)
    await demo.stop()
    const stopped = performance.now()
    const readySeconds = (ready - started) / 1000
    return {
      name,
      docs,
      readySeconds,
      phases,
      stopSeconds: (stopped - ready) / 1000,
      peakRssMb: Math.round(peak / 1_048_576),
      documentsPerSecond: Math.round(docs / readySeconds),
    }
  } finally {
    clearInterval(sampler)
  }
}

function table(runs: Run[]): string {
  const lines = ['Demo deployment benchmark (this machine):', '']
  for (const run of runs) {
    lines.push(
      `${run.name}: ${run.docs.toLocaleString('en-US')} documents ready in ${run.readySeconds.toFixed(1)} s ` +
        `(${run.documentsPerSecond.toLocaleString('en-US')} documents/s), peak RSS ${run.peakRssMb} MB, ` +
        `stopped in ${run.stopSeconds.toFixed(1)} s`,
    )
    for (const [phase, seconds] of Object.entries(run.phases)) {
      lines.push(`    ${phase.padEnd(40)} ${seconds.toFixed(1).padStart(7)} s`)
    }
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      'large-docs': { type: 'string' },
      'skip-large': { type: 'boolean' },
    },
  })
  const largeDocs = Number(values['large-docs'] ?? 1_000_000)
  const runs = [await measure('small', 20_000)]
  if (!values['skip-large']) runs.push(await measure('large', largeDocs))
  const targets = {
    smallReadySeconds: 20,
    largeReadySeconds: 240,
    largePeakRssMb: 1024,
  }
  const large = runs.find((r) => r.name === 'large')
  const within = {
    small: runs[0]!.readySeconds <= targets.smallReadySeconds,
    large: large ? large.readySeconds <= targets.largeReadySeconds : null,
    largeMemory: large ? large.peakRssMb <= targets.largePeakRssMb : null,
  }
  const machine = { cpus: (await import('node:os')).cpus().length, node: process.version }
  if (values.json) {
    process.stdout.write(JSON.stringify({ machine, targets, within, runs }) + '\n')
  } else {
    process.stdout.write(table(runs) + '\n')
    process.stdout.write(
      `\nTargets: small ready in ≤ ${targets.smallReadySeconds} s (${within.small ? 'met' : 'MISSED'})` +
        (large
          ? `; ${largeDocs.toLocaleString('en-US')} documents in ≤ ${targets.largeReadySeconds} s (${within.large ? 'met' : 'MISSED'}) under ${targets.largePeakRssMb} MB RSS (${within.largeMemory ? 'met' : 'MISSED'})`
          : '') +
        '\n',
    )
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:demo failed: ${e instanceof Error ? e.stack : String(e)}\n`)
  process.exitCode = 1
})
