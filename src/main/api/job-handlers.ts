import type { DomainHandlers } from './handler-types'

/** `jobs.*`: long work in progress. */
export const jobHandlers: DomainHandlers<'jobs'> = {
  'jobs.cancel': async ({ jobId }, ctx) => ({ cancelled: ctx.jobs.cancel(jobId) }),
}
