import { useStore } from '../../store'
import { ExportDialog } from '../export/ExportDialog'
import { FirstRunDialog } from './FirstRunDialog'
import { PathDialog } from './PathDialog'
import { RecoveryDialog } from './RecoveryDialog'
import { UnsavedChangesDialog } from './UnsavedChangesDialog'

/**
 * Renders the one dialog the UI slice says is open, if any; otherwise the first-run question
 * (“Who is using the wizard?”) while the person has not said who they are. The first-run
 * question stays mounted, so a “Not now” holds while another dialog comes and goes.
 */
export function DialogHost() {
  const dialog = useStore((s) => s.dialog)
  return (
    <>
      <FirstRunDialog held={dialog !== null} />
      <OpenDialog />
    </>
  )
}

function OpenDialog() {
  const dialog = useStore((s) => s.dialog)
  if (!dialog) return null
  switch (dialog.kind) {
    case 'unsaved':
      return <UnsavedChangesDialog key="unsaved" action={dialog.action} />
    case 'saveAs':
      return <PathDialog key="saveAs" />
    case 'export':
      return <ExportDialog key="export" initialFormat={dialog.format} />
    case 'recovery':
      return <RecoveryDialog key="recovery" />
  }
}
