import type { SideHolding } from './classify-docs'
import { lookup, type CouchSource, type LookupEntry } from './couch-source'
import { couchRange } from './doc-couch'
import { classifyHoldings, type DocVerdict } from './doc-classify'
import type { PipelineLag } from './doc-lag'
import type { Unit } from './doc-units'
import type { DrillRow } from './pg-segments'
import { segmentRanges } from './segment-digest'

/**
 * The drill-down of document parity, one batch of segments where some unit's digests differ at a
 * time: both PostgreSQL sides' rows of those segments, CouchDB's live documents of the same
 * ranges, a lookup of the ids CouchDB does not list as live (deleted, or never there), and the
 * verdicts.
 */

export interface DrillContext {
  couch: CouchSource
  boundaries: readonly string[]
  units: readonly Unit[]
  /** In-flight ids per pipeline and database. */
  lags: { old: ReadonlyMap<string, PipelineLag>; new: ReadonlyMap<string, PipelineLag> }
  /** CouchDB databases with no live document in a segment (from their digests) are not read. */
  couchEmpty: (db: string, segment: number) => boolean
}

/**
 * Classifies every id of one batch of segments: `rows` are both PostgreSQL sides' rows of those
 * segments (read by the caller from one ordered drill-down per side), CouchDB's live documents of
 * the same ranges are read here, then the ids CouchDB does not list as live are looked up.
 */
export async function drillBatch(
  ctx: DrillContext,
  batch: readonly number[],
  rows: { old: readonly DrillRow[]; new: readonly DrillRow[] },
): Promise<DocVerdict[]> {
  const couchDbs = [...new Set(ctx.units.flatMap((u) => u.candidates))]
  // CouchDB's live documents of the batch's ranges, per candidate database.
  const live = new Map<string, Map<string, string>>()
  for (const db of couchDbs) {
    const map = new Map<string, string>()
    const wanted = batch.filter((i) => !ctx.couchEmpty(db, i))
    // Adjacent segments joined, so CouchDB is asked once per run of them.
    for (const range of segmentRanges(ctx.boundaries, wanted)) {
      for (const [id, rev] of await couchRange(ctx.couch, db, range)) map.set(id, rev)
    }
    live.set(db, map)
  }

  // Which unit a PostgreSQL row belongs to: by side and group.
  const unitOf = new Map<string, Unit>()
  for (const u of ctx.units) for (const g of u.groups) unitOf.set(`${u.side}\u0000${g}`, u)

  // Each PostgreSQL row with the unit its side and group belong to (rows of no unit are strays).
  const placed = (['old', 'new'] as const).flatMap((side) =>
    rows[side].flatMap((row) => {
      const unit = unitOf.get(`${side}\u0000${row.group}`)
      return unit ? [{ side, row, unit }] : []
    }),
  )

  // Live rows CouchDB does not list as live: ask each candidate database what it knows.
  const ask = new Map<string, Set<string>>()
  for (const { row, unit } of placed) {
    if (row.deleted || unit.candidates.some((db) => live.get(db)?.has(row.id))) continue
    for (const db of unit.candidates) (ask.get(db) ?? ask.set(db, new Set()).get(db)!).add(row.id)
  }
  const known = new Map<string, Map<string, LookupEntry>>()
  for (const [db, ids] of ask) known.set(db, await lookup(ctx.couch, db, [...ids]))

  const couchOf = (db: string, id: string): { rev: string; deleted: boolean } | null => {
    const rev = live.get(db)?.get(id)
    if (rev !== undefined) return { rev, deleted: false }
    return known.get(db)?.get(id) ?? null
  }
  /** The database a row is attributed to: where CouchDB holds the id, live first. */
  const attribute = (unit: Unit, id: string): string =>
    unit.candidates.find((db) => live.get(db)?.has(id)) ??
    unit.candidates.find((db) => known.get(db)?.has(id)) ??
    unit.synced[0] ??
    unit.candidates[0]!

  // (database, id) → each side's rows.
  const cells = new Map<string, { db: string; id: string; old: SideHolding; new: SideHolding }>()
  const cell = (db: string, id: string) => {
    const key = `${db}\u0000${id}`
    let c = cells.get(key)
    if (!c) cells.set(key, (c = { db, id, old: { rows: [] }, new: { rows: [] } }))
    return c
  }
  for (const [db, map] of live) for (const id of map.keys()) cell(db, id)
  for (const { side, row, unit } of placed) {
    cell(attribute(unit, row.id), row.id)[side].rows.push({ rev: row.rev, deleted: row.deleted })
  }
  const syncs = (side: 'old' | 'new', db: string) =>
    ctx.units.some((u) => u.side === side && u.synced.includes(db))
  const verdicts: DocVerdict[] = []
  for (const c of cells.values()) {
    const oldSyncs = syncs('old', c.db)
    const newSyncs = syncs('new', c.db)
    if (!oldSyncs && !newSyncs) continue
    verdicts.push(
      ...classifyHoldings({
        id: c.id,
        database: c.db,
        couch: couchOf(c.db, c.id),
        old: oldSyncs ? c.old : null,
        new: newSyncs ? c.new : null,
        inFlight: {
          old: ctx.lags.old.get(c.db)?.inFlight.has(c.id) === true,
          new: ctx.lags.new.get(c.db)?.inFlight.has(c.id) === true,
        },
      }),
    )
  }
  return verdicts
}
