import type { Verdict } from '../../../shared/project-schema'
import { slugify } from './format'

/**
 * Pure helpers of the checks' views: a remedy's text split into prose and fenced code, a run's
 * outcome in words, the file name of a problem report and the DOM ids the gate links to.
 */

/** A piece of a remedy: prose, or the content of a fenced code block (``` … ```). */
export type TextSegment = { kind: 'text'; text: string } | { kind: 'code'; code: string }

const FENCE = /^[ \t]*```/

/**
 * Splits text at its fenced code blocks: the lines between an opening ``` (with an optional
 * language) and the closing ``` become a `code` segment, the rest `text` segments (trimmed, empty
 * ones dropped). A fence that is never closed runs to the end of the text.
 */
export function splitFenced(text: string): TextSegment[] {
  const segments: TextSegment[] = []
  let prose: string[] = []
  let code: string[] | null = null
  const flushProse = () => {
    const joined = prose.join('\n').trim()
    if (joined) segments.push({ kind: 'text', text: joined })
    prose = []
  }
  for (const line of text.split(/\r?\n/)) {
    if (code === null) {
      if (FENCE.test(line)) {
        flushProse()
        code = []
      } else prose.push(line)
    } else if (FENCE.test(line)) {
      segments.push({ kind: 'code', code: code.join('\n') })
      code = null
    } else code.push(line)
  }
  if (code !== null) segments.push({ kind: 'code', code: code.join('\n') })
  flushProse()
  return segments
}

/** `Of 17 checks: 12 passed, 2 warned, 1 failed, 2 skipped.` — the end of a checks run. */
export function checksOutcomeText(verdicts: readonly Verdict[]): string {
  const n = verdicts.length
  if (n === 0) return 'No check ran.'
  const count = (v: Verdict) => verdicts.filter((x) => x === v).length
  const noun = n === 1 ? 'check' : 'checks'
  if (count('pass') === n) return n === 1 ? 'The check passed.' : `All ${n} ${noun} passed.`
  const parts = (
    [
      ['pass', 'passed'],
      ['warn', 'warned'],
      ['fail', 'failed'],
      ['error', 'could not run'],
      ['skipped', 'skipped'],
    ] as const
  )
    .map(([v, word]) => [count(v), word] as const)
    .filter(([c]) => c > 0)
    .map(([c, word]) => `${c} ${word}`)
  return `Of ${n} ${noun}: ${parts.join(', ')}.`
}

/**
 * `cht-sync-migration-the-latest-dbt-run-succeeded.md`: the name “Save as file” offers for a
 * report, from its title (prefixed with `cht-sync-` unless the title starts so).
 */
export function reportFileName(title: string): string {
  const slug = slugify(title)
  return slug.startsWith('cht-sync') ? `${slug}.md` : `cht-sync-${slug}.md`
}

/** The DOM id of a checklist item's heading (the target of the gate's links to it). */
export const itemHeadingId = (itemId: string): string => `item-${itemId.replace('.', '-')}`

/** The DOM id of a check's title in its item (the target of the gate's links to it). */
export const checkHeadingId = (checkId: string): string => `check-${checkId.replace(/\./g, '-')}`

/** `Held by 3 things`, `Held by 1 thing`. */
export const heldByText = (n: number): string => `Held by ${n} ${n === 1 ? 'thing' : 'things'}`
