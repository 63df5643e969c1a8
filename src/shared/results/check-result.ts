import { z } from 'zod'
import { lineText, remedySchema, scalarSchema, shortText } from './common'

/**
 * The typed details of an automated check (`kind: 'check'`): the evidence it measured and what to
 * do about it. The checks issue adds checks, not shapes: each check's evidence is a list of these
 * typed items, so a saved project shows what was measured, against what limit, where a setting
 * came from, without any server in reach.
 */
export const evidenceItemSchema = z.discriminatedUnion('type', [
  /** A number the check measured, with its unit and the limit it was held to. */
  z.object({
    type: z.literal('measure'),
    label: shortText,
    value: z.number().nullable(),
    unit: shortText.nullable(),
    limit: z.object({ op: z.enum(['<=', '>=', '<', '>', '==']), value: z.number() }).nullable(),
  }),
  /** Something the check found out, in words (a version, a state). */
  z.object({ type: z.literal('fact'), label: shortText, value: lineText }),
  /** A configuration setting as read from a file or a server; secrets are masked before this. */
  z.object({
    type: z.literal('setting'),
    source: shortText,
    key: shortText,
    value: lineText.nullable(),
    line: z.number().int().positive().nullable(),
  }),
  /** A small table (per database, per source…): at most 12 columns and 200 rows. */
  z.object({
    type: z.literal('table'),
    caption: shortText,
    columns: z.array(shortText).max(12),
    rows: z.array(z.array(scalarSchema).max(12)).max(200),
  }),
])
export type EvidenceItem = z.infer<typeof evidenceItemSchema>

export const checkDetailsSchema = z.object({
  kind: z.literal('check'),
  checkId: shortText,
  evidence: z.array(evidenceItemSchema).max(50),
  remedy: remedySchema.nullable(),
  /** Set on a skipped check: which prerequisite failed, in words. */
  skippedBecause: lineText.nullable(),
})
export type CheckDetails = z.infer<typeof checkDetailsSchema>
