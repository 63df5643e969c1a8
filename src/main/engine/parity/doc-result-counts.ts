import { sourceDatabase } from '../../../shared/results/progress-source'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type { ComparisonDetails } from '../../../shared/results/comparison-result'
import type { DocComparisonId } from './doc-classify'
import type { DocResultInput } from './doc-result'
import { liveCount, type UnitDigest } from './doc-units'

/**
 * The counts of a document parity result, side by side: per database (CouchDB's live documents,
 * each pipeline's live rows, deletion stubs), and between the pipelines per database, type, form
 * and month. couch2pg keeps `medic` and `medic-sentinel` in one table, so the two are counted as
 * one database ("medic + medic-sentinel") wherever couch2pg is one of the sides.
 */

type Counts = ComparisonDetails['counts']
/** Count rows stored per result at most (the schema allows 5,000). */
const MAX_ROWS = 4_000

/** The name a database is counted under: its couch2pg table's databases, joined. */
export function labelOf(input: DocResultInput): (db: string) => string {
  const joined = new Map<string, string>()
  for (const u of input.outcome.units) {
    if (u.unit.side !== 'old') continue
    for (const db of u.unit.synced) joined.set(db, u.unit.synced.join(' + '))
  }
  return (db) => joined.get(db) ?? db
}

const stubs = (u: UnitDigest) => u.pg.deleted.reduce((n, s) => n + s, 0)

function breakdown(input: DocResultInput, label: (db: string) => string): Counts {
  if (!input.breakdown) return []
  const tableLabel = new Map<string, string>()
  for (const u of input.outcome.units) {
    if (u.unit.side === 'old') tableLabel.set(u.unit.name, label(u.unit.synced[0] ?? u.unit.name))
  }
  const cells = new Map<string, { group: string[]; old: number; new: number }>()
  const add = (
    side: 'old' | 'new',
    name: string | null,
    row: (typeof input.breakdown.old)[number],
  ) => {
    if (name === null) return
    const group = [name, row.type, row.form, row.month].map((v) => clipText(v, TEXT_LIMITS.short))
    const key = group.join('\u0000')
    let cell = cells.get(key)
    if (!cell) cells.set(key, (cell = { group, old: 0, new: 0 }))
    cell[side] += row.rows
  }
  for (const row of input.breakdown.old) add('old', tableLabel.get(row.group) ?? null, row)
  for (const row of input.breakdown.new) {
    const db = input.scope.new.spec.hasSource ? sourceDatabase(row.group) : null
    add('new', db === null ? null : label(db), row)
  }
  return [...cells.values()]
    .sort(
      (a, b) =>
        a.group[0]!.localeCompare(b.group[0]!) ||
        Math.max(b.old, b.new) - Math.max(a.old, a.new) ||
        a.group.join().localeCompare(b.group.join()),
    )
    .map((c) => ({ group: c.group, old: c.old, new: c.new }))
}

/** The count rows of one comparison's result. */
export function countRows(
  c: DocComparisonId,
  input: DocResultInput,
  label: (db: string) => string,
): Counts {
  const { outcome, scope } = input
  const couch = (dbs: readonly string[]) =>
    dbs.reduce((n, db) => n + (outcome.couchCounts.get(db) ?? 0), 0)
  const units = (side: 'old' | 'new') => outcome.units.filter((u) => u.unit.side === side)
  const rows: Counts = []
  if (c === 'couchdb-chtsync') {
    for (const u of units('new')) {
      rows.push({
        group: [u.unit.name || 'all databases'],
        old: couch(u.unit.synced),
        new: liveCount(u.pg),
      })
      const deleted = u.unit.synced.reduce<number | null>((n, db) => {
        const d = scope.couch.checkpoints.get(db)?.docDelCount
        return n === null || d === null || d === undefined ? null : n + d
      }, 0)
      rows.push({ group: [u.unit.name || 'all databases', 'deleted'], old: deleted, new: stubs(u) })
    }
  } else if (c === 'couchdb-couch2pg') {
    for (const u of units('old')) {
      rows.push({
        group: [label(u.unit.synced[0]!)],
        old: couch(u.unit.synced),
        new: liveCount(u.pg),
      })
    }
  } else {
    const totals = new Map<string, { old: number | null; new: number | null }>()
    const at = (name: string) =>
      totals.get(name) ?? totals.set(name, { old: null, new: null }).get(name)!
    for (const u of units('old')) at(label(u.unit.synced[0]!)).old = liveCount(u.pg)
    for (const u of units('new')) {
      const t = at(label(u.unit.synced[0] ?? u.unit.name))
      t.new = (t.new ?? 0) + liveCount(u.pg)
    }
    for (const [name, t] of totals) rows.push({ group: [name], old: t.old, new: t.new })
    rows.push(...breakdown(input, label))
  }
  return rows.slice(0, MAX_ROWS)
}
