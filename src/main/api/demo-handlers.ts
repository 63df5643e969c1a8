import { ENDPOINT_IDS, type Connections, type ProjectState } from '../../shared/project-schema'
import { AppError } from '../../shared/result'
import { reportToResult } from '../engine/connections/report-result'
import { profileIdentity } from '../engine/connections/secret-store'
import type { DemoDeployment } from '../engine/demo/start-demo'
import type { HandlerContext } from './context'
import type { DomainHandlers } from './handler-types'
import { ensureNoUnsavedChanges } from './paths'

/**
 * `demo.*`: the demo deployment (a throwaway CHT, couch2pg and CHT Sync on this machine).
 *
 * Starting runs as a job (progress events, `jobs.cancel`), then opens the demo's project and
 * hands its passwords to the secret store for this session only (SEC-09: never remembered, never
 * in the file). Stopping closes the demo's project first when its folder is about to go.
 */
export const demoHandlers: DomainHandlers<'demo'> = {
  'demo.start': async ({ size, docs, seed, jobId, discardChanges }, ctx) => {
    await ensureNoUnsavedChanges(ctx, discardChanges)
    await closeDemoProject(ctx, true)
    let deployment: DemoDeployment
    try {
      deployment = await ctx.jobs.run(
        'demo.start',
        (job) =>
          ctx.demo.start(
            {
              size,
              ...(docs === undefined ? {} : { docs }),
              ...(seed === undefined ? {} : { seed }),
            },
            job,
          ),
        jobId === undefined ? {} : { jobId },
      )
    } catch (e) {
      // A cancel that lands after the demo came up still means “no demo”: stop the new one.
      if (e instanceof AppError && e.code === 'CANCELLED') await ctx.demo.stop()
      throw e
    }
    const opened = await ctx.project.open(deployment.projectPath)
    await rememberPasswords(ctx, deployment, opened.document.connections)
    const project = await testConnections(ctx, deployment, opened.document.connections)
    return { project, endpoints: deployment.endpoints, manifestPath: deployment.manifestPath }
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
  'demo.stop': async (_input, ctx) => {
    await closeDemoProject(ctx, false)
    return { stopped: await ctx.demo.stop() }
  },
  'demo.manifest': async (_input, ctx) =>
    ctx.demo.manifest(ctx.project.state?.document.demo?.manifestPath ?? null),
}

/**
 * Closes the open project when it is the running demo's and its folder will be removed, so no
 * autosave writes into a folder that is gone. A kept demo's project stays open.
 */
async function closeDemoProject(ctx: HandlerContext, evenIfKept: boolean): Promise<void> {
  const running = ctx.demo.current
  const open = ctx.project.state
  if (!running || !open || open.document.demo?.dir !== running.dir) return
  if (running.kept && !evenIfKept) return
  await ctx.project.flush()
  await ctx.project.close()
}

/**
 * Tests the three demo connections once and stores the results, so the demo project opens with
 * its connections already checked (a person trying the wizard sees them green at once).
 */
async function testConnections(
  ctx: HandlerContext,
  deployment: DemoDeployment,
  connections: Connections,
): Promise<ProjectState> {
  const reports = await Promise.all(
    ENDPOINT_IDS.map((endpoint) =>
      ctx.connections.test(endpoint, connections, deployment.passwords[endpoint]),
    ),
  )
  return ctx.project.recordResults(reports.map(reportToResult))
}

async function rememberPasswords(
  ctx: HandlerContext,
  deployment: DemoDeployment,
  connections: Connections,
): Promise<void> {
  for (const endpoint of ENDPOINT_IDS) {
    const profile = connections[endpoint]
    if (!profile) {
      throw new AppError('INTERNAL', `The demo project has no ${endpoint} connection.`)
    }
    await ctx.secrets.set(
      endpoint,
      profileIdentity(endpoint, profile),
      deployment.passwords[endpoint],
      false,
    )
  }
}
