import { useId, useState, useTransition } from 'react'
import { exportDbtScaffolds } from '../../actions/inventory-actions'
import { isConflict } from '../../lib/inventory-export'
import { countText } from '../../lib/inventory-view'
import { useStore } from '../../store'
import { Modal } from '../dialogs/Modal'
import { ExportDbtDialog, OverwriteQuestion } from './ExportDbtDialog'

/**
 * “Export dbt scaffolds” for the objects decided “rebuild”. The desktop app asks for the folder
 * with the system's dialog (the engine opens it); browser mode asks for a typed path. Either
 * way a folder that is not empty is written into only once the person says so.
 */
export function ExportDbt({ rebuilds }: { rebuilds: number }) {
  const native = useStore((s) => s.info?.nativeDialogs ?? false)
  const [open, setOpen] = useState<'path' | 'overwrite' | null>(null)
  // The folder the dialog chose, as the engine's refusal names it (the retry writes there).
  const [chosen, setChosen] = useState<string | undefined>(undefined)
  const [pending, startTransition] = useTransition()
  const hintId = useId()

  // Electron: the engine shows the folder dialog. A folder that is not empty asks first; the
  // retry names the folder the dialog chose (the engine accepts only that one, SEC-10), or shows
  // the dialog again when the refusal does not name it.
  const exportNative = (overwrite: boolean, dir?: string) =>
    startTransition(async () => {
      const result = await exportDbtScaffolds(dir, overwrite)
      if (!result.ok && isConflict(result.error.code) && !overwrite) {
        const path = result.error.details?.path
        setChosen(typeof path === 'string' ? path : undefined)
        setOpen('overwrite')
        return
      }
      setOpen(null)
      if (!result.ok && result.error.code !== 'CANCELLED') {
        useStore.getState().showError({
          title: 'Could not export the dbt scaffolds',
          message: result.error.message,
          code: result.error.code,
        })
      }
    })

  return (
    <div className="inventory-export">
      <button
        type="button"
        className="button"
        disabled={rebuilds === 0}
        aria-disabled={pending || undefined}
        aria-describedby={hintId}
        onClick={() => {
          if (pending) return
          if (native) exportNative(false)
          else setOpen('path')
        }}
      >
        Export dbt scaffolds
      </button>
      <p id={hintId} className="hint">
        {rebuilds === 0
          ? 'Writes a dbt model scaffold for each object decided “rebuild”: decide one first.'
          : rebuilds === 1
            ? 'Writes a dbt model scaffold for the object decided “rebuild”, and prepares a parity comparison for it.'
            : `Writes a dbt model scaffold for each of the ${countText(rebuilds)} decided “rebuild”, and prepares a parity comparison for each.`}
      </p>
      {open === 'path' ? <ExportDbtDialog onClose={() => setOpen(null)} /> : null}
      {open === 'overwrite' ? (
        <Modal title="Export dbt scaffolds" onCancel={() => setOpen(null)}>
          {() => (
            <OverwriteQuestion
              dir={chosen ?? null}
              pending={pending}
              onYes={() => exportNative(true, chosen)}
              onNo={() => setOpen(null)}
              noLabel="Cancel"
            />
          )}
        </Modal>
      ) : null}
    </div>
  )
}
