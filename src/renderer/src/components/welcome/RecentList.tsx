import { useEffect, useId, useRef } from 'react'
import type { RecentListEntry } from '../../../../shared/contract'
import { forgetRecent, openProject, refreshRecent } from '../../actions/project-actions'
import { useStore } from '../../store'
import { TimeAgo } from '../common/TimeAgo'

/**
 * The recently opened project files; one click opens a file again. A file that is gone is marked
 * “File not found” and can be removed from the list (the engine checks the files when listing,
 * which is asked for each time the welcome screen shows).
 */
export function RecentList() {
  const recent = useStore((s) => s.recent)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    void refreshRecent()
  }, [])

  const remove = async (entry: RecentListEntry) => {
    // The button goes with its entry: focus moves to the list's heading, not to the page's top.
    if (await forgetRecent(entry.path, entry.name)) heading.current?.focus()
  }

  return (
    <section className="card" aria-labelledby="recent-heading">
      <h2 id="recent-heading" ref={heading} tabIndex={-1}>
        Recent projects
      </h2>
      {recent.length === 0 ? (
        <p className="muted">Projects you create or open appear here.</p>
      ) : (
        <ul className="recent-list">
          {recent.map((entry) => (
            <RecentItem key={entry.path} entry={entry} onRemove={() => void remove(entry)} />
          ))}
        </ul>
      )}
    </section>
  )
}

function RecentItem({ entry, onRemove }: { entry: RecentListEntry; onRemove: () => void }) {
  const missingId = useId()
  return (
    <li className={entry.missing ? 'recent-missing' : undefined}>
      <button
        type="button"
        className="recent-entry"
        aria-describedby={entry.missing ? missingId : undefined}
        onClick={() => void openProject(entry.path)}
      >
        <span className="recent-name">{entry.name}</span>
        <span className="recent-path">{entry.path}</span>
      </button>
      <span className="recent-side">
        {entry.missing ? (
          <>
            <span id={missingId} className="badge badge-warn">
              File not found
            </span>
            <button
              type="button"
              className="button button-small"
              aria-label={`Remove from list: ${entry.name}`}
              onClick={onRemove}
            >
              Remove from list
            </button>
          </>
        ) : (
          <span className="recent-when">
            Opened <TimeAgo iso={entry.openedAt} />
          </span>
        )}
      </span>
    </li>
  )
}
