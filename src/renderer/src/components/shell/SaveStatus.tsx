import { useShallow } from 'zustand/react/shallow'
import { clockTime, exactTime } from '../../lib/format'
import { useStore } from '../../store'

/**
 * Where the project stands on disk: “Saved 12:03”, “Unsaved changes”, “Saving…”, or the reason
 * the last save (an autosave included) failed.
 */
export function SaveStatus() {
  const { saving, dirty, path, lastSavedAt, lastSaveError } = useStore(
    useShallow((s) => ({
      saving: s.saving,
      dirty: s.project?.dirty ?? false,
      path: s.project?.path ?? null,
      lastSavedAt: s.project?.lastSavedAt ?? null,
      lastSaveError: s.project?.lastSaveError ?? null,
    })),
  )
  let text: string
  let tone: 'ok' | 'pending' | 'error' = 'ok'
  let title: string | undefined
  if (saving) {
    text = 'Saving…'
    tone = 'pending'
  } else if (lastSaveError) {
    text = `Not saved: ${lastSaveError.message}`
    tone = 'error'
  } else if (!path) {
    text = 'Not saved to a file yet'
    tone = 'pending'
  } else if (dirty) {
    text = 'Unsaved changes'
    tone = 'pending'
  } else if (lastSavedAt) {
    text = `Saved ${clockTime(lastSavedAt)}`
    title = exactTime(lastSavedAt)
  } else {
    text = 'All changes saved'
  }
  return (
    <p className={`save-status save-status-${tone}`} data-testid="save-status" title={title}>
      {text}
    </p>
  )
}
