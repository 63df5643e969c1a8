import { useStore } from '../../store'
import { ExportDialog } from '../export/ExportDialog'
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
      return <PathDialog key="saveAs" />
    case 'export':
      return <ExportDialog key="export" initialFormat={dialog.format} />
  }
}
