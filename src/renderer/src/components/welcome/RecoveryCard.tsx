import { useStore } from '../../store'
import { RecoveryList } from '../recovery/RecoveryList'

/** Autosaved work not yet restored or discarded, on the welcome screen while any remains. */
export function RecoveryCard() {
  const count = useStore((s) => s.recovery.length)
  if (count === 0) return null
  return (
    <section className="card recovery-card" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading">Autosaved work</h2>
      <p className="muted">
        Unsaved work kept when the wizard did not close normally. Restore it and save it to keep it,
        or discard it.
      </p>
      <RecoveryList />
    </section>
  )
}
