import { useId } from 'react'

/**
 * The step of browser mode's save and export dialog that warns about a path inside a demo's
 * folder: the folder, and the file with it, is deleted when the demo stops. "Choose another
 * place" (focused first) goes back to the path; the other button saves there anyway; Escape
 * closes the dialog, as everywhere.
 */
export function DemoFolderWarning({
  kind,
  path,
  demoDir,
  pending,
  onElsewhere,
  onProceed,
}: {
  kind: 'saveAs' | 'export'
  path: string
  demoDir: string
  pending: boolean
  onElsewhere: () => void
  onProceed: () => void
}) {
  const id = useId()
  return (
    <>
      <div className="banner banner-warning" role="alert" id={id}>
        <p className="banner-title">This folder is removed when the demo stops</p>
        <p>
          <code>{path}</code> is inside the demo’s folder, <code>{demoDir}</code>. When the demo
          stops, the folder and everything in it are deleted.
        </p>
      </div>
      <div className="modal-actions" role="group" aria-describedby={id}>
        {/* Never disabled: it is focused as it appears, maybe while the answer still settles. */}
        <button type="button" className="button button-primary" autoFocus onClick={onElsewhere}>
          Choose another place
        </button>
        <button type="button" className="button" disabled={pending} onClick={onProceed}>
          {kind === 'saveAs' ? 'Save here anyway' : 'Export here anyway'}
        </button>
      </div>
    </>
  )
}
