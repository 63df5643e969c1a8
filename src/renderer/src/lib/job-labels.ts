import { PHASE_LABEL, type JobSnapshot, type JobState, type JobUnit } from '../../../shared/jobs'

export { PHASE_LABEL }

export const UNIT_LABEL: Record<JobUnit, string> = {
  documents: 'documents',
  ids: 'ids',
  rows: 'rows',
  objects: 'objects',
  checks: 'checks',
  bytes: 'bytes',
  steps: 'steps',
}

export const STATE_LABEL: Record<JobState, string> = {
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

/** `Loading documents: 12,000 of 20,000 documents` — the phase, and the count where known. */
export function progressLabel(job: JobSnapshot): string {
  const { phase, done, total, unit } = job.progress
  const label = PHASE_LABEL[phase]
  if (total === null || unit === null) return label
  return `${label}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${UNIT_LABEL[unit]}`
}

/** `2 min 05 s`, `42 s`. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000))
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}
