import { useId, useState, useTransition, type FormEvent } from 'react'
import type { AppErrorData } from '../../../../shared/result'
import { saveProjectAs, type SaveOptions } from '../../actions/project-actions'
import { baseName, joinPath } from '../../lib/format'
import { suggestedSavePath } from '../../lib/save-suggestion'
import { useStore } from '../../store'
import { PathPicker, pathToSend } from '../files/PathPicker'
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
 * Browser mode's stand-in for the Save As dialog: the path of the project copy, typed or made
 * with the file browser (a folder chosen, the name kept). The desktop app uses the system's
 * dialog instead; exports have their own dialog (`ExportDialog`).
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
    if (!path.trim()) {
      setError('Give the path of the file.')
      return
    }
    run(pathToSend(path, defaultDir), {})
  }

  const elsewhere = () => {
    if (warning) setPath(joinPath(defaultDir, baseName(warning.path)))
    setWarning(null)
  }

  return (
    <Modal title="Save the project as" onCancel={closeDialog} className="file-dialog">
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
            <PathPicker
              id={id}
              label="Path of the new project file"
              hint="From now on the project is saved to this file; the current file stays as it is."
              value={path}
              onChange={setPath}
              error={error}
              purpose="save"
              autoFocus
              browseLabel="Or choose a folder on the computer running the wizard"
            />
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
