import type { Intent } from '../../../shared/intents'
import { getApiClient } from '../api/client'
import { useStore } from '../store'
import { applyPatchOrReload } from './project-actions'

/**
 * What the Optimize step's panel asks of the engine: a dashboard query added or edited
 * (`checks.setExplainQuery`) and one removed (`checks.removeExplainQuery`). Failures are answered
 * as text for the form that asked, never thrown.
 */

const store = () => useStore.getState()

/** Null once recorded, else why not in words. */
async function record(intent: Intent, announcement: string): Promise<string | null> {
  const result = await getApiClient().call('project.update', { intents: [intent] })
  if (!result.ok) return `Could not save: ${result.error.message}`
  await applyPatchOrReload(result.value)
  store().announce(announcement)
  return null
}

/** Adds a dashboard query (no id) or replaces the one with its id. Null once saved. */
export const saveExplainQuery = (query: {
  id?: string
  label: string
  sql: string
}): Promise<string | null> =>
  record(
    { type: 'checks.setExplainQuery', ...query },
    `${query.id ? 'Saved' : 'Added'} the dashboard query “${query.label}”.`,
  )

/** Takes a dashboard query off the list. Null once removed. */
export const removeExplainQuery = (id: string, label: string): Promise<string | null> =>
  record({ type: 'checks.removeExplainQuery', id }, `Removed the dashboard query “${label}”.`)
