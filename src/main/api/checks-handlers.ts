import { checksOfStep } from '../../shared/checks/check-catalog'
import { AppError, isAppError } from '../../shared/result'
import { checksJobKey, runChecks } from '../engine/checks/check-runner'
import { loadChtSyncConfig } from '../engine/checks/config/load-config'
import { CHECK_REGISTRY } from '../engine/checks/registry'
import { problemReport } from '../engine/checks/report'
import type { DomainHandlers } from './handler-types'

/** Overrides the wait between the two samples of `setup.arriving` (tests; milliseconds). */
const SAMPLE_WINDOW_ENV = 'CHT_MIGRATE_CHECK_SAMPLE_MS'

function sampleWindowMs(): number | undefined {
  const raw = process.env[SAMPLE_WINDOW_ENV]
  const ms = raw === undefined ? NaN : Number(raw)
  return Number.isInteger(ms) && ms >= 0 && ms <= 120_000 ? ms : undefined
}

/**
 * `checks.*`: the automated checks of the setup, production and monitoring steps. A run answers
 * a job id at once; each check's result is recorded in the project as it ends, and the job's
 * value lists them. One run per project at a time (`JOB_RUNNING` otherwise); `jobs.cancel` stops
 * it, keeping what ran. `checks.report` builds a redacted problem report from stored results.
 */
export const checksHandlers: DomainHandlers<'checks'> = {
  'checks.run': async ({ step, ids }, ctx) => {
    const document = ctx.project.state?.document
    if (!document) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    const count = ids?.length ?? (step ? checksOfStep(step).length : null)
    const window = sampleWindowMs()
    const jobId = ctx.jobs.start({
      kind: 'checks.run',
      title:
        count === 1
          ? 'Running a check'
          : step
            ? `Running the ${step} checks`
            : 'Running the checks',
      exclusiveKey: checksJobKey(document.id),
      run: (job) =>
        runChecks(
          ctx,
          { ...(step === undefined ? {} : { step }), ...(ids === undefined ? {} : { ids }) },
          job,
          { registry: CHECK_REGISTRY, ...(window === undefined ? {} : { sampleWindowMs: window }) },
        ),
    })
    return { jobId }
  },
  'checks.chooseSource': async ({ kind }, ctx) => {
    if (!ctx.project.state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    if (!ctx.dialogs) {
      throw new AppError('BAD_REQUEST', 'Type the path of the file: this face has no file dialog.')
    }
    const path = await ctx.dialogs.chooseConfigPath(kind)
    if (path === null) return { path }
    const source = kind === 'env' ? { envPath: path } : { valuesPath: path }
    await ctx.project.update([{ type: 'checks.setSources', ...source }], ctx.prefs.get().userName)
    return { path }
  },
  'checks.report': async ({ ids }, ctx) => {
    const document = ctx.project.state?.document
    if (!document) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    // The configuration adds its settings, secrets masked; a file gone since the run is no error.
    const config = await loadChtSyncConfig(document.checks).catch((e: unknown) => {
      if (isAppError(e)) return null
      throw e
    })
    return problemReport({
      document,
      appVersion: ctx.appVersion,
      config,
      ...(ids === undefined ? {} : { ids }),
    })
  },
}
