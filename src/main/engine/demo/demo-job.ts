import type { DemoStarted } from '../../../shared/contract'
import type { DemoSize, DemoVariant } from '../../../shared/demo'
import { ENDPOINT_IDS, type Connections } from '../../../shared/project-schema'
import { AppError } from '../../../shared/result'
import { secretKeyOf } from '../connections/secret-store'
import type { ConnectionContext } from '../../../shared/results/connection-context'
import type { NewResult } from '../../../shared/results/result-schema'
import type { Engine } from '../engine'
import type { JobContext } from '../jobs/job-registry'
import type { DemoDeployment } from './start-demo'

export interface DemoStartInput {
  size: DemoSize
  docs?: number
  seed?: number
  /** Keep everything in this folder (new or empty) when the demo stops. */
  keepDir?: string
  /** Which shape of deployment (default `DEFAULT_DEMO_VARIANT`). */
  variant?: DemoVariant
}

/** The job key that keeps two demo starts from running at once in one process. */
export const DEMO_JOB_KEY = 'demo'

/**
 * The `demo.start` job: starts the demo deployment, opens its project, keeps its throwaway
 * passwords for this session only (SEC-09: never remembered, never in the file) and tests the
 * three connections once, so the project opens with them green.
 *
 * A cancel at any point leaves nothing running: a demo that came up just as the cancel landed is
 * stopped again.
 */
export async function runDemoStart(
  engine: Engine,
  input: DemoStartInput,
  job: JobContext,
): Promise<DemoStarted> {
  await closeDemoProject(engine, true)
  let deployment: DemoDeployment
  try {
    deployment = await engine.demo.start(input, job)
    job.signal.throwIfAborted()
  } catch (e) {
    if (job.signal.aborted) {
      await engine.demo.stop()
      throw new AppError('CANCELLED', 'The demo start was cancelled; nothing was left behind.')
    }
    throw e
  }
  job.progress({ phase: 'testing-connections', unit: 'steps', done: 0, total: 3, message: '' })
  const opened = await engine.project.open(deployment.projectPath)
  // Like any opened file, through the recent list's one rule (a temporary demo's is not listed).
  await engine.prefs.addRecent(deployment.projectPath, opened.document.name)
  await rememberPasswords(engine, deployment, opened.document)
  const project = await testConnections(engine, deployment, opened.document.connections)
  return {
    project,
    endpoints: deployment.endpoints,
    manifestPath: deployment.manifestPath,
    dir: deployment.dir,
    kept: deployment.kept,
  }
}

/** Stops the running demo, closing its project first when its folder is about to go. */
export async function stopDemo(engine: Engine): Promise<boolean> {
  await closeDemoProject(engine, false)
  return engine.demo.stop()
}

/**
 * Closes the open project when it is the running demo's and its folder will be removed, so no
 * autosave writes into a folder that is gone. A kept demo's project stays open.
 */
async function closeDemoProject(engine: Engine, evenIfKept: boolean): Promise<void> {
  const running = engine.demo.current
  const open = engine.project.state
  if (!running || !open || open.document.demo?.dir !== running.dir) return
  if (running.kept && !evenIfKept) return
  await engine.project.flush()
  await engine.project.close()
}

async function testConnections(
  engine: Engine,
  deployment: DemoDeployment,
  connections: Connections,
) {
  // One after the other, CouchDB first, each read against what the ones before learnt: the
  // PostgreSQL results can then say which databases their pipeline does not copy.
  const results: NewResult[] = []
  const context: ConnectionContext = {}
  for (const endpoint of ENDPOINT_IDS) {
    const result = await engine.connections.test(
      endpoint,
      connections,
      deployment.passwords[endpoint],
      context,
    )
    results.push(result)
    const facts = result.details.kind === 'connection' ? result.details.facts : null
    if (facts?.endpoint === 'couchdb') context.couchdb = facts
    if (facts?.endpoint === 'couch2pg') context.couch2pg = facts
    if (facts?.endpoint === 'chtSync') context.chtSync = facts
  }
  await engine.project.recordResults(results)
  const state = engine.project.state
  if (!state) throw new AppError('INTERNAL', 'The demo project closed while it was being opened.')
  return state
}

async function rememberPasswords(
  engine: Engine,
  deployment: DemoDeployment,
  document: { id: string; connections: Connections },
): Promise<void> {
  for (const endpoint of ENDPOINT_IDS) {
    const profile = document.connections[endpoint]
    if (!profile) {
      throw new AppError('INTERNAL', `The demo project has no ${endpoint} connection.`)
    }
    await engine.secrets.set(
      secretKeyOf(document.id, endpoint, profile),
      deployment.passwords[endpoint],
      false,
    )
  }
}
