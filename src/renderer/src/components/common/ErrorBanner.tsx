import { openProject } from '../../actions/project-actions'
import { useStore } from '../../store'

/**
 * The alert region for failures: what failed, the engine's own explanation, the file involved,
 * and for a damaged project file the offer to open its backup copy.
 */
export function ErrorBanner() {
  const error = useStore((s) => s.error)
  const clearError = useStore((s) => s.clearError)
  return (
    <div role="alert" className="alert-region">
      {error ? (
        <div className="banner banner-error">
          <p className="banner-title">{error.title}</p>
          <p>{error.message}</p>
          {error.path && !error.message.includes(error.path) ? (
            <p className="banner-path">
              File: <code>{error.path}</code>
            </p>
          ) : null}
          {error.fileUnchanged ? <p>The wizard did not change the file.</p> : null}
          {error.backupPath ? (
            <p>
              A readable backup copy exists: <code>{error.backupPath}</code>. Opening it leaves the
              original file as it is; nothing is written until you save.
            </p>
          ) : null}
          <div className="banner-actions">
            {error.backupPath && error.path ? (
              <button
                type="button"
                className="button button-primary"
                onClick={() => void openProject(error.path, { fromBackup: true })}
              >
                Open the backup copy
              </button>
            ) : null}
            <button type="button" className="button" onClick={clearError}>
              Dismiss
            </button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
