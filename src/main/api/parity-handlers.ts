import { openSides, parityJobKey, runParity } from '../engine/parity/parity-job'
import { suggestComparisons } from '../engine/parity/suggest'
import { AppError } from '../../shared/result'
import type { DomainHandlers } from './handler-types'

/**
 * `parity.*`: the parity step's comparisons. A run answers a job id at once; each comparison's
 * result is recorded in the project as it ends, and the job's value lists them. One run per
 * project at a time (`JOB_RUNNING` otherwise); `jobs.cancel` stops it, keeping what was found.
 * `parity.suggest` reads both catalogs and answers definitions; it saves nothing.
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
  'parity.suggest': async (_input, ctx) => {
    const document = ctx.project.state?.document
    if (!document) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    // Refuses with BAD_REQUEST unless both PostgreSQL connections are set.
    const { pools } = await openSides(ctx)
    const { schema, table } = document.connections.chtSync!
    return suggestComparisons({ pools, chtSync: { schema, table } })
  },
}
