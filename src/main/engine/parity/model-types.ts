import type pg from 'pg'
import type { EndpointId } from '../../../shared/project-schema'
import type { Partial as PartialRun } from '../../../shared/results/common'
import type { ComparisonDetails } from '../../../shared/results/comparison-result'

/**
 * The vocabulary of model parity: an old object (couch2pg view, materialised view, table or a
 * query) compared with a new one (a cht-pipeline or custom dbt model, or a query), usually on two
 * servers, by key columns and a column mapping with per-column tolerances.
 */

/** What one side compares: a relation by schema and name, or a read query a person typed. */
export type ModelSource =
  { kind: 'relation'; schema: string; name: string } | { kind: 'query'; sql: string }

/** One side of a model comparison: where it is read from and what is read. */
export interface ModelSide {
  /** The read-only pool of the side's database (engine/db `PostgresPools`). */
  pool: pg.Pool
  /** How the side is named in messages: `old (couch2pg)`. */
  label: string
  endpoint: EndpointId | null
  source: ModelSource
}

/** How a value of a type compares: the kinds tolerances apply to. */
export type ColumnKind = 'number' | 'time' | 'text' | 'other'

/** A column of a side, from `pg`'s field description and the catalog's `format_type`. */
export interface SideColumn {
  name: string
  /** `timestamp without time zone`, `numeric(10,2)`, `text`… */
  type: string
  kind: ColumnKind
  /** The type's name in `pg_type` (`timestamp`, `timestamptz`, `date`, `int4`…). */
  typeName: string
}

/** A column of the old side paired with a column of the new side. */
export interface ColumnPair {
  old: string
  new: string
}

export const TIME_UNITS = ['second', 'minute', 'hour', 'day'] as const
export type TimeUnit = (typeof TIME_UNITS)[number]

/**
 * What counts as equal for one mapped column. Numbers: within `absolute` or within `relative`
 * (a share of the larger magnitude), either suffices. Times: truncated to `unit` in `timeZone`,
 * which is also the zone a `timestamp without time zone` or `date` is read in (default UTC).
 * Text: `trim` removes surrounding spaces, `ignoreCase` folds case (each server's `lower()`).
 */
export interface ColumnTolerance {
  absolute?: number
  relative?: number
  unit?: TimeUnit
  timeZone?: string
  trim?: boolean
  ignoreCase?: boolean
}

/** A mapped column with its tolerance. */
export interface MappedColumn extends ColumnPair {
  tolerance?: ColumnTolerance
}

/** What to compare and how. */
export interface ModelCompareInput {
  old: ModelSide
  new: ModelSide
  /** Key columns, in order; a row is identified by their text values. */
  keys: ColumnPair[]
  /** The columns compared (keys left out). */
  columns: MappedColumn[]
  /** Both null counts as agreement (default true); false reports them as differences. */
  nullEqualsNull?: boolean
}

/** Limits and controls of one run. */
export interface ModelCompareOptions {
  /** Each statement's server-side timeout (default: the scan profile, 10 minutes). */
  statementTimeoutMs?: number
  signal?: AbortSignal
  /** Samples kept per class of difference (default 20). */
  sampleLimit?: number
  /** Key buckets digested per side, a power of two (default: from the planner's row estimate). */
  buckets?: number
}

/** How the work went: what was digested, what was drilled into, what crossed the network. */
export interface ModelCompareStats {
  buckets: number
  differingBuckets: number
  /** Rows fetched into Node by the drill-down, per side. */
  rowsFetched: { old: number; new: number }
  /** True when relative tolerances forced every bucket to be drilled into. */
  drilledAll: boolean
  durationMs: number
}

/** The outcome of a model comparison: stored details, whether it is partial, and its stats. */
export interface ModelCompareResult {
  details: ComparisonDetails
  partial: PartialRun
  stats: ModelCompareStats
}
