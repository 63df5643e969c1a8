import { useId, useState } from 'react'
import type { OpOutput } from '../../../../shared/contract'
import type { Result } from '../../../../shared/result'
import { reportFileName } from '../../lib/check-view'
import { DocLink } from '../common/DocLink'
import { Modal } from '../dialogs/Modal'
import { CopyButton } from './CopyButton'

/** A report asked for, and the engine's answer once it came. */
export interface ShownReport {
  checkTitle: string
  answer: Result<OpOutput<'checks.report'>> | null
}

const TRACKERS = [
  ['cht-sync', 'https://github.com/medic/cht-sync/issues/new'],
  ['cht-pipeline', 'https://github.com/medic/cht-pipeline/issues/new'],
] as const

/** Offers text as a file download (browser mode's “save”; Electron asks where). */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

function Report({ value }: { value: OpOutput<'checks.report'> }) {
  const id = useId()
  const [saved, setSaved] = useState<string | null>(null)
  const fileName = reportFileName(value.title)
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-title`}>Issue title</label>
        <input id={`${id}-title`} className="input" readOnly value={value.title} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>Report (Markdown)</label>
        <textarea
          id={`${id}-body`}
          className="input input-mono textarea report-body"
          readOnly
          rows={14}
          value={value.markdown}
          data-testid="report-markdown"
        />
      </div>
      <div className="form-actions">
        <CopyButton text={value.markdown} accessibleLabel="Copy the report" />
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            download(value.markdown, fileName)
            setSaved(`Offered as ${fileName}.`)
          }}
        >
          Save as file
        </button>
        <span className="muted" aria-live="polite">
          {saved}
        </span>
      </div>
      <p className="report-trackers">
        Open a new issue, paste the report and read it once more before you post:{' '}
        {TRACKERS.map(([name, href], i) => (
          <span key={name}>
            {i > 0 ? ' or ' : null}
            <DocLink href={href}>{name}</DocLink>
          </span>
        ))}
        .
      </p>
    </>
  )
}

/**
 * “Report a problem”: the engine's Markdown report of a failed check (versions, evidence, the
 * configuration without its secrets) to copy or save, and where to post it.
 */
export function ReportDialog({ shown, onClose }: { shown: ShownReport; onClose: () => void }) {
  const { answer } = shown
  return (
    <Modal title={`Report a problem: ${shown.checkTitle}`} onCancel={onClose}>
      {() => (
        <div className="report-dialog" data-testid="report-dialog">
          <p className="muted">
            For the CHT Sync or cht-pipeline issue tracker, made from the stored result: versions,
            evidence and configuration, with passwords removed.
          </p>
          {answer === null ? (
            <p role="status">Writing the report…</p>
          ) : !answer.ok ? (
            <p role="alert" className="field-error">
              The report could not be made: {answer.error.message}
            </p>
          ) : (
            <Report value={answer.value} />
          )}
          <div className="modal-actions">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
    </Modal>
  )
}
