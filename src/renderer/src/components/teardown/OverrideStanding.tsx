import { useState, useTransition } from 'react'
import type { TeardownGate } from '../../../../shared/teardown/gates'
import type { TeardownOverride } from '../../../../shared/teardown/teardown-settings'
import { clearTeardownOverride } from '../../actions/teardown-actions'
import { overrideCoverText } from '../../lib/teardown-view'
import { TimeAgo } from '../common/TimeAgo'

/**
 * The recorded override of the teardown gates: who, when, why and which gates it covers, with
 * “Remove override”; and, with or without one, the gates not met that nothing covers.
 */
export function OverrideStanding({
  gates,
  override,
  uncovered,
}: {
  gates: readonly TeardownGate[]
  override: TeardownOverride | null
  uncovered: readonly TeardownGate[]
}) {
  const [failure, setFailure] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const clear = () =>
    startTransition(async () => {
      setFailure(await clearTeardownOverride())
    })
  return (
    <>
      {override ? (
        <div className="gate-override teardown-override" data-testid="teardown-override">
          <div>
            <p>
              Overridden by <strong>{override.by}</strong> <TimeAgo iso={override.at} />: “
              {override.reason}”
            </p>
            <p className="muted">{overrideCoverText(gates, override)}</p>
          </div>
          <button type="button" className="button button-small" disabled={pending} onClick={clear}>
            Remove override
          </button>
        </div>
      ) : null}
      {failure ? (
        <p className="field-error" role="alert">
          Could not remove the override: {failure}
        </p>
      ) : null}
      {uncovered.length > 0 ? (
        <div className="teardown-uncovered" data-testid="teardown-uncovered">
          <p className="field-label">
            {override
              ? 'Not met, and not covered by the override (it covers only the gates not met when it was recorded):'
              : 'Not met, and no override recorded:'}
          </p>
          <ul>
            {uncovered.map((g) => (
              <li key={g.id}>{g.title}</li>
            ))}
          </ul>
          <p className="muted">
            The database stages run only when every gate is met, or when an override covers those
            that are not.
          </p>
        </div>
      ) : null}
    </>
  )
}
