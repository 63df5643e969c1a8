import { useId, useState, useTransition, type FormEvent } from 'react'
import { exportMarkdown, saveProjectAs } from '../../actions/project-actions'
import { baseName, dirName, joinPath, slugify, withExtension } from '../../lib/format'
import { useStore } from '../../store'
import { Modal } from './Modal'
import { FieldError } from '../common/FieldError'

/**
 * Browser mode's stand-in for the save dialog: asks for the path of the project copy (Save As)
 * or of the Markdown summary (Export). The desktop app uses the system's dialogs instead.
 */
export function PathDialog({ kind }: { kind: 'saveAs' | 'export' }) {
  const closeDialog = useStore((s) => s.closeDialog)
  const suggestion = useStore((s) => {
    const project = s.project
    const name = `${slugify(project?.document.name ?? 'migration')}.chtmig.json`
    const base = project?.path ?? joinPath(s.info?.defaultProjectDir ?? '', name)
    if (kind === 'export') return withExtension(base, '.md')
    return project?.path ? joinPath(dirName(base), `copy-of-${baseName(base)}`) : base
  })
  const [path, setPath] = useState(suggestion)
  const [error, setError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const id = useId()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = path.trim()
    if (!trimmed) {
      setError('Give the path of the file.')
      return
    }
    startTransition(async () => {
      const failure =
        kind === 'saveAs' ? await saveProjectAs(trimmed) : await exportMarkdown(trimmed)
      if (failure) setError(failure.message)
      else closeDialog()
    })
  }

  const title = kind === 'saveAs' ? 'Save the project as' : 'Export a Markdown summary'
  return (
    <Modal title={title} onCancel={closeDialog}>
      {() => (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor={id}>
              {kind === 'saveAs' ? 'Path of the new project file' : 'Path of the Markdown file'}
            </label>
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
              {kind === 'saveAs'
                ? 'From now on the project is saved to this file; the current file stays as it is.'
                : 'The summary lists every step and item with its status, notes, evidence and results.'}
            </p>
            <FieldError fieldId={id} error={error} />
          </div>
          <div className="modal-actions">
            <button type="submit" className="button button-primary" disabled={pending}>
              {kind === 'saveAs' ? 'Save' : 'Export'}
            </button>
            <button type="button" className="button" onClick={closeDialog}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Modal>
  )
}
