import { z } from 'zod'
import { clipText, shortText } from './results/common'

/**
 * What a project keeps of its parity step besides results: the comparisons the implementer set
 * up (the replica dashboard's metrics, the model pairs) and how many consecutive green days the
 * teardown gate asks for. Definitions only; what they found is stored as results.
 */

/** SQL a person typed: bounded like every statement the gate accepts. */
const sqlText = z.string().min(1).max(100_000)
const identifier = z.string().min(1).max(63)
const DEFAULT_GREEN_DAYS = 14

export const metricToleranceSchema = z.object({
  absolute: z.number().nonnegative().optional(),
  relative: z.number().nonnegative().max(1).optional(),
})

/** A tile of the replica dashboard: two queries and how their groups are matched. */
export const metricDefinitionSchema = z.object({
  id: shortText,
  title: shortText,
  oldSql: sqlText,
  newSql: sqlText,
  groupColumns: z.array(identifier).max(4),
  valueColumn: identifier,
  tolerance: metricToleranceSchema,
})
export type MetricDefinition = z.infer<typeof metricDefinitionSchema>

export const modelSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('relation'), schema: identifier, name: identifier }),
  z.object({ kind: z.literal('query'), sql: sqlText }),
])
export type ModelSourceDefinition = z.infer<typeof modelSourceSchema>

export const columnToleranceSchema = z.object({
  absolute: z.number().nonnegative().optional(),
  relative: z.number().nonnegative().max(1).optional(),
  unit: z.enum(['second', 'minute', 'hour', 'day']).optional(),
  timeZone: z.string().max(64).optional(),
  trim: z.boolean().optional(),
  ignoreCase: z.boolean().optional(),
})

/** An old object and the new model that replaces it, with keys and a column mapping. */
export const modelDefinitionSchema = z.object({
  id: shortText,
  title: shortText,
  old: modelSourceSchema,
  new: modelSourceSchema,
  keys: z
    .array(z.object({ old: identifier, new: identifier }))
    .min(1)
    .max(32),
  columns: z
    .array(
      z.object({ old: identifier, new: identifier, tolerance: columnToleranceSchema.optional() }),
    )
    .max(1_600),
  nullEqualsNull: z.boolean(),
})
export type ModelDefinition = z.infer<typeof modelDefinitionSchema>

export const paritySettingsSchema = z.object({
  metrics: z.array(metricDefinitionSchema).max(100),
  models: z.array(modelDefinitionSchema).max(100),
  /** Consecutive days every comparison must be green before teardown (default 14). */
  greenDaysRequired: z.number().int().min(1).max(365),
})
export type ParitySettings = z.infer<typeof paritySettingsSchema>

/** A project's parity settings before anything was set up. */
export const emptyParity = (): ParitySettings => ({
  metrics: [],
  models: [],
  greenDaysRequired: DEFAULT_GREEN_DAYS,
})

/**
 * The stored id of a model pair's or a metric's result, `parity.<kind>.<id>` (at most 100
 * characters): one definition, so the engine that records a result and the page, trend and gate
 * that look it up agree, long ids included.
 */
export const comparisonResultId = (kind: 'model' | 'metric', id: string): string =>
  clipText(`parity.${kind}.${id}`, 100)
