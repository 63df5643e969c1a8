import { useId, useState } from 'react'
import type { RecoveryEntry } from '../../../../shared/contract-recovery'
import { discardRecovery, restoreRecovery } from '../../actions/recovery-actions'
import { useStore } from '../../store'
import { TimeAgo } from '../common/TimeAgo'

/**
 * The autosaved copies of unsaved work, each with Restore and Discard (Discard asks first). A
 * damaged copy says what is wrong and can only be discarded. Shown in the dialog after an unclean
 * end and on the welcome screen while copies remain.
 */
export function RecoveryList({ autoFocusFirst = false }: { autoFocusFirst?: boolean }) {
  const entries = useStore((s) => s.recovery)
  return (
    <ul className="recovery-list">
      {entries.map((entry, index) => (
        <RecoveryItem key={entry.key} entry={entry} autoFocus={autoFocusFirst && index === 0} />
      ))}
    </ul>
  )
}

function RecoveryItem({ entry, autoFocus }: { entry: RecoveryEntry; autoFocus: boolean }) {
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const nameId = useId()
  const factsId = useId()

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true)
    setError(null)
    const failure = await work()
    setBusy(false)
    setError(failure)
  }

  return (
    <li className="recovery-item" aria-labelledby={nameId} aria-describedby={factsId}>
      <div className="recovery-facts">
        <span id={nameId} className="recent-name-plain">
          {entry.name}
        </span>
        <span id={factsId} className="recovery-details">
          <span className="recent-path">{entry.originalPath ?? 'Never saved'}</span>
          {entry.autosavedAt && (
            <span className="recent-when">
              Autosaved <TimeAgo iso={entry.autosavedAt} />
            </span>
          )}
          {entry.disk === 'newer' && (
            <span className="badge badge-warn">The file on disk changed after this autosave</span>
          )}
          {entry.disk === 'missing' && (
            <span className="badge badge-warn">The file is no longer there</span>
          )}
          {entry.problem && (
            <span className="recovery-problem">Cannot be restored: {entry.problem}</span>
          )}
        </span>
      </div>
      {confirming ? (
        <div className="recovery-confirm" role="group" aria-label={`Discard ${entry.name}?`}>
          <span>Delete this autosaved copy for good?</span>
          <button
            type="button"
            className="button button-danger button-small"
            autoFocus
            disabled={busy}
            onClick={() => void run(() => discardRecovery(entry.key, entry.name))}
          >
            Delete copy
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => setConfirming(false)}
          >
            Keep it
          </button>
        </div>
      ) : (
        <div className="recovery-actions">
          {!entry.problem && (
            <button
              type="button"
              className="button button-primary button-small"
              autoFocus={autoFocus}
              disabled={busy}
              aria-describedby={nameId}
              onClick={() => void run(() => restoreRecovery(entry.key, entry.name))}
            >
              Restore
            </button>
          )}
          <button
            type="button"
            className="button button-small"
            autoFocus={autoFocus && entry.problem !== null}
            aria-describedby={nameId}
            onClick={() => setConfirming(true)}
          >
            Discard
          </button>
        </div>
      )}
      {error && (
        <p className="field-error recovery-error" role="alert">
          {error}
        </p>
      )}
    </li>
  )
}
