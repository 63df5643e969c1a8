import type { ItemStatus, Verdict } from '../../../shared/project-schema'

/** The four statuses, in the order the status control shows them. */
export const STATUS_OPTIONS: readonly { value: ItemStatus; label: string }[] = [
  { value: 'todo', label: 'To do' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'done', label: 'Done' },
  { value: 'not_applicable', label: 'Not applicable' },
]

export const STATUS_LABEL: Record<ItemStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
  not_applicable: 'Not applicable',
}

/** Verdicts as words, so the meaning never rests on colour alone. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  pass: 'Passed',
  warn: 'Warning',
  fail: 'Failed',
  error: 'Could not run',
  info: 'For information',
}
