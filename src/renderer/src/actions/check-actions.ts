import type { CheckStep } from '../../../shared/checks/check-catalog'
import type { SizingInputs } from '../../../shared/checks/check-settings'
import type { JobOutput, OpOutput } from '../../../shared/contract'
import type { Intent } from '../../../shared/intents'
import type { Result } from '../../../shared/result'
import type { StepId } from '../../../shared/steps'
import { getApiClient } from '../api/client'
import { checksOutcomeText } from '../lib/check-view'
import { useStore } from '../store'
import { sendIntents, recordIntents } from './project-actions'

/**
 * What the checks' views ask of the engine: a run of a step's checks or of one check, the end of
 * a run announced (whichever page is open), a problem report, the sources and sizing inputs
 * saved, a gate overridden or its override removed.
 */

const store = () => useStore.getState()

/**
 * Starts `checks.run` for a step or for the given checks; answers the job's id, or null when the
 * engine refused (one run already going, no project…), with why in the banner.
 */
export async function startChecks(
  selection: { step: CheckStep } | { ids: string[] },
): Promise<string | null> {
  store().clearError()
  const started = await getApiClient().call('checks.run', selection)
  if (started.ok) return started.value.jobId
  store().showError({
    title: 'Could not run the checks',
    message: started.error.message,
    code: started.error.code,
  })
  return null
}

/** The end of a checks run: its outcome in words, or why it did not run. */
export function checksRunFinished(result: Result<unknown>): void {
  if (!result.ok) {
    if (result.error.code === 'CANCELLED') {
      store().announce('The checks were cancelled; the results found so far are kept.')
      return
    }
    store().showError({
      title: 'The checks did not run',
      message: result.error.message,
      code: result.error.code,
    })
    return
  }
  const { results } = result.value as JobOutput<'checks.run'>
  store().announce(checksOutcomeText(results.map((r) => r.verdict)))
}

/** A problem report for the given checks, or the engine's error (for the dialog to show). */
export function requestReport(ids: string[]): Promise<Result<OpOutput<'checks.report'>>> {
  return getApiClient().call('checks.report', { ids })
}

/** Records a change; null once recorded, else why not in words (for the form that asked). */
const record = (intent: Intent, announcement: string): Promise<string | null> =>
  recordIntents([intent], announcement)

/** What the checks read: CHT Sync's `.env` or `values.yaml`, Watchdog's Prometheus (null clears). */
export const saveSources = (
  sources: { envPath?: string | null; valuesPath?: string | null; watchdogUrl?: string | null },
  announcement: string,
): Promise<string | null> => record({ type: 'checks.setSources', ...sources }, announcement)

/**
 * Chooses CHT Sync's `.env` or `values.yaml` with the native dialog (Electron); the engine keeps
 * it in the project. Null once chosen or dismissed, else why not in words.
 */
export async function chooseSource(kind: 'env' | 'values'): Promise<string | null> {
  const result = await getApiClient().call('checks.chooseSource', { kind })
  if (!result.ok) return result.error.code === 'CANCELLED' ? null : result.error.message
  if (result.value.path) store().announce(`Chose ${result.value.path}.`)
  return null
}

/** The sizing calculator's inputs. */
export const saveSizing = (sizing: Partial<SizingInputs>): Promise<string | null> =>
  record({ type: 'checks.setSizing', sizing }, 'Saved the sizing inputs.')

/** Opens a held gate with a reason and who decided; null once recorded, else why not. */
export const overrideGate = (
  stepId: StepId,
  stepTitle: string,
  reason: string,
  by: string,
): Promise<string | null> =>
  record({ type: 'gate.override', stepId, reason, by }, `The gate of “${stepTitle}” is overridden.`)

/** Takes a gate's override away (failures then hold it again); errors go to the banner. */
export const clearGateOverride = (stepId: StepId, stepTitle: string): Promise<boolean> =>
  sendIntents(
    [{ type: 'gate.clearOverride', stepId }],
    `Removed the override of the gate of “${stepTitle}”.`,
  )
