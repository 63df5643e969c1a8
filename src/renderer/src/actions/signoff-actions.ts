import type { SignoffInput } from '../../../shared/signoff'
import type { StepId } from '../../../shared/steps'
import { recordIntents } from './project-actions'

/**
 * Sign-off of a step: an approval recorded (who, in which role, on which day, with what note)
 * or taken away. Each answers null once the engine recorded it, else why not in words, for the
 * form or dialog that asked to show.
 */

/** Records an approval of the step. */
export const addApproval = (
  stepId: StepId,
  stepTitle: string,
  signoff: SignoffInput,
): Promise<string | null> =>
  recordIntents(
    [{ type: 'signoff.add', stepId, signoff }],
    `Recorded the approval of “${stepTitle}” by ${signoff.name.trim()}.`,
  )

/** Removes one recorded approval of the step. */
export const removeApproval = (
  stepId: StepId,
  stepTitle: string,
  id: string,
  name: string,
): Promise<string | null> =>
  recordIntents(
    [{ type: 'signoff.remove', stepId, id }],
    `Removed the approval of “${stepTitle}” by ${name}.`,
  )
