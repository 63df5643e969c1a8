import type { JobOutput, OpInput, OpOutput } from '../../../shared/contract'
import type { Intent } from '../../../shared/intents'
import type { Result } from '../../../shared/result'
import type { DeploymentType } from '../../../shared/teardown/teardown-settings'
import { getApiClient } from '../api/client'
import { useStore } from '../store'
import { recordIntents } from './project-actions'

/**
 * What the Teardown step's page asks of the engine: its settings, dashboards and override
 * recorded (the `teardown.*` intents), a usage snapshot of the couch2pg database, a backup made
 * (a job) or an existing one recorded, and a database stage run or dry run. Failures are answered
 * as text for the form that asked, to show beside it, never thrown.
 */

const store = () => useStore.getState()

/** Null once recorded (and announced), else why not in words. */
const record = (intent: Intent, announcement: string): Promise<string | null> =>
  recordIntents([intent], announcement)

/** The deployment type, grace days or quiet days; null once saved, else why not. */
export const saveTeardownSettings = (
  settings: { deployment?: DeploymentType | null; graceDays?: number; quietDays?: number },
  announcement: string,
): Promise<string | null> => record({ type: 'teardown.set', ...settings }, announcement)

/** Adds a dashboard of the plan (no id) or attests one switched or not; null once recorded. */
export const saveDashboard = (
  dashboard: { id?: string; name: string; switched: boolean },
  announcement: string,
): Promise<string | null> => record({ type: 'teardown.setDashboard', ...dashboard }, announcement)

/** Takes a dashboard off the plan; null once recorded. */
export const removeDashboard = (id: string, name: string): Promise<string | null> =>
  record({ type: 'teardown.removeDashboard', id }, `Removed the dashboard “${name}”.`)

/** Records the override of the gates not met now, with why and who decided; null once recorded. */
export const overrideTeardownGates = (reason: string, by: string): Promise<string | null> =>
  record(
    { type: 'teardown.override', reason, by },
    'Recorded the override of the teardown gates not met.',
  )

/** Takes the override away; null once recorded. */
export const clearTeardownOverride = (): Promise<string | null> =>
  record({ type: 'teardown.clearOverride' }, 'Removed the override of the teardown gates.')

/** Takes a usage snapshot of the couch2pg database (read-only); the engine keeps it. */
export async function takeUsageSnapshot(): Promise<Result<OpOutput<'teardown.snapshot'>>> {
  const result = await getApiClient().call('teardown.snapshot', {})
  if (result.ok) {
    const { relations } = result.value
    store().announce(
      `Took a usage snapshot of ${relations} ${relations === 1 ? 'relation' : 'relations'}.`,
    )
  }
  return result
}

/**
 * Starts the backup job (`teardown.backup`): into `dir` (browser mode) or the folder the native
 * dialog gives (Electron, `dir` left out). The job's id, or the engine's refusal for the caller.
 */
export function startBackup(dir: string | undefined): Promise<Result<{ jobId: string }>> {
  return getApiClient().call('teardown.backup', dir === undefined ? {} : { dir })
}

/**
 * The end of a backup job, whichever page is open, announced: the file made (with a notice of
 * the free-space warning, if any), or why not (the Backup section shows that beside its
 * button). The record itself arrives with the project change.
 */
export function backupFinished(result: Result<unknown>): void {
  if (!result.ok) {
    store().announce(
      result.error.code === 'CANCELLED'
        ? 'The backup was cancelled; its partial file was removed.'
        : `The backup was not made: ${result.error.message}`,
    )
    return
  }
  const { record: made, warning } = result.value as JobOutput<'teardown.backup'>
  store().announce(`Made and verified the backup ${made.path}.`)
  if (warning) store().showNotice(`The backup was made: ${warning}`)
}

/**
 * Verifies an existing dump and records it as the backup; the engine's answer for the form.
 * Without a path (the desktop app), the engine asks for the file with the system's dialog.
 */
export async function recordExistingBackup(
  path?: string,
): Promise<Result<OpOutput<'teardown.recordBackup'>>> {
  const result = await getApiClient().call('teardown.recordBackup', path ? { path } : {})
  if (result.ok) store().announce(`Verified and recorded the backup ${result.value.path}.`)
  return result
}

/**
 * Runs (or dry runs) one database stage. The credential is passed straight through: it never
 * enters the store or the project. The engine's answer is the form's to show.
 */
export async function executeStage(
  input: OpInput<'teardown.execute'>,
): Promise<Result<OpOutput<'teardown.execute'>>> {
  const result = await getApiClient().call('teardown.execute', input)
  if (result.ok) store().announce(`${input.dryRun ? 'Dry run' : 'Run'}: ${result.value.message}`)
  return result
}
