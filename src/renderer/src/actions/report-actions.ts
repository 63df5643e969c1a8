import type { ReportExported } from '../../../shared/contract-report'
import type { OpInput } from '../../../shared/contract'
import type { ReportFormat } from '../../../shared/report/formats'
import type { Result } from '../../../shared/result'
import { getApiClient } from '../api/client'
import { exportDoneText } from '../lib/export-view'
import { useStore } from '../store'

/**
 * The plan's exports (`report.export`, a job): started from the export dialog, which waits for
 * the job's end here; the file then offered as a download (browser mode) or written where the
 * save dialog or the typed path said, and the outcome announced. An export whose dialog is gone
 * (the page was reloaded meanwhile) still ends with its download or notice.
 */

const store = () => useStore.getState()

type Outcome = Result<ReportExported>

/** Dialogs waiting for the end of their export, by job id. */
const waiting = new Map<string, (outcome: Outcome) => void>()
/** Ends that arrived before the start's answer (the event may overtake the reply). */
const early = new Map<string, Outcome>()
/** Starts sent and not answered yet. */
let starting = 0

/** Offers the engine's one-time download to the browser, under the export's file name. */
function downloadTicket(ticket: NonNullable<ReportExported['download']>): void {
  const link = document.createElement('a')
  link.href = `/api/download/${encodeURIComponent(ticket.id)}`
  link.download = ticket.fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
}

/** Delivers a finished export: the download started, the outcome in the notice and announced. */
export function deliverExport(format: ReportFormat | null, value: ReportExported): void {
  if (value.download) downloadTicket(value.download)
  const text = exportDoneText(format, value)
  store().showNotice(text)
  store().announce(text)
}

/**
 * Starts an export and resolves when its job ends: the job's value, or why it failed or was
 * cancelled (`CANCELLED`, also for a dismissed save dialog). `onStarted` gets the job's id.
 */
export async function runExport(
  input: OpInput<'report.export'>,
  onStarted: (jobId: string) => void,
): Promise<Outcome> {
  starting += 1
  const started = await getApiClient().call('report.export', input)
  starting -= 1
  if (!started.ok) return started
  const { jobId } = started.value
  onStarted(jobId)
  const ended = early.get(jobId)
  if (ended) {
    early.delete(jobId)
    return ended
  }
  return new Promise((resolve) => waiting.set(jobId, resolve))
}

/** The end of a `report.export` job (from `job.finished`), its value checked already. */
export function reportExportFinished(jobId: string, outcome: Result<unknown>): void {
  const typed = outcome as Outcome
  const waiter = waiting.get(jobId)
  if (waiter) {
    waiting.delete(jobId)
    waiter(typed)
    return
  }
  if (starting > 0) {
    early.set(jobId, typed)
    return
  }
  // Nobody waits: the page was reloaded while the export ran.
  if (typed.ok) deliverExport(null, typed.value)
  else if (!typed.ok && typed.error.code !== 'CANCELLED') {
    store().showError({
      title: 'The export failed',
      message: typed.error.message,
      code: typed.error.code,
    })
  }
}
