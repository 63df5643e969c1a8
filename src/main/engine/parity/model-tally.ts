import type { Scalar } from '../../../shared/results/common'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type {
  ColumnFigures,
  ComparisonDetails,
  DifferenceClass,
} from '../../../shared/results/comparison-result'
import type { ResolvedPair } from './model-schema'
import { isRelative, pairKind } from './model-sql'
import type { MappedColumn } from './model-types'

/** A drill-down row: key images `k0…`, column images `v0…` and raw texts `r0…` (see `drillSql`). */
export type DrillRow = Record<string, string | null>

/** `k0`, `k1`…: field names made once, not per row. */
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`)
const V = names('v', 1_600)
const R = names('r', 1_600)
const K = names('k', 32)

/** The raw text of column `i` of a drill-down row: sent only where it differs from the image. */
const raw = (row: DrillRow, i: number): string | null =>
  row[R[i] as string] ?? row[V[i] as string] ?? null

type Difference = ComparisonDetails['differences'][number]
type Sample = Difference['samples'][number]

/** The columns of a drill-down row that hold its key. */
export const drillKey = (row: DrillRow, keys: number): (string | null)[] =>
  keys === 1 ? [row.k0 ?? null] : K.slice(0, keys).map((name) => row[name] ?? null)

const line = (text: string) => clipText(text, TEXT_LIMITS.line)
const shown = (value: string | null | undefined): Scalar =>
  value === null || value === undefined ? null : line(value)

/** Words for a tolerance, as stored with the column's figures. */
export function toleranceText(column: ResolvedPair<MappedColumn>): string {
  const t = column.pair.tolerance ?? {}
  const kind = pairKind(column)
  const parts: string[] = []
  if (kind === 'number' && t.absolute) parts.push(`abs ${t.absolute}`)
  if (kind === 'number' && t.relative) parts.push(`rel ${t.relative}`)
  if (kind === 'time' && t.unit) parts.push(t.unit)
  if (kind === 'time' && t.timeZone) parts.push(`in ${t.timeZone}`)
  if (kind === 'text' && t.trim) parts.push('trim')
  if (kind === 'text' && t.ignoreCase) parts.push('case')
  return clipText(parts.join(', '), TEXT_LIMITS.short)
}

/** True when two non-null values of a number column are within its tolerance. */
function withinNumbers(column: ResolvedPair<MappedColumn>, a: string, b: string): boolean {
  const t = column.pair.tolerance ?? {}
  const x = Number(a)
  const y = Number(b)
  if (!Number.isFinite(x) || !Number.isFinite(y)) return a === b
  const gap = Math.abs(x - y)
  // A hair of slack for binary floating point: 0.3 - 0.2 is 0.09999999999999998.
  const slack = 1e-12 * Math.max(1, Math.abs(x), Math.abs(y))
  if ((t.absolute ?? 0) > 0 && gap <= (t.absolute ?? 0) + slack) return true
  return (
    (t.relative ?? 0) > 0 && gap <= (t.relative ?? 0) * Math.max(Math.abs(x), Math.abs(y)) + slack
  )
}

/**
 * Counts what the comparison finds: per mapped column dbt-audit-helper's categories, and the
 * classes of difference with at most `sampleLimit` samples each (values clipped to a line).
 */
export class ModelTally {
  readonly figures: ColumnFigures[]
  private readonly classes = new Map<DifferenceClass, Difference>()
  private readonly relative: boolean[]

  constructor(
    private readonly keys: number,
    private readonly columns: ResolvedPair<MappedColumn>[],
    private readonly sampleLimit: number,
    private readonly nullEqualsNull: boolean,
  ) {
    this.figures = columns.map((c) => ({
      old: c.pair.old,
      new: c.pair.new,
      tolerance: toleranceText(c),
      perfectMatch: 0,
      bothNull: 0,
      nullOneSide: 0,
      conflict: 0,
    }))
    this.relative = columns.map(isRelative)
  }

  /** A bucket whose digests agree: every row matched, nulls as counted on the server. */
  addAgreeingBucket(rows: number, nulls: readonly number[]): void {
    this.figures.forEach((figure, i) => {
      const z = nulls[i] ?? 0
      figure.bothNull += z
      figure.perfectMatch += rows - z
      if (!this.nullEqualsNull && z > 0) this.note('value_conflict', z)
    })
  }

  /** Both sides have the key: each column is put in its category. */
  both(old: DrillRow, next: DrillRow): void {
    this.figures.forEach((figure, i) => {
      const a = old[V[i] as string] ?? null
      const b = next[V[i] as string] ?? null
      const column = this.columns[i] as ResolvedPair<MappedColumn>
      if (a === null && b === null) {
        figure.bothNull++
        if (!this.nullEqualsNull) this.add('value_conflict', old, next, i, 'both null')
      } else if (a === null || b === null) {
        figure.nullOneSide++
        this.add('null_one_side', old, next, i, null)
      } else if (a === b && !this.relative[i]) {
        figure.perfectMatch++
      } else if (
        pairKind(column) === 'number' &&
        withinNumbers(column, raw(old, i) ?? a, raw(next, i) ?? b)
      ) {
        figure.perfectMatch++
      } else {
        figure.conflict++
        this.add('value_conflict', old, next, i, null)
      }
    })
  }

  onlyOld(row: DrillRow): void {
    this.push('missing_in_new', { key: this.keyText(row), old: 'present', new: null, note: null })
  }

  onlyNew(row: DrillRow): void {
    this.push('extra_in_new', { key: this.keyText(row), old: null, new: 'present', note: null })
  }

  /** A key found `times` times on one side (from the duplicate probe). */
  duplicate(side: 'old' | 'new', key: (string | null)[], times: number): void {
    const count: Scalar = times
    this.push('duplicate_id', {
      key: this.joinKey(key),
      old: side === 'old' ? count : null,
      new: side === 'new' ? count : null,
      note: line(`The key is not unique on the ${side} side: ${times} rows share it.`),
    })
  }

  /** Adds to a class's count without a sample. */
  note(cls: DifferenceClass, count: number): void {
    this.entry(cls).count += count
  }

  /** The classes found, in the order of `DIFFERENCE_CLASSES` they were first met. */
  differences(): Difference[] {
    return [...this.classes.values()].filter((d) => d.count > 0)
  }

  private add(cls: DifferenceClass, old: DrillRow, next: DrillRow, i: number, note: string | null) {
    const figure = this.figures[i] as ColumnFigures
    const column = `${figure.old} → ${figure.new}`
    this.push(cls, {
      key: this.keyText(old),
      old: shown(raw(old, i)),
      new: shown(raw(next, i)),
      note: line(note ? `${column}: ${note}` : column),
    })
  }

  private push(cls: DifferenceClass, sample: Sample) {
    const entry = this.entry(cls)
    entry.count++
    if (entry.samples.length < this.sampleLimit) entry.samples.push(sample)
  }

  private entry(cls: DifferenceClass): Difference {
    let entry = this.classes.get(cls)
    if (!entry) {
      entry = { class: cls, count: 0, samples: [] }
      this.classes.set(cls, entry)
    }
    return entry
  }

  private keyText(row: DrillRow) {
    return this.joinKey(drillKey(row, this.keys))
  }

  private joinKey(key: (string | null)[]) {
    return line(key.map((part) => part ?? '∅').join(' | '))
  }
}
