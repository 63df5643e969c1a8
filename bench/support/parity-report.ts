import { cpus } from 'node:os'
import type { CouchBench } from '../parity-couch'
import type { ModelBench } from '../parity-model'

/**
 * The output of `npm run bench:parity`: the document table, then the model parity and CouchDB
 * tables, or one JSON object with the same figures (`--json`).
 */

/** One approach's figures in one scenario (medians over the runs for floor and parity). */
export interface Measure {
  seconds: number
  bytes: number
  peakRssMb: number
  precision: number | null
  recall: number | null
}

/** One scenario's results, as `bench/parity.ts` measures them. */
export interface ScenarioResult {
  name: string
  every: number
  injected: number
  runs: number
  loadAverage: number[]
  boundaries: number
  segmentsDiffering: number
  drilledRows: number
  method: string
  phases: { sampleSeconds: number; digestSeconds: number; drillDownSeconds: number }
  floor: Measure
  parity: Measure
  naive: Measure
  ratios: { parity: number; naive: number }
  bytesShareOfNaive: number
}

export interface ParityReport {
  docs: number
  icu: boolean
  results: ScenarioResult[]
  model: ModelBench | null
  couch: CouchBench | null
}

/** The targets each figure is held to. */
export const TARGETS = {
  ratioAt0: 1.2,
  ratioAt01: 1.5,
  ratioAt10: 3,
  bytesShareOfNaive: 0.02,
  peakRssMb: 300,
  modelRatio: 2,
  couchRateShare: 0.8,
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(2)
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ')

function documentTable(r: ParityReport): string[] {
  const lines = [
    `Document parity, couch2pg vs CHT Sync on two servers, ${r.docs.toLocaleString('en-US')} documents each` +
      ` (${r.icu ? 'database collation ICU en-US' : 'database collation C.UTF-8'}; ${cpus().length} CPUs, Node ${process.version}):`,
    '',
    'scenario  approach    seconds  x floor  MB received  peak RSS MB  precision  recall',
  ]
  for (const s of r.results) {
    for (const [name, m] of [
      ['floor', s.floor],
      ['parity', s.parity],
      ['naive', s.naive],
    ] as const) {
      lines.push(
        `${s.name.padEnd(9)} ${name.padEnd(10)} ${m.seconds.toFixed(2).padStart(8)} ${(m.seconds / s.floor.seconds).toFixed(2).padStart(8)} ` +
          `${mb(m.bytes).padStart(12)} ${m.peakRssMb.toFixed(0).padStart(12)} ` +
          `${m.precision === null ? '-' : m.precision.toFixed(3)}`.padEnd(10) +
          ` ${m.recall === null ? '-' : m.recall.toFixed(3)}`,
      )
    }
    lines.push(
      `          (${s.injected.toLocaleString('en-US')} differences injected; ${s.segmentsDiffering} of ${s.boundaries + 1} segments differ, ` +
        `${s.drilledRows.toLocaleString('en-US')} rows drilled (both sides); drill-down ${s.method}; ` +
        `parity bytes = ${(100 * s.bytesShareOfNaive).toFixed(2)} % of naive; ` +
        `parity phases: sample ${s.phases.sampleSeconds.toFixed(2)} s, digests ${s.phases.digestSeconds.toFixed(2)} s, ` +
        `drill-down ${s.phases.drillDownSeconds.toFixed(2)} s; medians of ${s.runs} runs (naive: 1); load average ${load(s.loadAverage)})`,
    )
  }
  return lines
}

function modelTable(m: ModelBench): string[] {
  return [
    `Model parity, form_metadata (${m.rows.old.toLocaleString('en-US')} rows) vs data_record (${m.rows.new.toLocaleString('en-US')} rows), on the 0 % scenario's documents:`,
    '',
    'approach    seconds  x floor  peak RSS MB  differences',
    `floor      ${m.floorSeconds.toFixed(2).padStart(8)} ${(1).toFixed(2).padStart(8)}            -            -`,
    `parity     ${m.paritySeconds.toFixed(2).padStart(8)} ${m.ratio.toFixed(2).padStart(8)} ${m.peakRssMb.toFixed(0).padStart(12)} ${String(m.differences).padStart(12)}`,
    `          (target: at most ${TARGETS.modelRatio}x the floor)`,
  ]
}

function couchTable(c: CouchBench): string[] {
  return [
    `CouchDB side, _all_docs of ${c.docs.toLocaleString('en-US')} documents (embedded CouchDB, medians of 3 runs):`,
    '',
    'approach                 seconds  docs/s     share of floor rate  peak RSS MB',
    `_all_docs alone (floor) ${c.aloneSeconds.toFixed(2).padStart(8)} ${Math.round(
      c.docs / c.aloneSeconds,
    )
      .toString()
      .padStart(9)}  ${'100 %'.padStart(19)}            -`,
    `parity (nano, digests)  ${c.paritySeconds.toFixed(2).padStart(8)} ${Math.round(
      c.docs / c.paritySeconds,
    )
      .toString()
      .padStart(
        9,
      )}  ${`${(100 * c.rateShare).toFixed(0)} %`.padStart(19)} ${c.peakRssMb.toFixed(0).padStart(12)}`,
    `          (target: at least ${100 * TARGETS.couchRateShare} % of the floor's rate)`,
  ]
}

/** The tables, as printed. */
export function textReport(r: ParityReport): string {
  const lines = documentTable(r)
  if (r.model) lines.push('', ...modelTable(r.model))
  if (r.couch) lines.push('', ...couchTable(r.couch))
  return lines.join('\n')
}

/** The same figures as one JSON-ready object. */
export function jsonReport(r: ParityReport) {
  return {
    machine: { cpus: cpus().length, node: process.version },
    docs: r.docs,
    icu: r.icu,
    targets: TARGETS,
    scenarios: r.results.map((s) => ({
      ...s,
      seconds: { floor: s.floor.seconds, parity: s.parity.seconds, naive: s.naive.seconds },
      bytes: { floor: s.floor.bytes, parity: s.parity.bytes, naive: s.naive.bytes },
      peakRssMb: { floor: s.floor.peakRssMb, parity: s.parity.peakRssMb, naive: s.naive.peakRssMb },
      precision: s.parity.precision,
      recall: s.parity.recall,
    })),
    model: r.model,
    couch: r.couch,
  }
}
