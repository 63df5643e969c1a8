import { useShallow } from 'zustand/react/shallow'
import { useStore } from '../../store'

/**
 * Says plainly when the open project is the backup copy of a damaged file, or an autosaved copy
 * restored after the wizard did not close normally: neither is saved automatically.
 */
export function RecoveredNotice() {
  const { recovered, restored, path } = useStore(
    useShallow((s) => ({
      recovered: s.project?.recoveredFromBackup ?? false,
      restored: s.project?.restoredFromAutosave ?? false,
      path: s.project?.path ?? null,
    })),
  )
  if (restored) {
    return (
      <div className="banner banner-info">
        <p className="banner-title">You are working on an autosaved copy</p>
        {path ? (
          <p>
            This copy was restored after the wizard did not close normally, and is not saved
            automatically. Save to write it to <code>{path}</code> (the file there now is kept as
            its backup, “.bak”), or use Save As to keep it elsewhere.
          </p>
        ) : (
          <p>
            This copy of a project that was never saved was restored after the wizard did not close
            normally. Save it to choose where to keep it.
          </p>
        )}
      </div>
    )
  }
  if (!recovered) return null
  return (
    <div className="banner banner-info">
      <p className="banner-title">You are working on the backup copy</p>
      <p>
        This is the backup of <code>{path}</code>. The damaged original has not been changed, and
        nothing is saved automatically. Save to put this copy in its place (the damaged file is kept
        beside it, renamed with “.damaged-” and the date), or use Save As to save it elsewhere.
      </p>
    </div>
  )
}
