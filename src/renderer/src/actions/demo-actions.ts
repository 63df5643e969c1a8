import type { DemoStarted } from '../../../shared/contract'
import type { DemoVariant } from '../../../shared/demo'
import type { Result } from '../../../shared/result'
import { getApiClient } from '../api/client'
import { useStore } from '../store'
import { adopt, refreshRecent } from './project-actions'

const store = () => useStore.getState()

/**
 * Starts the demo deployment as a job. Its progress arrives in the jobs slice and its end in
 * `demoStartFinished`; a refused start (one already running: `JOB_RUNNING`, unsaved changes…)
 * becomes the alert at once.
 */
export async function startDemo(
  variant: Partial<Pick<DemoVariant, 'discrepancies' | 'couch2pgRelease' | 'syncUsers'>> = {},
): Promise<string | null> {
  store().clearError()
  const started = await getApiClient().call('demo.start', { size: 'small', ...variant })
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
  void refreshDemoStatus()
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

/** Numbers the status requests, so an answer that arrives after a newer one is dropped. */
let statusRequests = 0

/**
 * Asks the engine about its demo deployment (at start, after a reload, a start, a stop, a
 * failure, a reconnect), for the welcome screen's card.
 */
export async function refreshDemoStatus(): Promise<void> {
  const request = ++statusRequests
  const result = await getApiClient().call('demo.status', {})
  if (result.ok && request === statusRequests) store().setDemo(result.value)
}

/** Opens the running demo's project again; the engine knows its path. Returns true once open. */
export async function reopenDemo(): Promise<boolean> {
  store().clearError()
  const result = await getApiClient().call('demo.reopen', {})
  if (result.ok) {
    adopt(result.value)
    store().announce(`Opened “${result.value.document.name}”.`)
    return true
  }
  store().showError({
    title: 'Could not reopen the demo project',
    message: result.error.message,
    code: result.error.code,
  })
  await refreshDemoStatus()
  return false
}

/**
 * Stops the running demo: its servers stop and its folder is removed (a kept one stays). The
 * engine closes the demo's project first if it is open. Returns true once stopped.
 */
export async function stopRunningDemo(): Promise<boolean> {
  store().clearError()
  const before = store().demo
  const result = await getApiClient().call('demo.stop', {})
  await refreshDemoStatus()
  if (!result.ok) {
    store().showError({
      title: 'Could not stop the demo deployment',
      message: result.error.message,
      code: result.error.code,
    })
    return false
  }
  void refreshRecent()
  store().announce(
    before?.kept && before.dir
      ? `The demo deployment stopped. Its files stay in ${before.dir}.`
      : 'The demo deployment stopped and its folder was removed.',
  )
  return true
}
