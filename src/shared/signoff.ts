import { z } from 'zod'
import { isoDate, paragraphText } from './results/common'
import { STEP_IDS } from './steps'

/**
 * Sign-off of the migration's steps: per step, who approved it, in which role, when and with what
 * note. The implementer records approvals given in a meeting or by mail; the plan PDF prints them
 * with a signature line each (and blank lines for a step nobody approved yet).
 */

/** Most approvals kept per step. */
export const SIGNOFF_LIMIT = 10

const person = z.string().trim().min(1).max(200)

export const signoffSchema = z.object({
  id: z.string().min(1).max(200),
  /** Who approved: the programme manager, the hosting team's lead… */
  name: person,
  /** Their role, as they would sign it. */
  role: z.string().trim().max(200),
  /** When they approved (the day it was given, which may precede its recording). */
  at: isoDate,
  note: paragraphText,
  /** Who recorded the approval in the wizard, and when. */
  recordedBy: z.string().max(200).nullable(),
  recordedAt: isoDate,
})
export type Signoff = z.infer<typeof signoffSchema>

export const signoffSettingsSchema = z.partialRecord(
  z.enum(STEP_IDS),
  z.array(signoffSchema).max(SIGNOFF_LIMIT),
)
export type SignoffSettings = z.infer<typeof signoffSettingsSchema>

/** The intents' input for one approval; `at` defaults to now. */
export const signoffInputSchema = z.object({
  name: person,
  role: z.string().trim().max(200),
  at: isoDate.optional(),
  note: z.string().max(2_000),
})
export type SignoffInput = z.infer<typeof signoffInputSchema>
