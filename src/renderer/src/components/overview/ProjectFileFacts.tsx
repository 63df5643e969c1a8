import { useShallow } from 'zustand/react/shallow'
import { exactTime } from '../../lib/format'
import { useStore } from '../../store'
import { WrappedPath } from '../teardown/WrappedPath'

/** Where the project lives (its path wrapping after separators) and when it was last saved. */
export function ProjectFileFacts() {
  const { path, lastSavedAt, createdAt, updatedAt } = useStore(
    useShallow((s) => ({
      path: s.project?.path ?? null,
      lastSavedAt: s.project?.lastSavedAt ?? null,
      createdAt: s.project?.document.createdAt ?? null,
      updatedAt: s.project?.document.updatedAt ?? null,
    })),
  )
  return (
    <dl className="facts">
      <div>
        <dt>Project file</dt>
        <dd>
          {path ? (
            <span data-testid="project-path">
              <WrappedPath path={path} />
            </span>
          ) : (
            'Not saved to a file yet'
          )}
        </dd>
      </div>
      <div>
        <dt>Last saved</dt>
        <dd>{lastSavedAt ? exactTime(lastSavedAt) : 'Not since it was opened'}</dd>
      </div>
      <div>
        <dt>Last change</dt>
        <dd>{updatedAt ? exactTime(updatedAt) : '—'}</dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd>{createdAt ? exactTime(createdAt) : '—'}</dd>
      </div>
    </dl>
  )
}
