import { readColumns } from '../engine/parity/columns'
import { readDocumentBodies } from '../engine/parity/doc-body'
import { openSides, parityJobKey, runParity } from '../engine/parity/parity-job'
import { suggestComparisons } from '../engine/parity/suggest'
import { AppError } from '../../shared/result'
import type { DomainHandlers } from './handler-types'

/**
 * `parity.*`: the parity step's comparisons. A run answers a job id at once; each comparison's
 * result is recorded in the project as it ends, and the job's value lists them. One run per
 * project at a time (`JOB_RUNNING` otherwise); `jobs.cancel` stops it, keeping what was found.
 * `parity.suggest` reads both catalogs and answers definitions; `parity.columns` reads one
 * side's columns for the model-pair editor. Neither saves anything.
 */
export const parityHandlers: DomainHandlers<'parity'> = {
  'parity.run': async ({ only, samples }, ctx) => {
    const document = ctx.project.state?.document
    if (!document) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    const jobId = ctx.jobs.start({
      kind: 'parity.run',
      title:
        only === 'metrics'
          ? 'Comparing the dashboard metrics'
          : only === 'models'
            ? 'Comparing the models'
            : only === 'docs'
              ? 'Comparing the documents'
              : 'Comparing the old and new pipelines',
      exclusiveKey: parityJobKey(document.id),
      run: (job) =>
        runParity(
          ctx,
          {
            ...(only === undefined ? {} : { only }),
            ...(samples === undefined ? {} : { samples }),
          },
          job,
        ),
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
  'parity.document': async (input, ctx) => {
    if (!ctx.project.state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    return readDocumentBodies(ctx, input)
  },
  'parity.columns': async ({ side, schema, name }, ctx) => {
    if (!ctx.project.state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    // Refuses with BAD_REQUEST unless both PostgreSQL connections are set.
    const { pools } = await openSides(ctx)
    return readColumns({
      pool: side === 'old' ? pools.old : pools.new,
      label: side === 'old' ? 'old (couch2pg)' : 'new (CHT Sync)',
      endpoint: side === 'old' ? 'couch2pg' : 'chtSync',
      schema,
      name,
    })
  },
}
