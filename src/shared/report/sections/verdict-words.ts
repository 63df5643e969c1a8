import type { Verdict } from '../../results/common'
import type { DifferenceClass } from '../../results/comparison-result'
import type { Span, Tone } from '../model'
import { toned } from '../text'

/**
 * Verdicts, difference classes and counts in the plan's words (the app's labels, which live in
 * the renderer, said again here for the shared report).
 */

/** A verdict as the app's badge says it. */
export const VERDICT_WORDS: Readonly<Record<Verdict, string>> = {
  pass: 'Passed',
  warn: 'Warning',
  fail: 'Failed',
  error: 'Could not run',
  skipped: 'Skipped',
}

/** The tone of a verdict: passed good, warning warn, failed or not run bad, skipped neutral. */
export const VERDICT_TONE: Readonly<Record<Verdict, Tone>> = {
  pass: 'good',
  warn: 'warn',
  fail: 'bad',
  error: 'bad',
  skipped: 'neutral',
}

/** A verdict as a toned span. */
export const verdictSpan = (verdict: Verdict): Span =>
  toned(VERDICT_WORDS[verdict], VERDICT_TONE[verdict])

/** A class of difference in words, lower case, to sit in a sentence. */
export const DIFFERENCE_WORDS: Readonly<Record<DifferenceClass, string>> = {
  missing_in_new: 'missing in CHT Sync',
  extra_in_new: 'only in CHT Sync',
  stale_in_new: 'older in CHT Sync',
  stale_in_old: 'older in couch2pg',
  deleted_but_present: 'deleted in couch2pg, present in CHT Sync',
  present_but_deleted: 'present in couch2pg, deleted in CHT Sync',
  duplicate_id: 'duplicate key',
  in_flight: 'in flight (not counted)',
  value_conflict: 'different values',
  null_one_side: 'null on one side',
}

/** Why a run covers less than everything, in a few words. */
export const PARTIAL_WORDS: Readonly<Record<string, string>> = {
  cancelled: 'cancelled before the end',
  timeout: 'stopped at its time limit',
  budget: 'stopped at its size limit',
  failed: 'stopped by a failure',
}

/** `1 comparison`, `3 comparisons`, with the count grouped: `1,204 rows`. */
export const countText = (n: number, noun: string, plural = `${noun}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`

/** `a`, `a and b`, `a, b and c`. */
export function andList(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

/** The first `max` names and how many more: `a, b and 4 more`. */
export function namesText(names: readonly string[], max = 10): string {
  if (names.length <= max) return andList(names)
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`
}
