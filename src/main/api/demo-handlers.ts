import { checkKeepDir } from '../engine/demo/demo-dir'
import { DEMO_JOB_KEY, runDemoStart, stopDemo } from '../engine/demo/demo-job'
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
  'demo.start': async ({ size, docs, seed, keep, discardChanges }, ctx) => {
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
          },
          job,
        ),
    })
    return { jobId }
  },
  'demo.status': async (_input, ctx) => {
    const { running, deployment } = ctx.demo.status()
    return {
      running,
      endpoints: deployment?.endpoints ?? null,
      manifestPath: deployment?.manifestPath ?? null,
      dir: deployment?.dir ?? null,
    }
  },
  'demo.stop': async (_input, ctx) => ({ stopped: await stopDemo(ctx) }),
  'demo.manifest': async (_input, ctx) =>
    ctx.demo.manifest(ctx.project.state?.document.demo?.manifestPath ?? null),
}
