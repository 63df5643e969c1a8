import type { JobOutput, OpOutput } from '../../../shared/contract'
import { BULK_DECISION_LIMIT, type DecisionInput } from '../../../shared/inventory/decisions'
import type { InventorySource } from '../../../shared/inventory/sources'
import type { Intent } from '../../../shared/intents'
import type { Result } from '../../../shared/result'
import { getApiClient } from '../api/client'
import { chunkKeys } from '../lib/inventory-decision'
import { countText, inventoryOutcomeText } from '../lib/inventory-view'
import { useStore } from '../store'
import { recordIntents } from './project-actions'

/**
 * What the Plan step's inventory asks of the engine: a run (both sources, or the given ones),
 * the end of a run announced (whichever page is open), decisions made or cleared for one or many
 * objects, and the dbt scaffolds written for the objects decided "rebuild".
 */

const store = () => useStore.getState()

/**
 * Starts `inventory.run`; answers the job's id, or null when the engine refused (a run already
 * going, no connection…), with why in the banner.
 */
export async function startInventory(sources?: InventorySource[]): Promise<string | null> {
  store().clearError()
  const started = await getApiClient().call('inventory.run', sources ? { sources } : {})
  if (started.ok) return started.value.jobId
  store().showError({
    title: 'Could not run the inventory',
    message: started.error.message,
    code: started.error.code,
  })
  return null
}

/** The end of an inventory run: what it listed, or why it did not run. */
export function inventoryRunFinished(result: Result<unknown>): void {
  if (!result.ok) {
    if (result.error.code === 'CANCELLED') {
      store().announce('The inventory was cancelled; what it found so far is kept.')
      return
    }
    store().showError({
      title: 'The inventory did not run',
      message: result.error.message,
      code: result.error.code,
    })
    return
  }
  const { results } = result.value as JobOutput<'inventory.run'>
  store().announce(inventoryOutcomeText(results))
}

/** Sends intents; null once recorded (and announced), else why not in words. */
const record = recordIntents

/**
 * Decides one or many objects (`inventory.decide`); fields the input leaves out keep each
 * object's own. Null once recorded, else why not (for the form that asked).
 */
export function decideObjects(
  keys: readonly string[],
  decision: DecisionInput,
  announcement: string,
): Promise<string | null> {
  const intents: Intent[] = chunkKeys(keys, BULK_DECISION_LIMIT).map((chunk) => ({
    type: 'inventory.decide',
    keys: chunk,
    decision,
  }))
  return record(intents, announcement)
}

/** Takes the decisions of the objects away (back to undecided). Null once recorded. */
export function clearDecisions(keys: readonly string[]): Promise<string | null> {
  const intents: Intent[] = chunkKeys(keys, BULK_DECISION_LIMIT).map((chunk) => ({
    type: 'inventory.clearDecision',
    keys: chunk,
  }))
  return record(intents, `Cleared the decision of ${countText(keys.length)}.`)
}

/**
 * Writes the dbt scaffolds (`inventory.exportDbt`): to `dir` (browser mode) or where the native
 * dialog says (Electron, `dir` left out). The engine's answer is the caller's: a `CONFLICT` asks
 * the person whether to write into a folder that is not empty. A written export is announced
 * and shown as a notice; a dismissed dialog (`dir` null) says nothing.
 */
export async function exportDbtScaffolds(
  dir: string | undefined,
  overwrite: boolean,
): Promise<Result<OpOutput<'inventory.exportDbt'>>> {
  const result = await getApiClient().call('inventory.exportDbt', {
    ...(dir === undefined ? {} : { dir }),
    ...(overwrite ? { overwrite: true } : {}),
  })
  if (result.ok && result.value.dir !== null) {
    const { dir: written, files, comparisons } = result.value
    const prepared =
      comparisons > 0
        ? ` and prepared ${countText(comparisons, 'parity comparison')} (Parity step)`
        : ''
    store().showNotice(`Wrote ${countText(files.length, 'file')} to ${written}${prepared}.`)
    store().announce(`Exported the dbt scaffolds to ${written}.`)
  }
  return result
}
