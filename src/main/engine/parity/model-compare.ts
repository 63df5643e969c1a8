import { AppError } from '../../../shared/result'
import { clipText, TEXT_LIMITS, type Partial as PartialRun } from '../../../shared/results/common'
import {
  comparisonDetailsSchema,
  type ComparisonDetails,
  type SchemaComparison,
} from '../../../shared/results/comparison-result'
import { drillDown } from './model-drill'
import { digestSide, duplicatesOf, type BucketDigest } from './model-digest'
import { compareSchemas, resolveMapping } from './model-schema'
import { describeSide, estimatedRows, fromItem, sideReadOptions, sourceName } from './model-side'
import { isRelative } from './model-sql'
import { ModelTally } from './model-tally'
import type {
  ModelCompareInput,
  ModelCompareOptions,
  ModelCompareResult,
  ModelCompareStats,
  ModelSide,
} from './model-types'

/** Samples kept per class of difference unless the caller asks for another number (at most 100). */
export const DEFAULT_SAMPLE_LIMIT = 20
const MAX_SAMPLES = 100
/** The digest's bucket count: about `ROWS_PER_BUCKET` rows each, a power of two in these bounds. */
export const BUCKET_BOUNDS = { min: 256, max: 65_536 } as const
const ROWS_PER_BUCKET = 16

/**
 * Buckets for a side of about `rows` rows. Fewer rows per bucket means less to drill into around
 * each difference, but a larger digest to send and sort: 16 keeps both small up to a million
 * rows, past which buckets grow (the drill-down then reads more rows per difference).
 */
export function bucketsFor(rows: number): number {
  const wanted = Math.max(1, Math.ceil(rows / ROWS_PER_BUCKET))
  const power = 2 ** Math.ceil(Math.log2(wanted))
  return Math.min(BUCKET_BOUNDS.max, Math.max(BUCKET_BOUNDS.min, power))
}

/**
 * Compares an old object with a new one across two servers (model parity, issue 8 point 2).
 *
 * 1. Both sides are described (`LIMIT 0`); user queries pass the read-only gate first, both
 *    before anything is sent. The mapping is checked against the columns (`BAD_REQUEST`).
 * 2. Each server digests its side by key bucket (the low bits of a 64-bit hash of the key image):
 *    row count, the sum of a 64-bit hash of the normalised row image, nulls per column. Keys that
 *    occur twice are probed on each side (skipped when a unique index covers exactly the key).
 * 3. Only the buckets whose digests differ are read, through cursors in byte order of the key
 *    (`COLLATE "C"`, whatever either database's collation), and merged in Node. A relative
 *    tolerance cannot be hashed: then every bucket is read.
 *
 * Exact: row counts, keys only on one side, duplicated keys (their number; samples of the most
 * repeated), and every per-column category, for rows read in the drill-down, and for agreeing
 * buckets too (their null counts come from the server). The one inexactness is a hash collision:
 * two different multisets of row images in one bucket with equal counts and equal 64-bit sums
 * (about 2^-64 per differing bucket), which would count their rows as matches. Case folding uses
 * each server's `lower()`, so it is the same on both only when their locales agree beyond ASCII.
 * Where a key is not unique (reported as `duplicate_id`), only the first row of each repeated key
 * is compared in the drill-down, so the column figures of those keys' rows are indicative.
 *
 * Failures name the side: `SQL_REFUSED` (a query that writes), `TIMEOUT`, `NOT_FOUND`,
 * `BAD_REQUEST`. A cancel rejects with `CANCELLED` whose `details.partial` holds what was found so
 * far (a `ModelCompareResult` labelled partial), when the run got past describing the sides.
 */
export async function compareModels(
  input: ModelCompareInput,
  options: ModelCompareOptions = {},
): Promise<ModelCompareResult> {
  const started = Date.now()
  if (options.buckets !== undefined) checkedBuckets(options.buckets)
  checkTolerances(input)
  const sampleLimit = Math.max(
    0,
    Math.min(MAX_SAMPLES, options.sampleLimit ?? DEFAULT_SAMPLE_LIMIT),
  )
  // Stops the other side's statements when one fails, so nothing runs on after the run ended.
  const stop = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal
  const read = sideReadOptions(options.statementTimeoutMs, signal)
  // Both gates before either server hears anything.
  const [fromOld, fromNew] = [await fromItem(input.old), await fromItem(input.new)]
  const [oldColumns, newColumns, oldRows, newRows] = await allOrStop(
    [
      describeSide(input.old, read),
      describeSide(input.new, read),
      options.buckets ? null : estimatedRows(input.old, read),
      options.buckets ? null : estimatedRows(input.new, read),
    ] as const,
    stop,
  )
  const buckets = options.buckets ?? bucketsFor(Math.max(oldRows ?? 0, newRows ?? 0))
  const schema = compareSchemas(oldColumns, newColumns)
  const { keys, columns } = resolveMapping(input, oldColumns, newColumns)
  const tally = new ModelTally(keys.length, columns, sampleLimit, input.nullEqualsNull ?? true)
  const drillAll = columns.some(isRelative)
  const stats: ModelCompareStats = {
    buckets,
    differingBuckets: 0,
    rowsFetched: { old: 0, new: 0 },
    drilledAll: drillAll,
    durationMs: 0,
  }
  const rows = { old: 0, new: 0 }
  const finish = (partial: PartialRun): ModelCompareResult => {
    stats.durationMs = Date.now() - started
    return { details: details(input, schema, tally, rows), partial, stats }
  }
  try {
    const plan = { keys, columns, buckets, read, sampleLimit }
    const [digestOld, digestNew, dupOld, dupNew] = await allOrStop(
      [
        digestSide(input.old, fromOld, 'old', plan),
        digestSide(input.new, fromNew, 'new', plan),
        duplicatesOf(input.old, fromOld, 'old', plan),
        duplicatesOf(input.new, fromNew, 'new', plan),
      ] as const,
      stop,
    )
    for (const [side, found] of [
      ['old', dupOld],
      ['new', dupNew],
    ] as const) {
      for (const { key, times } of found.samples) tally.duplicate(side, key, times)
      tally.note('duplicate_id', Math.max(0, found.keys - found.samples.length))
    }
    rows.old = total(digestOld)
    rows.new = total(digestNew)
    const differing = differingBuckets(digestOld, digestNew, drillAll ? null : tally)
    stats.differingBuckets = differing.length
    let partial: PartialRun = null
    if (drillAll || differing.length > 0) {
      const drilled = await drillDown(
        {
          sides: {
            old: { side: input.old, from: fromOld },
            new: { side: input.new, from: fromNew },
          },
          keys,
          columns,
          buckets,
          only: drillAll ? null : differing,
          statementTimeoutMs: options.statementTimeoutMs,
          signal: options.signal,
        },
        tally,
      )
      stats.rowsFetched = drilled.fetched
      partial = drilled.partial
    }
    return finish(partial)
  } catch (e) {
    if (e instanceof AppError && e.code === 'CANCELLED') {
      const partial = finish({
        reason: 'cancelled',
        note: 'The comparison was cancelled; the figures cover only what was compared before.',
      })
      throw new AppError(
        'CANCELLED',
        'The model comparison was cancelled; its servers stopped too.',
        {
          partial,
        },
      )
    }
    throw e
  }
}

/** `Promise.all`, except that a failure stops the others' statements and waits for them to end. */
async function allOrStop<T extends readonly unknown[]>(
  tasks: T,
  stop: AbortController,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  try {
    return await Promise.all(tasks)
  } catch (e) {
    stop.abort()
    await Promise.allSettled(tasks)
    throw e
  }
}

const total = (digest: Map<number, BucketDigest>) =>
  [...digest.values()].reduce((sum, d) => sum + d.rows, 0)

/**
 * The buckets whose digests differ, in order; each agreeing bucket is counted into `tally` as
 * matches (unless `tally` is null: every bucket is drilled into anyway).
 */
function differingBuckets(
  old: Map<number, BucketDigest>,
  next: Map<number, BucketDigest>,
  tally: ModelTally | null,
): number[] {
  const differing: number[] = []
  for (const bucket of new Set([...old.keys(), ...next.keys()])) {
    const a = old.get(bucket)
    const b = next.get(bucket)
    if (a && b && a.rows === b.rows && a.hash === b.hash) tally?.addAgreeingBucket(a.rows, a.nulls)
    else differing.push(bucket)
  }
  return differing.sort((x, y) => x - y)
}

function checkedBuckets(buckets: number): number {
  if (
    !Number.isInteger(buckets) ||
    buckets < 1 ||
    buckets > 2 ** 20 ||
    (buckets & (buckets - 1)) !== 0
  ) {
    throw new AppError(
      'BAD_REQUEST',
      'The number of buckets must be a power of two up to 1,048,576.',
    )
  }
  return buckets
}

function checkTolerances(input: ModelCompareInput) {
  for (const column of input.columns) {
    const t = column.tolerance ?? {}
    for (const [name, value] of [
      ['absolute', t.absolute],
      ['relative', t.relative],
    ] as const) {
      if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
        throw new AppError(
          'BAD_REQUEST',
          `The ${name} tolerance of “${column.old}” must be a number of zero or more.`,
        )
      }
    }
  }
}

const short = (text: string) => clipText(text, TEXT_LIMITS.short)
const sideShape = (side: ModelSide) => ({
  label: short(side.label),
  endpoint: side.endpoint,
  relation: short(sourceName(side.source)),
})

function details(
  input: ModelCompareInput,
  schema: SchemaComparison,
  tally: ModelTally,
  rows: { old: number; new: number },
): ComparisonDetails {
  return comparisonDetailsSchema.parse({
    kind: 'comparison',
    mode: 'model',
    old: sideShape(input.old),
    new: sideShape(input.new),
    counts: [{ group: ['rows'], old: rows.old, new: rows.new }],
    differences: tally.differences(),
    checkpoints: [],
    keys: input.keys.map((k) => ({ old: short(k.old), new: short(k.new) })),
    columns: tally.figures,
    schema,
  })
}
