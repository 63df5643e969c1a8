import { useId, useState, useTransition, type FormEvent } from 'react'
import type { AppErrorData } from '../../../../shared/result'
import { saveProjectAs, type SaveOptions } from '../../actions/project-actions'
import { baseName, joinPath } from '../../lib/format'
import { suggestedSavePath } from '../../lib/save-suggestion'
import { useStore } from '../../store'
import { FieldError } from '../common/FieldError'
import { DemoFolderWarning } from './DemoFolderWarning'
import { Modal } from './Modal'

/** A path the engine answered `DEMO_FOLDER` for: it waits for the person's decision. */
interface Warning {
  path: string
  demoDir: string
}

const demoDirOf = (error: AppErrorData): string =>
  typeof error.details?.demoDir === 'string' ? error.details.demoDir : ''

/**
 * Browser mode's stand-in for the Save As dialog: asks for the path of the project copy. The
 * desktop app uses the system's dialog instead; exports have their own dialog (`ExportDialog`).
 *
 * It suggests a path beside the project's file, or in the default projects folder for a demo's
 * project (`suggestedSavePath`). A path inside a running demo's folder brings a warning first.
 */
export function PathDialog() {
  const closeDialog = useStore((s) => s.closeDialog)
  const defaultDir = useStore((s) => s.info?.defaultProjectDir ?? '')
  const suggestion = useStore((s) => suggestedSavePath('saveAs', s.project, defaultDir))
  const [path, setPath] = useState(suggestion)
  const [error, setError] = useState<string | null>(null)
  const [warning, setWarning] = useState<Warning | null>(null)
  const [pending, startTransition] = useTransition()
  const id = useId()

  const run = (target: string, options: SaveOptions) =>
    startTransition(async () => {
      const failure = await saveProjectAs(target, options)
      if (!failure) {
        closeDialog()
      } else if (failure.code === 'DEMO_FOLDER' && !options.allowDemoFolder) {
        setError(null)
        setWarning({ path: target, demoDir: demoDirOf(failure) })
      } else {
        setWarning(null)
        setError(failure.message)
      }
    })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = path.trim()
    if (!trimmed) {
      setError('Give the path of the file.')
      return
    }
    run(trimmed, {})
  }

  const elsewhere = () => {
    if (warning) setPath(joinPath(defaultDir, baseName(warning.path)))
    setWarning(null)
  }

  return (
    <Modal title="Save the project as" onCancel={closeDialog}>
      {() =>
        warning ? (
          <DemoFolderWarning
            kind="saveAs"
            path={warning.path}
            demoDir={warning.demoDir}
            pending={pending}
            onElsewhere={elsewhere}
            onProceed={() => run(warning.path, { allowDemoFolder: true })}
          />
        ) : (
          <form onSubmit={submit}>
            <div className="field">
              <label htmlFor={id}>Path of the new project file</label>
              <input
                id={id}
                className="input input-mono"
                value={path}
                required
                autoFocus
                spellCheck={false}
                aria-invalid={error ? true : undefined}
                aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
                onChange={(e) => setPath(e.target.value)}
              />
              <p id={`${id}-hint`} className="hint">
                From now on the project is saved to this file; the current file stays as it is.
              </p>
              <FieldError fieldId={id} error={error} />
            </div>
            <div className="modal-actions">
              <button type="submit" className="button button-primary" disabled={pending}>
                Save
              </button>
              <button type="button" className="button" onClick={closeDialog}>
                Cancel
              </button>
            </div>
          </form>
        )
      }
    </Modal>
  )
}
