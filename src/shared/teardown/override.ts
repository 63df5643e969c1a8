import type { TeardownGate, TeardownGateId } from './gate-types'
import type { TeardownOverride } from './teardown-settings'

/** Whether the database stages may run, and the gates that hold them if not. */
export interface ExecutionPermission {
  allowed: boolean
  /** `gates`: every gate met; `override`: some are not, all covered by the recorded override. */
  by: 'gates' | 'override' | null
  /** Gates not met and not covered by the override (all not-met gates when there is none). */
  holding: TeardownGate[]
}

/**
 * Judges whether the teardown's database stages may run: every gate met, or an override recorded
 * whose `gates` (those not met when it was recorded) cover every gate not met now. A gate that
 * became unmet after the override was recorded is not covered, so a flip holds the run again.
 */
export function executionPermission(
  gates: readonly TeardownGate[],
  override: TeardownOverride | null,
): ExecutionPermission {
  const notMet = gates.filter((g) => g.state !== 'met')
  if (notMet.length === 0) return { allowed: true, by: 'gates', holding: [] }
  const covered = new Set<TeardownGateId>(override?.gates ?? [])
  const holding = override ? notMet.filter((g) => !covered.has(g.id)) : notMet
  if (holding.length === 0) return { allowed: true, by: 'override', holding: [] }
  return { allowed: false, by: null, holding }
}
