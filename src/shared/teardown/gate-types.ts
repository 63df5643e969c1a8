/** The teardown gates, in the order the Teardown step shows them. */
export const TEARDOWN_GATE_IDS = [
  'decisions',
  'parity-days',
  'monitoring',
  'no-reads',
  'dashboards',
  'backup',
] as const
export type TeardownGateId = (typeof TEARDOWN_GATE_IDS)[number]

/** `met` holds nothing up; `unmet` blocks; `unknown` has no evidence either way yet. */
export type TeardownGateState = 'met' | 'unmet' | 'unknown'

/** One condition for removing couch2pg, with the figures it was judged on. */
export interface TeardownGate {
  id: TeardownGateId
  title: string
  state: TeardownGateState
  /** Short sentences with figures: what the gate was judged on. */
  evidence: string[]
  /** What to do to meet it, or null when it is met. */
  remedy: string | null
}

/** Builds a gate (a small helper so each gate reads as its judgement). */
export const gate = (
  id: TeardownGateId,
  title: string,
  state: TeardownGateState,
  evidence: string[],
  remedy: string | null,
): TeardownGate => ({ id, title, state, evidence, remedy: state === 'met' ? null : remedy })

/** `812 bytes`, `12.3 MB` (powers of 1000). */
export function sizeText(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0
    ? `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
    : `${value.toFixed(1)} ${units[unit]}`
}

/** `2026-03-10` from an ISO date. */
export const dayOf = (iso: string): string => new Date(iso).toISOString().slice(0, 10)

/** `1 object`, `3 objects`. */
export const countOf = (n: number, noun: string, plural = `${noun}s`): string =>
  `${n} ${n === 1 ? noun : plural}`

/** The first `max` names, and how many more: `a, b, c and 4 more`. */
export function listOf(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).join(', ')
  return names.length > max ? `${shown} and ${names.length - max} more` : shown
}
