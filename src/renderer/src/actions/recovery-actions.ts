import { getApiClient } from '../api/client'
import { useStore } from '../store'
import { adopt } from './project-actions'

const store = () => useStore.getState()

// Offered once per page: “Decide later” holds until the page is loaded again.
let offered = false

/** Reloads the list of autosaved copies (the welcome screen shows them while any remain). */
export async function refreshRecovery(): Promise<boolean> {
  const result = await getApiClient().call('recovery.list', {})
  if (!result.ok) return false
  store().setRecovery(result.value.entries)
  return result.value.uncleanEnd
}

/**
 * After the start: when the wizard before this one did not close normally and left autosaved
 * work, offers it in a dialog (not over a project already open, as after a reload).
 */
export async function offerRecovery(): Promise<void> {
  const uncleanEnd = await refreshRecovery()
  if (offered || !uncleanEnd || store().recovery.length === 0 || store().project) return
  offered = true
  if (store().dialog === null) store().openDialog({ kind: 'recovery' })
}

/**
 * Opens an autosaved copy as the open project, unsaved: the person saves it to keep it. Returns
 * the engine's message when it could not, for the list that asked to show.
 */
export async function restoreRecovery(key: string, name: string): Promise<string | null> {
  store().clearError()
  const result = await getApiClient().call('recovery.restore', { key })
  if (!result.ok) return result.error.message
  if (store().dialog?.kind === 'recovery') store().closeDialog()
  adopt(result.value)
  void refreshRecovery()
  store().announce(`Restored the autosaved copy of “${name}”. Save it to keep it.`)
  return null
}

/** Deletes an autosaved copy for good (the person confirmed). Null once done, else why not. */
export async function discardRecovery(key: string, name: string): Promise<string | null> {
  const result = await getApiClient().call('recovery.discard', { key })
  if (!result.ok) return result.error.message
  store().setRecovery(result.value.entries)
  store().announce(`Discarded the autosaved copy of “${name}”.`)
  if (result.value.entries.length === 0 && store().dialog?.kind === 'recovery') {
    store().closeDialog()
  }
  return null
}
