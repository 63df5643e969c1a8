import type { DomainHandlers } from './handler-types'

/** `jobs.*`: long work in progress, for a page that (re)attaches and for Cancel buttons. */
export const jobHandlers: DomainHandlers<'jobs'> = {
  'jobs.list': async (_input, ctx) => ({ jobs: ctx.jobs.list() }),
  'jobs.cancel': async ({ jobId }, ctx) => ({ cancelled: ctx.jobs.cancel(jobId) }),
}
