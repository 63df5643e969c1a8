import type { StepId } from '../../../../shared/steps'

/**
 * The step's next action, shown under its heading. Seam for issue 13: the lead fills it in.
 */
export function StepNextAction(_props: { stepId: StepId }) {
  return null
}
