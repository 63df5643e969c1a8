import { useState } from 'react'
import type { CheckMeta } from '../../../../shared/checks/check-catalog'
import type { StoredResult } from '../../../../shared/project-schema'
import { isStale } from '../../../../shared/progress'
import { requestReport, startChecks } from '../../actions/check-actions'
import { useJobControl } from '../../hooks/use-job-control'
import { useNow } from '../../hooks/use-now'
import { checkHeadingId } from '../../lib/check-view'
import { CHECK_VERDICT_LABEL, PARTIAL_LABEL } from '../../lib/labels'
import { CheckEvidence } from '../step/ResultDetails'
import { CheckRunFacts } from './CheckRunFacts'
import { RemedyText } from './RemedyText'
import { ReportDialog, type ShownReport } from './ReportDialog'

/**
 * One automated check in its checklist item: its title and latest verdict (stale and partial
 * said so), the summary, what to do, why it matters, the evidence behind a disclosure, and Run
 * (this check alone, with its prerequisites). A failed check or one that could not run offers
 * “Report a problem”.
 */
export function CheckRow({
  check,
  result,
  staleAfterDays,
}: {
  check: CheckMeta
  result: StoredResult | undefined
  staleAfterDays: number
}) {
  const now = useNow()
  const { job, busy, start } = useJobControl('checks.run')
  const [mine, setMine] = useState<string | null>(null)
  const [report, setReport] = useState<ShownReport | null>(null)
  const details = result?.details.kind === 'check' ? result.details : null
  const verdict = result?.verdict ?? 'none'
  const stale = result ? isStale(result.ranAt, staleAfterDays, now) : false
  const running = job !== undefined && job.jobId === mine
  const failed = verdict === 'fail' || verdict === 'error'
  const skippedBecause = verdict === 'skipped' ? details?.skippedBecause : null

  const run = () =>
    void start(async () => {
      setMine(await startChecks({ ids: [check.id] }))
    })
  const openReport = async () => {
    setReport({ checkTitle: check.title, answer: null })
    const answer = await requestReport([check.id])
    setReport((shown) => (shown ? { ...shown, answer } : shown))
  }

  return (
    <li className={`check check-${verdict}`} data-check-id={check.id} data-verdict={verdict}>
      <div className="check-head">
        <h3 id={checkHeadingId(check.id)} className="check-title" tabIndex={-1}>
          {check.title}
        </h3>
        <span className={`badge badge-${verdict}`}>{CHECK_VERDICT_LABEL[verdict]}</span>
        {result?.partial ? (
          <span className="badge badge-warn">Partial: {PARTIAL_LABEL[result.partial.reason]}</span>
        ) : null}
        {stale ? <span className="badge badge-stale">Stale</span> : null}
        <span className="check-actions">
          {running ? <span className="muted">Running…</span> : null}
          <button
            type="button"
            className="button button-small"
            aria-label={`Run “${check.title}”`}
            disabled={busy}
            onClick={run}
          >
            Run
          </button>
          {failed ? (
            <button
              type="button"
              className="button button-small"
              aria-label={`Report a problem with “${check.title}”`}
              onClick={() => void openReport()}
            >
              Report a problem
            </button>
          ) : null}
        </span>
      </div>
      {result?.summary && result.summary !== skippedBecause ? (
        <p className="check-summary">{result.summary}</p>
      ) : null}
      {skippedBecause ? <p className="check-summary">Skipped: {skippedBecause}</p> : null}
      {details?.remedy ? (
        <RemedyText text={details.remedy.text} docUrl={details.remedy.docUrl} />
      ) : null}
      <p className="check-why muted">
        <span className="check-why-label">Why it matters: </span>
        {check.why}
      </p>
      {details && details.evidence.length > 0 ? (
        <details className="check-evidence">
          <summary>
            Evidence ({details.evidence.length} {details.evidence.length === 1 ? 'item' : 'items'})
          </summary>
          <CheckEvidence evidence={details.evidence} />
        </details>
      ) : null}
      {result ? <CheckRunFacts result={result} stale={stale} /> : null}
      {report ? <ReportDialog shown={report} onClose={() => setReport(null)} /> : null}
    </li>
  )
}
