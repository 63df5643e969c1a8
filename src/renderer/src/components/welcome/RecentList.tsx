import { openProject } from '../../actions/project-actions'
import { useStore } from '../../store'
import { TimeAgo } from '../common/TimeAgo'

/** The recently opened project files; one click opens a file again. */
export function RecentList() {
  const recent = useStore((s) => s.preferences.recent)
  return (
    <section className="card" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent projects</h2>
      {recent.length === 0 ? (
        <p className="muted">Projects you create or open appear here.</p>
      ) : (
        <ul className="recent-list">
          {recent.map((entry) => (
            <li key={entry.path}>
              <button
                type="button"
                className="recent-entry"
                onClick={() => void openProject(entry.path)}
              >
                <span className="recent-name">{entry.name}</span>
                <span className="recent-path">{entry.path}</span>
              </button>
              <span className="recent-when">
                Opened <TimeAgo iso={entry.openedAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
