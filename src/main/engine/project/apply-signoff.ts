import { AppError } from '../../../shared/result'
import { redactSecrets } from '../../../shared/redact'
import { SIGNOFF_LIMIT, type SignoffInput, type SignoffSettings } from '../../../shared/signoff'
import type { StepId } from '../../../shared/steps'

/**
 * Adds an approval of `stepId`: the approver's name and role as given, the day it was given
 * (`input.at`, or now), the note with any pasted credential masked, and who recorded it when.
 * Refuses a date in the future (beyond a day's clock skew) and a step already holding
 * `SIGNOFF_LIMIT` approvals; nothing is changed then.
 */
export function addSignoff(
  settings: SignoffSettings,
  stepId: StepId,
  input: SignoffInput,
  stamp: { id: string; who: string | null; at: string },
): SignoffSettings {
  const list = settings[stepId] ?? []
  if (list.length >= SIGNOFF_LIMIT) {
    throw new AppError(
      'BAD_REQUEST',
      `A step keeps at most ${SIGNOFF_LIMIT} approvals; remove one before recording another. Nothing was changed.`,
      { field: 'signoff' },
    )
  }
  const at = input.at ?? stamp.at
  if (Date.parse(at) > Date.parse(stamp.at) + 24 * 60 * 60 * 1000) {
    throw new AppError(
      'BAD_REQUEST',
      'The approval is dated in the future; give the day it was given. Nothing was changed.',
      { field: 'at' },
    )
  }
  const entry = {
    id: stamp.id,
    name: redactSecrets(input.name),
    role: redactSecrets(input.role),
    at,
    note: redactSecrets(input.note),
    recordedBy: stamp.who,
    recordedAt: stamp.at,
  }
  return { ...settings, [stepId]: [...list, entry] }
}
