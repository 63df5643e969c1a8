import { AppError } from '../../shared/result'
import { checkKeepDir } from '../engine/demo/demo-dir'
import { DEMO_JOB_KEY, runDemoStart, stopDemo } from '../engine/demo/demo-job'
import { demoVariantOf } from '../engine/demo/pipelines'
import type { DomainHandlers } from './handler-types'
import { ensureNoUnsavedChanges, resolvePath } from './paths'

/**
 * `demo.*`: the demo deployment (a throwaway CHT, couch2pg and CHT Sync on this machine).
 *
 * Starting answers a job id at once; the job's progress and its end (with the opened project)
 * arrive as job events, and `jobs.cancel` stops it. A second start while one runs is refused
 * with `JOB_RUNNING`.
 */
export const demoHandlers: DomainHandlers<'demo'> = {
  'demo.start': async (input, ctx) => {
    const { size, docs, seed, keep, discardChanges } = input
    await ensureNoUnsavedChanges(ctx, discardChanges)
    const keepDir = keep === undefined ? undefined : await resolvePath(ctx, keep, 'export')
    // A folder that is not new or empty is refused before anything starts.
    if (keepDir !== undefined) await checkKeepDir(keepDir)
    const jobId = ctx.jobs.start({
      kind: 'demo.start',
      title: 'Starting the demo deployment',
      exclusiveKey: DEMO_JOB_KEY,
      run: (job) =>
        runDemoStart(
          ctx,
          {
            size,
            ...(docs === undefined ? {} : { docs }),
            ...(seed === undefined ? {} : { seed }),
            ...(keepDir === undefined ? {} : { keepDir }),
            variant: demoVariantOf(input),
          },
          job,
        ),
    })
    return { jobId }
  },
  'demo.status': async (_input, ctx) => {
    const { running, deployment, failure, startedAt } = ctx.demo.status()
    return {
      running,
      endpoints: deployment?.endpoints ?? null,
      manifestPath: deployment?.manifestPath ?? null,
      dir: deployment?.dir ?? null,
      kept: deployment?.kept ?? false,
      projectPath: deployment?.projectPath ?? null,
      size: deployment?.manifest.size ?? null,
      documents: deployment?.manifest.documents.total ?? null,
      startedAt,
      failure,
    }
  },
  'demo.reopen': async (_input, ctx) => {
    const running = ctx.demo.current
    if (!running) throw new AppError('NOT_FOUND', 'No demo deployment is running.')
    await ensureNoUnsavedChanges(ctx, false)
    // The path is the engine's own, never one from the page (SEC-10); its passwords are still
    // kept for this session, from the start.
    const state = await ctx.project.open(running.projectPath)
    await ctx.prefs.addRecent(running.projectPath, state.document.name)
    return state
  },
  'demo.stop': async (_input, ctx) => ({ stopped: await stopDemo(ctx) }),
  'demo.manifest': async (_input, ctx) =>
    ctx.demo.manifest(ctx.project.state?.document.demo?.manifestPath ?? null),
}
