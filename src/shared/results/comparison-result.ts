import { z } from 'zod'
import { endpointIdSchema } from '../endpoints'
import { lineText, scalarSchema, shortText } from './common'

/**
 * The typed details of a comparison between the old and the new pipeline (`kind: 'comparison'`):
 * documents, a model against an old object, or a dashboard metric. The parity issue fills these
 * in; the shape is here so that results, history and the project's size budget are one design.
 */
export const COMPARISON_MODES = ['documents', 'model', 'metric'] as const

/** How a difference is classified (documents: by `_id`/`_rev`; models: by key and column). */
export const DIFFERENCE_CLASSES = [
  'missing_in_new',
  'extra_in_new',
  'stale_in_new',
  'stale_in_old',
  'deleted_but_present',
  'present_but_deleted',
  'duplicate_id',
  'in_flight',
  'value_conflict',
  'null_one_side',
] as const
export type DifferenceClass = (typeof DIFFERENCE_CLASSES)[number]

export const comparisonSideSchema = z.object({
  label: shortText,
  endpoint: endpointIdSchema.nullable(),
  /** The table, view, model or `query` compared on this side. */
  relation: shortText.nullable(),
})

export const differenceSampleSchema = z.object({
  key: lineText,
  old: scalarSchema,
  new: scalarSchema,
  note: lineText.nullable(),
})

/** One column of one side as the schema comparison saw it. */
export const modelColumnSchema = z.object({ name: shortText, type: shortText })

/**
 * The schema comparison of a model parity run: each side's columns and types, the columns only
 * one side has (by name, case-insensitive) and the same-named columns whose types differ.
 */
export const schemaComparisonSchema = z.object({
  old: z.array(modelColumnSchema).max(1_600),
  new: z.array(modelColumnSchema).max(1_600),
  onlyInOld: z.array(shortText).max(1_600),
  onlyInNew: z.array(shortText).max(1_600),
  typeDifferences: z.array(z.object({ old: modelColumnSchema, new: modelColumnSchema })).max(1_600),
})
export type SchemaComparison = z.infer<typeof schemaComparisonSchema>

/**
 * Per mapped column of a model parity run, how its rows (those whose key is on both sides)
 * compared: dbt-audit-helper's `compare_all_columns` categories. `tolerance` says in words what
 * counted as equal (`abs 0.01`, `minute in UTC`, `trim, case`), empty for exact.
 */
export const columnFiguresSchema = z.object({
  old: shortText,
  new: shortText,
  tolerance: shortText.default(''),
  perfectMatch: z.number().int().nonnegative(),
  bothNull: z.number().int().nonnegative(),
  nullOneSide: z.number().int().nonnegative(),
  conflict: z.number().int().nonnegative(),
})
export type ColumnFigures = z.infer<typeof columnFiguresSchema>

export const comparisonDetailsSchema = z.object({
  kind: z.literal('comparison'),
  mode: z.enum(COMPARISON_MODES),
  old: comparisonSideSchema,
  new: comparisonSideSchema,
  /** Counts side by side, grouped (database, type, form, month…): up to 4 group values a row. */
  counts: z
    .array(
      z.object({
        group: z.array(shortText).max(4),
        old: z.number().nullable(),
        new: z.number().nullable(),
      }),
    )
    .max(5_000),
  /** Each class of difference found, with how many and a bounded sample. */
  differences: z
    .array(
      z.object({
        class: z.enum(DIFFERENCE_CLASSES),
        count: z.number().int().nonnegative(),
        samples: z.array(differenceSampleSchema).max(100),
      }),
    )
    .max(DIFFERENCE_CLASSES.length),
  /** Where each pipeline was when the run started: its checkpoint and backlog per source. */
  checkpoints: z
    .array(
      z.object({
        pipeline: z.enum(['couch2pg', 'cht-sync', 'couchdb']),
        database: shortText,
        seq: lineText.nullable(),
        pending: z.number().int().nonnegative().nullable(),
      }),
    )
    .max(40),
  /*
   * Model parity only; optional, so that other modes and projects saved before these fields
   * still load and still type-check. Absent means none.
   */
  /** The key columns as `old = new` pairs. */
  keys: z
    .array(z.object({ old: shortText, new: shortText }))
    .max(32)
    .optional(),
  /** Per mapped column figures (dbt-audit-helper's categories). */
  columns: z.array(columnFiguresSchema).max(1_600).optional(),
  /** The schema comparison. */
  schema: schemaComparisonSchema.nullable().optional(),
})
export type ComparisonDetails = z.infer<typeof comparisonDetailsSchema>
