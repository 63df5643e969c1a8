import { useRef, useState, useTransition, type FormEvent } from 'react'
import { openProject } from '../../actions/project-actions'
import { useWelcomeFocus } from '../../hooks/use-welcome-focus'
import { useStore } from '../../store'
import { PathPicker, pathToSend } from '../files/PathPicker'

/**
 * Opens a saved project: in browser mode a path field with the file browser (choosing a project
 * file fills the path), in the desktop app the system's dialog.
 */
export function OpenProjectForm() {
  const nativeDialogs = useStore((s) => s.info?.nativeDialogs ?? false)
  const defaultDir = useStore((s) => s.info?.defaultProjectDir ?? '')
  const [path, setPath] = useState('')
  const [pending, startTransition] = useTransition()
  const first = useRef<HTMLInputElement & HTMLButtonElement>(null)
  useWelcomeFocus('open', first)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = path.trim()
    if (!nativeDialogs && !trimmed) return
    startTransition(async () => {
      await openProject(nativeDialogs ? undefined : pathToSend(trimmed, defaultDir))
    })
  }

  return (
    <form className="card form-card" onSubmit={submit} aria-labelledby="open-project-heading">
      <h2 id="open-project-heading">Open a project</h2>
      {nativeDialogs ? (
        <>
          <p>Pick a project file (ending in .chtmig.json) to carry on where you left off.</p>
          <div className="form-actions">
            <button ref={first} type="submit" className="button" disabled={pending}>
              {pending ? 'Opening…' : 'Open a project file…'}
            </button>
          </div>
        </>
      ) : (
        <>
          <PathPicker
            id="open-project-path"
            label="Path of the project file"
            hint="The file is read only: opening never changes it."
            value={path}
            onChange={setPath}
            error={null}
            purpose="open"
            browseLabel="Or choose it on the computer running the wizard"
            inputRef={first}
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={pending}>
              {pending ? 'Opening…' : 'Open project'}
            </button>
          </div>
        </>
      )}
    </form>
  )
}
