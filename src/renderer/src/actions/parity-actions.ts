import type { JobOutput, OpOutput } from '../../../shared/contract'
import type { Result } from '../../../shared/result'
import { getApiClient } from '../api/client'
import { intentsForSuggestions, runOutcomeText } from '../lib/parity-view'
import { useStore } from '../store'
import { sendIntents } from './project-actions'

/**
 * What the Parity page asks of the engine: suggestions set up as comparisons, a comparison
 * removed, a run started, the end of a run announced (whichever page is open then), and one
 * document read from the three places.
 */

const store = () => useStore.getState()

/**
 * Asks the engine which comparisons suit the two databases and sets up those not set up yet.
 * Returns how many were added, or null when the suggestion or the change failed (in the banner).
 */
export async function addSuggestedComparisons(): Promise<number | null> {
  store().clearError()
  const suggested = await getApiClient().call('parity.suggest', {})
  if (!suggested.ok) {
    store().showError({
      title: 'Could not suggest comparisons',
      message: suggested.error.message,
      code: suggested.error.code,
    })
    return null
  }
  const parity = store().project?.document.parity
  if (!parity) return null
  const intents = intentsForSuggestions(parity, suggested.value)
  if (intents.length === 0) {
    store().announce('Every suggested comparison is already set up.')
    return 0
  }
  const n = intents.length
  const ok = await sendIntents(
    intents,
    `Added ${n} suggested ${n === 1 ? 'comparison' : 'comparisons'}.`,
  )
  return ok ? n : null
}

/** Removes a model pair or a metric (its stored results stay in the project as evidence). */
export async function removeComparison(
  kind: 'model' | 'metric',
  id: string,
  title: string,
): Promise<boolean> {
  return sendIntents(
    [kind === 'model' ? { type: 'parity.removeModel', id } : { type: 'parity.removeMetric', id }],
    `Removed “${title}”.`,
  )
}

/** Starts a parity run as a job; a refused start (one already running…) becomes the alert. */
export async function startParityRun(): Promise<string | null> {
  store().clearError()
  const started = await getApiClient().call('parity.run', {})
  if (started.ok) return started.value.jobId
  store().showError({
    title: 'Could not run the comparisons',
    message: started.error.message,
    code: started.error.code,
  })
  return null
}

/**
 * One document as CouchDB, couch2pg and CHT Sync hold it (read-only). The answer or the error is
 * the caller's to show (in the dialog that asked, not in the banner behind it).
 */
export async function readDocument(
  database: string,
  id: string,
): Promise<Result<OpOutput<'parity.document'>>> {
  return getApiClient().call('parity.document', { database, id })
}

/** The end of a parity run: its outcome in words, or why it did not run. */
export function parityRunFinished(result: Result<unknown>): void {
  if (!result.ok) {
    if (result.error.code === 'CANCELLED') {
      store().announce('The comparisons were cancelled; the results found so far are kept.')
      return
    }
    store().showError({
      title: 'The comparisons did not run',
      message: result.error.message,
      code: result.error.code,
    })
    return
  }
  const { results } = result.value as JobOutput<'parity.run'>
  store().announce(runOutcomeText(results.map((r) => r.verdict)))
}
