import { useStore } from '../../store'
import { PathDialog } from './PathDialog'
import { UnsavedChangesDialog } from './UnsavedChangesDialog'

/** Renders the one dialog the UI slice says is open, if any. */
export function DialogHost() {
  const dialog = useStore((s) => s.dialog)
  if (!dialog) return null
  switch (dialog.kind) {
    case 'unsaved':
      return <UnsavedChangesDialog key="unsaved" action={dialog.action} />
    case 'saveAs':
    case 'export':
      return <PathDialog key={dialog.kind} kind={dialog.kind} />
  }
}
