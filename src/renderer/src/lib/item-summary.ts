import { checksOfItem } from '../../../shared/checks/check-catalog'
import { checkResultOf } from '../../../shared/checks/gate'
import { CONNECTION_CHECK_IDS, CONNECTIONS_ITEM_ID } from '../../../shared/connection-targets'
import {
  ENDPOINT_IDS,
  type ItemState,
  type StoredResult,
  type Verdict,
} from '../../../shared/project-schema'
import { isStale, latestResultFor } from '../../../shared/progress'
import type { ChecklistItemDef } from '../../../shared/steps'
import { GATES_OF_ITEM } from '../../../shared/teardown/gate-items'
import type { TeardownGate, TeardownGateState } from '../../../shared/teardown/gate-types'

/**
 * What the one-line row of a checklist item says while its details are closed: a summary (the
 * first line of its note, else the start of its guidance) and the verdict of what judges it (its
 * automated checks, its stored result, the teardown gates or the connection tests) in a word or
 * two. Pure functions over the project copy, read the same way as the item's details read it.
 */

/** How a verdict reads at a glance; the words carry the meaning, the colour only repeats it. */
export type VerdictTone = 'pass' | 'warn' | 'fail' | 'none'

/** What judges the item, which a screen reader hears before the verdict. */
export type VerdictKind = 'checks' | 'result' | 'gates' | 'connections'

export interface ItemVerdict {
  kind: VerdictKind
  /** `2 checks passed`, `1 failed`, `Not run yet`. */
  text: string
  tone: VerdictTone
}

/** The latest verdict of one check or test (null while it never ran) and whether it is stale. */
export interface Reading {
  verdict: Verdict | null
  stale: boolean
}

/** What the verdicts are read from. */
export interface VerdictInputs {
  results: Record<string, StoredResult>
  staleAfterDays: number
  now: number
  /** The teardown gates as judged now (read only for the items the gates judge). */
  gates: readonly TeardownGate[] | null
}

/** Words a screen reader hears before the verdict, so `Failed` says what failed. */
export const VERDICT_KIND_LABEL: Record<VerdictKind, string> = {
  checks: 'Automated checks:',
  result: 'Automated check:',
  gates: 'Teardown gates:',
  connections: 'Connection tests:',
}

/** Done and not applicable items are settled: muted, closed, and hidden by the open-items filter. */
export const isSettledStatus = (status: ItemState['status'] | undefined): boolean =>
  status === 'done' || status === 'not_applicable'

/**
 * The row's summary: the first non-empty line of the note when there is one, otherwise the
 * item's guidance up to the end of its first sentence (the row cuts what does not fit).
 */
export function itemSummary(note: string | undefined, detail: string): string {
  const line = (note ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '')
  if (line) return line
  const text = detail.trim().replace(/\s+/g, ' ')
  const end = /[.!?](?=\s|$)/.exec(text)
  return end ? text.slice(0, end.index + 1) : text
}

/** A stored result read as a verdict and its age. */
export function readingOf(
  result: StoredResult | undefined,
  staleAfterDays: number,
  now: number,
): Reading {
  return result
    ? { verdict: result.verdict, stale: isStale(result.ranAt, staleAfterDays, now) }
    : { verdict: null, stale: false }
}

interface Counts {
  total: number
  passed: number
  warned: number
  failed: number
  errored: number
  skipped: number
  notRun: number
  stale: number
}

function count(readings: readonly Reading[]): Counts {
  const c: Counts = {
    total: readings.length,
    passed: 0,
    warned: 0,
    failed: 0,
    errored: 0,
    skipped: 0,
    notRun: 0,
    stale: 0,
  }
  for (const r of readings) {
    if (r.verdict === null) {
      c.notRun++
      continue
    }
    if (r.stale) c.stale++
    if (r.verdict === 'pass') c.passed++
    else if (r.verdict === 'warn') c.warned++
    else if (r.verdict === 'fail') c.failed++
    else if (r.verdict === 'error') c.errored++
    else c.skipped++
  }
  return c
}

/**
 * The verdict of an item's automated checks, worst first: failures (and checks that could not
 * run), then checks not run, warnings, stale results; else how many passed. Null without checks.
 */
export function checksVerdict(readings: readonly Reading[]): ItemVerdict | null {
  const c = count(readings)
  if (c.total === 0) return null
  const v = (text: string, tone: VerdictTone): ItemVerdict => ({ kind: 'checks', text, tone })
  if (c.failed + c.errored > 0) {
    const parts = []
    if (c.failed > 0) parts.push(`${c.failed} failed`)
    if (c.errored > 0) parts.push(`${c.errored} could not run`)
    return v(parts.join(', '), 'fail')
  }
  if (c.notRun === c.total) return v('Not run yet', 'none')
  if (c.notRun > 0) return v(`${c.notRun} of ${c.total} not run`, 'none')
  if (c.warned > 0) return v(`${c.warned} warned`, 'warn')
  if (c.stale > 0) return v(`${c.stale} stale`, 'warn')
  if (c.passed === 0) return v('Skipped', 'none')
  if (c.skipped > 0) return v(`${c.passed} passed, ${c.skipped} skipped`, 'pass')
  return v(c.total === 1 ? 'Check passed' : `${c.total} checks passed`, 'pass')
}

const RESULT_WORD: Record<Verdict, { text: string; tone: VerdictTone }> = {
  pass: { text: 'Passed', tone: 'pass' },
  warn: { text: 'Warning', tone: 'warn' },
  fail: { text: 'Failed', tone: 'fail' },
  error: { text: 'Could not run', tone: 'fail' },
  skipped: { text: 'Skipped', tone: 'none' },
}

/** The verdict of an item's one stored result (a comparison, the inventory): its word, and its age. */
export function resultVerdict(reading: Reading): ItemVerdict {
  if (reading.verdict === null) return { kind: 'result', text: 'Not run yet', tone: 'none' }
  const { text, tone } = RESULT_WORD[reading.verdict]
  if (reading.stale && tone !== 'fail')
    return { kind: 'result', text: `${text}, stale`, tone: 'warn' }
  return { kind: 'result', text, tone }
}

/** The verdict of the connection tests: any not connected, any not tested, or all connected. */
export function connectionsVerdict(readings: readonly Reading[]): ItemVerdict {
  const c = count(readings)
  const v = (text: string, tone: VerdictTone): ItemVerdict => ({ kind: 'connections', text, tone })
  if (c.failed + c.errored > 0) return v(`${c.failed + c.errored} not connected`, 'fail')
  if (c.notRun === c.total) return v('Not tested yet', 'none')
  if (c.notRun > 0) return v(`${c.notRun} of ${c.total} not tested`, 'none')
  if (c.warned > 0) return v(`${c.warned} with warnings`, 'warn')
  if (c.stale > 0) return v(`${c.stale} stale`, 'warn')
  return v(`${c.total} of ${c.total} connected`, 'pass')
}

/** The verdict of the teardown gates that judge an item: any not met, any without evidence, or met. */
export function gatesVerdict(states: readonly TeardownGateState[]): ItemVerdict | null {
  if (states.length === 0) return null
  const unmet = states.filter((s) => s === 'unmet').length
  const unknown = states.filter((s) => s === 'unknown').length
  const one = states.length === 1
  const v = (text: string, tone: VerdictTone): ItemVerdict => ({ kind: 'gates', text, tone })
  if (unmet > 0) return v(one ? 'Gate not met' : `${unmet} not met`, 'fail')
  if (unknown > 0) return v(one ? 'No evidence yet' : `${unknown} without evidence`, 'none')
  return v(one ? 'Gate met' : `${states.length} gates met`, 'pass')
}

/**
 * The verdict of whatever judges an item, as its details show it: the connection tests for the
 * connections item, else its automated checks, else the teardown gates, else its stored result;
 * null for an item nothing automated judges.
 */
export function itemVerdict(item: ChecklistItemDef, inputs: VerdictInputs): ItemVerdict | null {
  const { results, staleAfterDays, now } = inputs
  const read = (result: StoredResult | undefined) => readingOf(result, staleAfterDays, now)
  if (item.id === CONNECTIONS_ITEM_ID) {
    return connectionsVerdict(ENDPOINT_IDS.map((e) => read(results[CONNECTION_CHECK_IDS[e]])))
  }
  const checks = checksOfItem(item.id)
  if (checks.length > 0) return checksVerdict(checks.map((c) => read(checkResultOf(results, c.id))))
  const gateIds = GATES_OF_ITEM[item.id]
  if (gateIds) {
    if (!inputs.gates) return null
    return gatesVerdict(inputs.gates.filter((g) => gateIds.includes(g.id)).map((g) => g.state))
  }
  if (item.checkId) return resultVerdict(read(latestResultFor(results, item.id)))
  return null
}
