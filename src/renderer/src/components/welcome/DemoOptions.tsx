import type { DemoCouch2pgRelease, DemoDiscrepancyMode } from '../../../../shared/demo'

/** What a user may choose about the demo before starting it (the engine's defaults otherwise). */
export interface DemoChoice {
  discrepancies: DemoDiscrepancyMode
  couch2pgRelease: DemoCouch2pgRelease
  syncUsers: boolean
}

export const DEFAULT_DEMO_CHOICE: DemoChoice = {
  discrepancies: 'injected',
  couch2pgRelease: '3.7',
  syncUsers: false,
}

/**
 * The demo's variants, folded away under “Demo options”: with or without injected differences,
 * the couch2pg release its database looks like, and whether couch2pg copies `_users` (which
 * needs 3.6 or later, so the box is off and disabled for 3.5).
 */
export function DemoOptions({
  value,
  onChange,
}: {
  value: DemoChoice
  onChange: (next: DemoChoice) => void
}) {
  const old = value.couch2pgRelease === '3.5'
  return (
    <details className="demo-options">
      <summary>Demo options</summary>
      <div className="field">
        <label htmlFor="demo-discrepancies">Differences between the copies</label>
        <select
          className="input"
          id="demo-discrepancies"
          value={value.discrepancies}
          onChange={(e) =>
            onChange({ ...value, discrepancies: e.target.value as DemoDiscrepancyMode })
          }
        >
          <option value="injected">A few known differences for the checks to find</option>
          <option value="none">None: both pipelines caught up and identical</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="demo-release">couch2pg release</label>
        <select
          className="input"
          id="demo-release"
          value={value.couch2pgRelease}
          onChange={(e) => {
            const release = e.target.value as DemoCouch2pgRelease
            onChange({
              ...value,
              couch2pgRelease: release,
              syncUsers: release === '3.5' ? false : value.syncUsers,
            })
          }}
        >
          <option value="3.7">3.7 (the latest)</option>
          <option value="3.5">3.5 (before 3.6: no migration, logs or users tables)</option>
        </select>
      </div>
      <div className="field">
        <label className="checkbox" htmlFor="demo-sync-users">
          <input
            id="demo-sync-users"
            type="checkbox"
            checked={value.syncUsers}
            disabled={old}
            aria-describedby="demo-sync-users-hint"
            onChange={(e) => onChange({ ...value, syncUsers: e.target.checked })}
          />
          couch2pg also copies _users (SYNC_DB_USERS)
        </label>
        <p id="demo-sync-users-hint" className="hint">
          {old
            ? 'couch2pg copies _users from release 3.6 on.'
            : 'Off by default, as in couch2pg’s sample settings.'}
        </p>
      </div>
    </details>
  )
}
