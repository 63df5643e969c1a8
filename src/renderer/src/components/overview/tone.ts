import type { ItemStatus } from '../../../../shared/project-schema'

/**
 * The tone a figure is shown in, by what it means: nothing done is neutral (never green), part
 * done is in progress, all done is done, a failure is danger, a warning warn. Each tone is a CSS
 * class (`tone-…`, overview.css) over the colours of base.css; the figure's words say the same.
 */
export type Tone = 'neutral' | 'progress' | 'done' | 'warn' | 'danger'

/** The tone of a completion: none settled is neutral, some in progress, all of them done. */
export function completionTone(done: number, total: number): Tone {
  if (total <= 0 || done <= 0) return 'neutral'
  return done >= total ? 'done' : 'progress'
}

/**
 * The tone of a status count: an empty count and “to do” are neutral; “not applicable” too (it
 * settles an item without doing it); “in progress” and “done” in their own tones once non-zero.
 */
export function statusTone(status: ItemStatus, count: number): Tone {
  if (count <= 0) return 'neutral'
  if (status === 'in_progress') return 'progress'
  if (status === 'done') return 'done'
  return 'neutral'
}

/** The columns of the checks summary that carry a meaning beyond a count. */
export type CheckCount = 'passed' | 'warned' | 'failed' | 'skipped' | 'notRun'

/** The tone of a count of checks: failed is danger, warned warn, passed done; zero is neutral. */
export function checkCountTone(column: CheckCount, count: number): Tone {
  if (count <= 0) return 'neutral'
  if (column === 'failed') return 'danger'
  if (column === 'warned') return 'warn'
  if (column === 'passed') return 'done'
  return 'neutral'
}

/** The class of a tone. */
export const toneClass = (tone: Tone): string => `tone-${tone}`
