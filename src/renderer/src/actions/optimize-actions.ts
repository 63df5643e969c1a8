import type { Intent } from '../../../shared/intents'
import { recordIntents } from './project-actions'

/**
 * What the Optimize step's panel asks of the engine: a dashboard query added or edited
 * (`checks.setExplainQuery`) and one removed (`checks.removeExplainQuery`). Failures are answered
 * as text for the form that asked, never thrown.
 */

/** Null once recorded, else why not in words. */
async function record(intent: Intent, announcement: string): Promise<string | null> {
  const error = await recordIntents([intent], announcement)
  return error === null ? null : `Could not save: ${error}`
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
