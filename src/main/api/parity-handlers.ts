import { parityJobKey, runParity } from '../engine/parity/parity-job'
import { AppError } from '../../shared/result'
import type { DomainHandlers } from './handler-types'

/**
 * `parity.*`: the parity step's comparisons. A run answers a job id at once; each comparison's
 * result is recorded in the project as it ends, and the job's value lists them. One run per
 * project at a time (`JOB_RUNNING` otherwise); `jobs.cancel` stops it, keeping what was found.
 */
export const parityHandlers: DomainHandlers<'parity'> = {
  'parity.run': async ({ only }, ctx) => {
    const document = ctx.project.state?.document
    if (!document) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    const jobId = ctx.jobs.start({
      kind: 'parity.run',
      title:
        only === 'metrics'
          ? 'Comparing the dashboard metrics'
          : only === 'models'
            ? 'Comparing the models'
            : 'Comparing the old and new pipelines',
      exclusiveKey: parityJobKey(document.id),
      run: (job) => runParity(ctx, only === undefined ? {} : { only }, job),
    })
    return { jobId }
  },
}
