import type { JobProgress } from '../../../shared/events'
import { getApiClient } from '../api/client'
import { useStore } from '../store'
import { adopt } from './project-actions'

const store = () => useStore.getState()

/** A job id made here, so progress events and Cancel can name the job before it answers. */
export function newJobId(): string {
  const random = globalThis.crypto?.randomUUID?.()
  return random ?? `demo-${Date.now()}-${Math.random().toString(36).slice(2)}`
}

/**
 * Starts the demo deployment and, once it is ready, opens its project.
 *
 * `onProgress` receives the job's progress events; returns true when the demo project is open.
 * A cancelled start is silent (the person asked for it); any other failure becomes the alert.
 */
export async function startDemo(
  jobId: string,
  onProgress: (progress: JobProgress) => void,
): Promise<boolean> {
  store().clearError()
  const api = getApiClient()
  const unsubscribe = api.onEvent((event) => {
    if (event.type === 'job.progress' && event.progress.jobId === jobId) onProgress(event.progress)
  })
  try {
    const result = await api.call('demo.start', { size: 'small', jobId })
    if (result.ok) {
      adopt(result.value.project)
      store().announce(
        `The demo deployment is running; opened “${result.value.project.document.name}”.`,
      )
      return true
    }
    if (result.error.code !== 'CANCELLED') {
      store().showError({
        title: 'Could not start the demo deployment',
        message: result.error.message,
        code: result.error.code,
      })
    } else {
      store().announce('The demo deployment was cancelled; nothing was left behind.')
    }
    return false
  } finally {
    unsubscribe()
  }
}

/** Asks the engine to cancel the demo start; it stops at its next batch and cleans up. */
export async function cancelDemo(jobId: string): Promise<void> {
  await getApiClient().call('jobs.cancel', { jobId })
}
