import { useEffect, useState } from 'react'
import {
  forgetAllPasswords,
  forgetProjectPasswords,
  refreshPasswordSources,
} from '../../actions/connection-actions'
import {
  forgetOutcome,
  savedPasswordRows,
  savedPasswordsIntro,
} from '../../lib/saved-passwords-view'
import { useStore } from '../../store'
import { ConfirmDialog } from '../dialogs/ConfirmDialog'

type Scope = 'project' | 'all'

const QUESTIONS: Record<Scope, { title: string; confirm: string }> = {
  project: { title: 'Forget this project’s saved passwords?', confirm: 'Forget them' },
  all: { title: 'Forget the saved passwords of all projects?', confirm: 'Forget them all' },
}

function question(scope: Scope, projectName: string, canRemember: boolean): string {
  if (scope === 'project') {
    return `The passwords kept for “${projectName}” are removed${canRemember ? ' from the keychain and' : ''} from this session. Other projects keep theirs. A connection asks for its password again the next time it needs one.`
  }
  return canRemember
    ? 'Every password this wizard keeps on this computer, for every project, is removed from the keychain, and the ones typed during this session too.'
    : 'Every password typed during this run, for every project, is removed.'
}

/** “Forget …?”: nothing is forgotten unless the person confirms; the safe answer has the focus. */
function ForgetDialog({
  scope,
  onClose,
  onDone,
}: {
  scope: Scope
  onClose: () => void
  onDone: (announcement: string) => void
}) {
  const projectName = useStore((s) => s.project?.document.name ?? 'this project')
  const canRemember = useStore((s) => s.passwordSources?.canRemember ?? false)
  return (
    <ConfirmDialog
      title={QUESTIONS[scope].title}
      message={question(scope, projectName, canRemember)}
      confirmLabel={QUESTIONS[scope].confirm}
      keepLabel="Keep them"
      failurePrefix="Could not forget the passwords"
      onClose={onClose}
      onConfirm={async () => {
        const outcome =
          scope === 'project' ? await forgetProjectPasswords() : await forgetAllPasswords()
        if ('error' in outcome) return outcome.error.message
        onDone(forgetOutcome(scope, outcome.sources))
        return null
      }}
    />
  )
}

/**
 * Settings' “Saved passwords” (SEC-09): where each of the open project's passwords comes from
 * (the keychain, this session, an environment variable, or none), never a password, and the two
 * ways to forget them: this project's, or every project's. Each asks first; the outcome is
 * announced in the section's live region.
 */
export function SavedPasswords() {
  const projectId = useStore((s) => s.project?.document.id ?? null)
  const connections = useStore((s) => s.project?.document.connections ?? null)
  const sources = useStore((s) => s.passwordSources)
  const [asking, setAsking] = useState<Scope | null>(null)
  const [outcome, setOutcome] = useState('')
  useEffect(() => {
    if (projectId !== null) void refreshPasswordSources()
  }, [projectId])
  const rows = sources && connections ? savedPasswordRows(sources, connections) : null
  return (
    <section className="card" aria-labelledby="settings-passwords">
      <h2 id="settings-passwords">Saved passwords</h2>
      <p>{savedPasswordsIntro(sources?.canRemember ?? false)}</p>
      {rows ? (
        <dl className="facts saved-passwords" data-testid="saved-passwords">
          {rows.map((row) => (
            <div key={row.endpoint} data-source={row.source}>
              <dt>{row.label}</dt>
              <dd>{row.text}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">Reading where this project’s passwords come from…</p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => setAsking('project')}>
          Forget this project’s saved passwords
        </button>
        <button type="button" className="button" onClick={() => setAsking('all')}>
          Forget saved passwords of all projects
        </button>
      </div>
      <p className="muted" aria-live="polite" data-testid="saved-passwords-status">
        {outcome}
      </p>
      {asking ? (
        <ForgetDialog
          scope={asking}
          onClose={() => setAsking(null)}
          onDone={(text) => {
            setAsking(null)
            setOutcome(text)
          }}
        />
      ) : null}
    </section>
  )
}
