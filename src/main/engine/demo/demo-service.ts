import { demoManifestSchema, type DemoManifest } from '../../../shared/demo'
import { AppError } from '../../../shared/result'
import { BoundedReadError, readBoundedRegularFile } from '../fs/bounded-read'
import { startDemo, type DemoDeployment, type DemoJob, type StartDemoOptions } from './start-demo'

/** A manifest lists the injected discrepancies: well under this even for the largest demo. */
const MAX_MANIFEST_BYTES = 5 * 1024 * 1024

export interface DemoStatus {
  running: boolean
  deployment: DemoDeployment | null
  /** Why a started demo is no longer usable (a server stopped from outside), or null. */
  failure: string | null
  /** When the running demo's start was asked for (ISO 8601), or null. */
  startedAt: string | null
}

/**
 * The demo deployment of one wizard process (browser mode, Electron): at most one runs.
 *
 * Starting another stops the previous one first. Whatever face quits (SIGINT in browser mode,
 * window close in Electron) calls `stop()`, which removes the demo's folder unless it was kept.
 */
export interface DemoService {
  readonly current: DemoDeployment | null
  start(options: StartDemoOptions, job: DemoJob): Promise<DemoDeployment>
  /** Stops the running demo; false when none was running. */
  stop(): Promise<boolean>
  status(): DemoStatus
  /** The running demo's manifest, or the one at `fallbackPath` (a kept demo's project). */
  manifest(fallbackPath?: string | null): Promise<DemoManifest>
  /** Listens for a server of the running demo stopping from outside. */
  onFailure(listener: (message: string) => void): () => void
}

export function createDemoService(
  start: (options: StartDemoOptions, job: DemoJob) => Promise<DemoDeployment> = startDemo,
): DemoService {
  let current: DemoDeployment | null = null
  let failure: string | null = null
  let startedAt: string | null = null
  let starting: Promise<DemoDeployment> | null = null
  const listeners = new Set<(message: string) => void>()

  const stop = async () => {
    const running = current
    current = null
    failure = null
    startedAt = null
    if (!running) return false
    await running.stop()
    return true
  }

  return {
    get current() {
      return current
    },
    async start(options, job) {
      if (starting) {
        throw new AppError('BAD_REQUEST', 'A demo deployment is already starting; wait for it.')
      }
      starting = (async () => {
        await stop()
        const askedAt = new Date().toISOString()
        const deployment = await start(options, job)
        current = deployment
        startedAt = askedAt
        deployment.onFailure((message) => {
          if (current !== deployment) return
          failure = message
          for (const listener of listeners) listener(message)
        })
        return deployment
      })()
      try {
        return await starting
      } finally {
        starting = null
      }
    },
    stop,
    status: () => ({
      running: current !== null && failure === null,
      deployment: current,
      failure,
      startedAt,
    }),
    async manifest(fallbackPath) {
      if (current) return current.manifest
      if (!fallbackPath) {
        throw new AppError(
          'NOT_FOUND',
          'No demo deployment is running and the open project is not a demo.',
        )
      }
      // The path comes from the project file: read only a regular file of bounded size, never
      // a FIFO (which would block forever) or a device.
      let text: string
      try {
        const bytes = await readBoundedRegularFile(fallbackPath, MAX_MANIFEST_BYTES, {
          label: "The demo's manifest",
        })
        text = bytes.toString('utf8')
      } catch (e) {
        if (!(e instanceof BoundedReadError) || e.reason !== 'missing') throw e
        throw new AppError('FILE_NOT_FOUND', `The demo's manifest is gone (${fallbackPath}).`, {
          path: fallbackPath,
        })
      }
      const parsed = demoManifestSchema.safeParse(parseJson(text))
      if (!parsed.success) {
        throw new AppError('PROJECT_INVALID', `${fallbackPath} is not a demo manifest.`, {
          path: fallbackPath,
        })
      }
      return parsed.data
    },
    onFailure(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
