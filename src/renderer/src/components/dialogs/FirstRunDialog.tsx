import { useId, useState } from 'react'
import { useStore } from '../../store'
import { IDENTITY_USE, IdentityForm } from '../settings/IdentityForm'
import { Modal } from './Modal'

/**
 * “Who is using the wizard?”, asked before anything is stamped: on the welcome screen of a first
 * run, and again whenever a project opens while the person has not said who they are. The name
 * is filled in from this computer's login but only kept once the person saves it; “Not now” (or
 * Escape) leaves changes recorded without a name until then.
 */
export function FirstRunDialog({
  held = false,
}: {
  /** Another dialog is open: wait. */ held?: boolean
}) {
  const ready = useStore((s) => s.appState === 'ready')
  const confirmed = useStore((s) => s.preferences.identityConfirmed)
  const suggested = useStore((s) => s.preferences.suggestedUserName)
  const role = useStore((s) => s.preferences.userRole)
  // The project open when the person chose “Not now” (null: the welcome screen); another one
  // opening asks again.
  const projectId = useStore((s) => s.project?.document.id ?? null)
  const [dismissedFor, setDismissedFor] = useState<string | null | undefined>(undefined)
  if (!ready || confirmed || held || dismissedFor === projectId) return null
  return (
    <FirstRunModal
      key={projectId ?? 'welcome'}
      suggested={suggested}
      role={role}
      onDismiss={() => setDismissedFor(projectId)}
    />
  )
}

function FirstRunModal({
  suggested,
  role,
  onDismiss,
}: {
  suggested: string
  role: string
  onDismiss: () => void
}) {
  const descriptionId = useId()
  return (
    <Modal title="Who is using the wizard?" onCancel={onDismiss} describedBy={descriptionId}>
      {() => (
        <>
          <p id={descriptionId}>{IDENTITY_USE}</p>
          <IdentityForm
            initialName={suggested}
            initialRole={role}
            nameHint={
              suggested
                ? `Filled in from this computer’s login name: replace it with the name your colleagues know you by.`
                : undefined
            }
            submitLabel="Save and continue"
            inDialog
            selectSuggestion
          >
            <button type="button" className="button" onClick={onDismiss}>
              Not now
            </button>
          </IdentityForm>
          <p className="hint">Until you save a name, your changes are recorded without one.</p>
        </>
      )}
    </Modal>
  )
}
