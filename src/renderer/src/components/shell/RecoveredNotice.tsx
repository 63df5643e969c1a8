import { useShallow } from 'zustand/react/shallow'
import { useStore } from '../../store'

/** Says plainly when the open project is the backup copy of a damaged file. */
export function RecoveredNotice() {
  const { recovered, path } = useStore(
    useShallow((s) => ({
      recovered: s.project?.recoveredFromBackup ?? false,
      path: s.project?.path ?? null,
    })),
  )
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
