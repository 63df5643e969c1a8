import type { Intent } from '../../../shared/intents'
import type { MetricDefinition, ModelDefinition } from '../../../shared/parity-definitions'
import { getApiClient } from '../api/client'
import type { CatalogColumn } from '../lib/parity-edit-mapping'
import { recordIntents } from './project-actions'

/**
 * What the Parity page's editors ask of the engine: a model pair, a metric or the green days
 * saved (the `parity.set*` intents), and a relation's columns for “Suggest mapping”. Failures are
 * answered as text for the editor that asked, to show inside it (an open dialog makes the page's
 * banner unreachable), never thrown.
 */

/** Null once recorded, else why not in words. */
async function record(intent: Intent, announcement: string): Promise<string | null> {
  const error = await recordIntents([intent], announcement)
  return error === null ? null : `Could not save: ${error}`
}

/** Adds a model pair, or replaces the one with its id. Null once saved, else why not. */
export const saveModel = (model: ModelDefinition, added: boolean): Promise<string | null> =>
  record(
    { type: 'parity.setModel', model },
    `${added ? 'Added' : 'Saved'} the model pair “${model.title}”.`,
  )

/** Adds a dashboard metric, or replaces the one with its id. Null once saved, else why not. */
export const saveMetric = (metric: MetricDefinition, added: boolean): Promise<string | null> =>
  record(
    { type: 'parity.setMetric', metric },
    `${added ? 'Added' : 'Saved'} the dashboard metric “${metric.title}”.`,
  )

/** Sets how many consecutive green days teardown waits for. Null once saved, else why not. */
export const saveGreenDays = (days: number): Promise<string | null> =>
  record(
    { type: 'parity.setGreenDays', days },
    `Teardown now waits for ${days} green ${days === 1 ? 'day' : 'days'} in a row.`,
  )

/** One side's relation, as the editor names it. */
export interface RelationRef {
  schema: string
  name: string
}

/** Both sides' columns, or the first side's failure in words. */
export type BothColumns =
  { ok: true; old: CatalogColumn[]; new: CatalogColumn[] } | { ok: false; message: string }

/** Reads both relations' columns from their catalogs (`parity.columns`), at the same time. */
export async function readBothColumns(old: RelationRef, neu: RelationRef): Promise<BothColumns> {
  const api = getApiClient()
  const [a, b] = await Promise.all([
    api.call('parity.columns', { side: 'old', ...old }),
    api.call('parity.columns', { side: 'new', ...neu }),
  ])
  if (!a.ok) return { ok: false, message: a.error.message }
  if (!b.ok) return { ok: false, message: b.error.message }
  return { ok: true, old: a.value.columns, new: b.value.columns }
}
