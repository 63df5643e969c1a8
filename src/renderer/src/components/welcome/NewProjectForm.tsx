import { useRef, useState, useTransition, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { PROJECT_FILE_EXTENSION } from '../../../../shared/project-schema'
import { createProject } from '../../actions/project-actions'
import { useWelcomeFocus } from '../../hooks/use-welcome-focus'
import { joinPath, slugify } from '../../lib/format'
import { useStore } from '../../store'
import { PathPicker, pathToSend } from '../files/PathPicker'

/**
 * Starts a new migration project. In browser mode it also asks where to save the file,
 * suggesting the default project folder and a name made from the project's, with the file
 * browser to choose another folder; in the desktop app
 * the save dialog follows instead.
 */
export function NewProjectForm() {
  const { nativeDialogs, defaultDir } = useStore(
    useShallow((s) => ({
      nativeDialogs: s.info?.nativeDialogs ?? false,
      defaultDir: s.info?.defaultProjectDir ?? '',
    })),
  )
  const [name, setName] = useState('')
  const [typedPath, setTypedPath] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const nameField = useRef<HTMLInputElement>(null)
  useWelcomeFocus('new', nameField)

  const suggestedPath = joinPath(defaultDir, `${slugify(name)}${PROJECT_FILE_EXTENSION}`)
  const path = typedPath ?? suggestedPath

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmedName = name.trim()
    const trimmedPath = path.trim()
    if (!trimmedName || (!nativeDialogs && !trimmedPath)) return
    startTransition(async () => {
      await createProject(
        trimmedName,
        nativeDialogs ? undefined : pathToSend(trimmedPath, defaultDir),
      )
    })
  }

  return (
    <form className="card form-card" onSubmit={submit} aria-labelledby="new-project-heading">
      <h2 id="new-project-heading">Start a new migration project</h2>
      <div className="field">
        <label htmlFor="new-project-name">Project name</label>
        <input
          id="new-project-name"
          ref={nameField}
          className="input"
          value={name}
          required
          maxLength={200}
          autoComplete="off"
          aria-describedby="new-project-name-hint"
          onChange={(e) => setName(e.target.value)}
        />
        <p id="new-project-name-hint" className="hint">
          For example the country or programme: “Kenya CHIS analytics”.
        </p>
      </div>
      {nativeDialogs ? (
        <p className="hint">You choose where to save the file next.</p>
      ) : (
        <PathPicker
          id="new-project-path"
          label="Save the project file as"
          hint="A path on the machine running the wizard. Changes are saved to it automatically."
          value={path}
          onChange={setTypedPath}
          error={null}
          purpose="save"
          browseLabel="Or choose its folder on the computer running the wizard"
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Creating…' : 'Create project'}
        </button>
      </div>
    </form>
  )
}
