import type { z } from 'zod'

/**
 * What the model-pair and metric editors share: error maps keyed by field id, ids for new
 * comparisons, zod issues in words, and typed numbers read leniently. Pure.
 */

/** The first problem of each field, by the field's id (`title`, `keys.r3.old`…). */
export type FormErrors = Record<string, string>

/** The outcome of turning a form into a definition: the definition, or what to fix. */
export type FormOutcome<T> = { ok: true; value: T } | { ok: false; errors: FormErrors }

/** Records `message` for `field` unless the field already has a problem (the first one wins). */
export function addError(errors: FormErrors, field: string, message: string): void {
  if (!(field in errors)) errors[field] = message
}

const MAX_ID_LENGTH = 60

/**
 * An id for a new comparison, from its title: lower-case words joined by `-` (`Reports per
 * form` → `reports-per-form`), `fallback` when no letter or digit is left, and a `-2`, `-3`…
 * suffix while `taken` has it.
 */
export function newComparisonId(title: string, taken: ReadonlySet<string>, fallback: string) {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, MAX_ID_LENGTH)
      .replace(/^-+|-+$/g, '') || fallback
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`
    if (!taken.has(id)) return id
  }
}

/** A zod issue as a short sentence shown beside its field. */
export function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small') {
    if (issue.origin === 'string') return 'Required.'
    if (issue.origin === 'array') return `Add at least ${String(issue.minimum)}.`
    return `Must be ${String(issue.minimum)} or more.`
  }
  if (issue.code === 'too_big') {
    if (issue.origin === 'string') return `At most ${String(issue.maximum)} characters.`
    if (issue.origin === 'array') return `At most ${String(issue.maximum)}.`
    return `Must be ${String(issue.maximum)} or less.`
  }
  return issue.message
}

/** A typed amount: undefined when blank, NaN when not a number (a decimal comma is accepted). */
export function parseAmount(text: string): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(trimmed)) return NaN
  return Number(trimmed.replace(',', '.'))
}

/** A share (0.05) as the percentage the form shows (`5`), without binary noise. */
export const percentText = (share: number | undefined): string =>
  share === undefined ? '' : String(Number((share * 100).toPrecision(12)))

/** A typed percentage as a share (`5` → 0.05), without binary noise. */
export const shareOf = (percent: number): number => Number((percent / 100).toPrecision(12))

let lastRowId = 0

/** A fresh id for a row of a list the person edits (React keys, field ids). */
export const nextRowId = (): string => `r${++lastRowId}`
