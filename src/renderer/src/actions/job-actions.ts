import { jobOutputSchema } from '../../../shared/contract'
import type { JobSnapshot } from '../../../shared/jobs'
import { err, type Result } from '../../../shared/result'
import { getApiClient } from '../api/client'
import { useStore } from '../store'

const store = () => useStore.getState()

/** Asks the engine which jobs run (and ran lately), after a reload or a reconnect. */
export async function refreshJobs(): Promise<void> {
  const result = await getApiClient().call('jobs.list', {})
  if (result.ok) store().replaceJobs(result.value.jobs)
}

/**
 * The `Result` of a finished job with its value checked against the schema of the job's kind
 * (as every message crossing a boundary is): a value that does not match is `INTERNAL`.
 */
export function checkedJobResult(job: JobSnapshot, raw: Result<unknown>): Result<unknown> {
  if (!raw.ok) return raw
  const schema = jobOutputSchema(job.kind)
  if (!schema) return raw
  const parsed = schema.safeParse(raw.value)
  return parsed.success
    ? { ok: true, value: parsed.data }
    : err('INTERNAL', `The wizard received an unexpected result of ${job.kind}.`)
}

/** Asks the engine to cancel a job; it stops at its next step and cleans up after itself. */
export async function cancelJob(jobId: string): Promise<boolean> {
  const result = await getApiClient().call('jobs.cancel', { jobId })
  return result.ok && result.value.cancelled
}
