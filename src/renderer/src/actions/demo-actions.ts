import type { DemoStarted } from '../../../shared/contract'
import type { Result } from '../../../shared/result'
import { getApiClient } from '../api/client'
import { useStore } from '../store'
import { adopt } from './project-actions'

const store = () => useStore.getState()

/**
 * Starts the demo deployment as a job. Its progress arrives in the jobs slice and its end in
 * `demoStartFinished`; a refused start (one already running: `JOB_RUNNING`, unsaved changes…)
 * becomes the alert at once.
 */
export async function startDemo(): Promise<string | null> {
  store().clearError()
  const started = await getApiClient().call('demo.start', { size: 'small' })
  if (started.ok) return started.value.jobId
  store().showError({
    title: 'Could not start the demo deployment',
    message: started.error.message,
    code: started.error.code,
  })
  return null
}

/**
 * The end of a demo start, whichever page started it: opens the demo's project, or says why
 * not. A cancelled start is announced, not shown as an error.
 */
export function demoStartFinished(result: Result<unknown>): void {
  if (result.ok) {
    const value = result.value as DemoStarted
    adopt(value.project)
    store().announce(`The demo deployment is running; opened “${value.project.document.name}”.`)
    return
  }
  if (result.error.code === 'CANCELLED') {
    store().announce('The demo deployment was cancelled; nothing was left behind.')
    return
  }
  store().showError({
    title: 'Could not start the demo deployment',
    message: result.error.message,
    code: result.error.code,
  })
}
