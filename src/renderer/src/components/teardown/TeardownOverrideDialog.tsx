import type { TeardownGate } from '../../../../shared/teardown/gates'
import { overrideTeardownGates } from '../../actions/teardown-actions'
import { ReasonDialog } from '../common/ReasonDialog'

/**
 * “Record an override” of the teardown gates: why the database stages may run although the
 * gates listed are not met, and who decided (prefilled with this machine's user name). The
 * engine records the gates not met at that moment; one that becomes unmet later is not covered.
 */
export function TeardownOverrideDialog({
  notMet,
  onClose,
}: {
  notMet: readonly TeardownGate[]
  onClose: () => void
}) {
  return (
    <ReasonDialog
      title="Override the teardown gates"
      about={
        <>
          <p>
            The database stages may then run although these gates are not met; the reason, the name
            and the gates are kept in the project file:
          </p>
          <ul>
            {notMet.map((g) => (
              <li key={g.id}>{g.title}</li>
            ))}
          </ul>
        </>
      }
      reasonMissing="Say why couch2pg may be removed although these gates are not met."
      submitLabel="Record the override"
      failurePrefix="Could not record the override"
      onSubmit={overrideTeardownGates}
      onClose={onClose}
    />
  )
}
