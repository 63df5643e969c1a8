import { useRef, useState, useTransition, type FormEvent } from 'react'
import { openProject } from '../../actions/project-actions'
import { useWelcomeFocus } from '../../hooks/use-welcome-focus'
import { useStore } from '../../store'

/** Opens a saved project: a path field in browser mode, the system's dialog in the desktop app. */
export function OpenProjectForm() {
  const nativeDialogs = useStore((s) => s.info?.nativeDialogs ?? false)
  const [path, setPath] = useState('')
  const [pending, startTransition] = useTransition()
  const first = useRef<HTMLInputElement & HTMLButtonElement>(null)
  useWelcomeFocus('open', first)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = path.trim()
    if (!nativeDialogs && !trimmed) return
    startTransition(async () => {
      await openProject(nativeDialogs ? undefined : trimmed)
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
          <div className="field">
            <label htmlFor="open-project-path">Path of the project file</label>
            <input
              id="open-project-path"
              ref={first}
              className="input input-mono"
              value={path}
              required
              spellCheck={false}
              autoComplete="off"
              placeholder="/home/you/cht-migrations/kenya.chtmig.json"
              aria-describedby="open-project-path-hint"
              onChange={(e) => setPath(e.target.value)}
            />
            <p id="open-project-path-hint" className="hint">
              The file is read only: opening never changes it.
            </p>
          </div>
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
