import { getApiClient } from '../api/client'
import type { AppEvent, MenuCommand } from '../../../shared/events'
import { hashToRoute } from '../lib/routes'
import { useStore } from '../store'
import { checksRunFinished } from './check-actions'
import { demoStartFinished, refreshDemoStatus } from './demo-actions'
import { inventoryRunFinished } from './inventory-actions'
import { navigate } from './navigation'
import { checkedJobResult, refreshJobs } from './job-actions'
import { parityRunFinished } from './parity-actions'
import { reportExportFinished } from './report-actions'
import { offerRecovery } from './recovery-actions'
import { backupFinished } from './teardown-actions'
import {
  applyPatchOrReload,
  openProject,
  requestGuarded,
  saveProject,
  saveProjectAs,
} from './project-actions'

const store = () => useStore.getState()

/**
 * Loads what the first screen needs (app info, preferences, the project the engine already has
 * open, for example after a reload in browser mode), then marks the app ready.
 *
 * The app becomes ready even when a call fails, with the failure in the banner: a blank page
 * that waits forever helps nobody.
 */
export async function bootstrap(): Promise<void> {
  const client = getApiClient()
  const [info, preferences, current] = await Promise.all([
    client.call('app.info', {}),
    client.call('app.preferences', {}),
    client.call('project.get', {}),
    // A reloaded page re-attaches to the jobs the engine is still running, and finds its demo.
    refreshJobs(),
    refreshDemoStatus(),
  ])
  if (preferences.ok) store().setPreferences(preferences.value)
  if (current.ok) store().replaceProject(current.value.project)
  store().setRoute(hashToRoute(window.location.hash), false)
  const failed = [info, preferences, current].find((r) => !r.ok)
  if (failed && !failed.ok) {
    store().showError({
      title: 'The wizard could not load',
      message: failed.error.message,
      code: failed.error.code,
    })
  }
  store().setReady(info.ok ? info.value : null)
  await offerRecovery()
}

/** Runs a command of the Electron menu as if its button had been pressed. */
export function runMenuCommand(command: MenuCommand): void {
  const { project, info } = store()
  const native = info?.nativeDialogs ?? false
  switch (command) {
    case 'new':
      if (project) requestGuarded('new')
      else store().focusWelcome('new')
      return
    case 'open':
      if (project) requestGuarded('open')
      else if (native) void openProject(undefined)
      else store().focusWelcome('open')
      return
    case 'save':
      if (project) void saveProject()
      return
    case 'saveAs':
      if (!project) return
      if (native) void saveProjectAs(undefined)
      else store().openDialog({ kind: 'saveAs' })
      return
    case 'export':
      if (project) store().openDialog({ kind: 'export' })
      return
    case 'settings':
      if (project) navigate({ name: 'settings' })
      return
    case 'close':
      if (project) requestGuarded('close')
      return
  }
}

/** Reacts to what the main side pushes: project changes, jobs, the demo and menu commands. */
export function handleAppEvent(event: AppEvent): void {
  switch (event.type) {
    case 'project.changed':
      store().replaceProject(event.project, { onlyIfNewer: true })
      // A whole project arrives when the event stream (re)connects, when events may have been
      // missed: the jobs and the demo are asked for again too.
      void refreshJobs()
      void refreshDemoStatus()
      return
    case 'project.patched':
      void applyPatchOrReload(event.patch)
      return
    case 'job.progress':
      store().upsertJob(event.job)
      return
    case 'job.finished':
      store().upsertJob(event.job)
      if (event.job.kind === 'demo.start')
        demoStartFinished(checkedJobResult(event.job, event.result))
      else if (event.job.kind === 'parity.run')
        parityRunFinished(checkedJobResult(event.job, event.result))
      else if (event.job.kind === 'checks.run')
        checksRunFinished(checkedJobResult(event.job, event.result))
      else if (event.job.kind === 'inventory.run')
        inventoryRunFinished(checkedJobResult(event.job, event.result))
      else if (event.job.kind === 'teardown.backup')
        backupFinished(checkedJobResult(event.job, event.result))
      else if (event.job.kind === 'report.export')
        reportExportFinished(event.job.jobId, checkedJobResult(event.job, event.result))
      return
    case 'demo.failed':
      void refreshDemoStatus()
      store().showError({
        title: 'The demo deployment stopped working',
        message: event.message,
        code: 'IO_ERROR',
      })
      return
    case 'menu.command':
      runMenuCommand(event.command)
      return
  }
}
