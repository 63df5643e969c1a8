import { useId, useState } from 'react'
import type { DemoStatus } from '../../../../shared/contract'
import { reopenDemo, stopRunningDemo } from '../../actions/demo-actions'
import { TimeAgo } from '../common/TimeAgo'

/**
 * The demo deployment this wizard runs, on the welcome screen once its project is closed (and
 * after a reload): what it is, since when, and Reopen (its project) and Stop (its servers, and
 * its folder unless it was kept). A demo that stopped working can only be stopped.
 */
export function RunningDemo({ demo, onStopped }: { demo: DemoStatus; onStopped: () => void }) {
  const [busy, setBusy] = useState<'reopen' | 'stop' | null>(null)
  const summaryId = useId()

  const reopen = async () => {
    setBusy('reopen')
    try {
      await reopenDemo()
    } finally {
      setBusy(null)
    }
  }

  const stop = async () => {
    setBusy('stop')
    try {
      if (await stopRunningDemo()) onStopped()
    } finally {
      setBusy(null)
    }
  }

  const facts = [
    demo.size,
    demo.documents === null ? null : `${demo.documents.toLocaleString('en-US')} documents`,
  ].filter((f): f is string => f !== null)
  return (
    <div className="demo-running" data-testid="demo-running">
      {demo.failure ? (
        <p id={summaryId}>
          <strong>The demo deployment stopped working.</strong> {demo.failure}
        </p>
      ) : (
        <p id={summaryId} className="demo-summary">
          <strong>Demo running</strong> ({facts.join(', ')}
          {demo.startedAt ? (
            <>
              , started <TimeAgo iso={demo.startedAt} />
            </>
          ) : null}
          )
        </p>
      )}
      <p className="hint">
        {demo.kept ? (
          <>
            Its files stay in <code>{demo.dir}</code> after it stops.
          </>
        ) : (
          <>
            Stopping it removes its folder, <code>{demo.dir}</code>, and everything in it.
          </>
        )}
      </p>
      <div className="form-actions">
        {demo.failure ? null : (
          <button
            type="button"
            className="button button-primary"
            aria-describedby={summaryId}
            disabled={busy !== null}
            onClick={() => void reopen()}
          >
            {busy === 'reopen' ? 'Opening…' : 'Reopen'}
          </button>
        )}
        <button
          type="button"
          className="button"
          aria-describedby={summaryId}
          disabled={busy !== null}
          onClick={() => void stop()}
        >
          {busy === 'stop' ? 'Stopping…' : 'Stop'}
        </button>
      </div>
    </div>
  )
}
