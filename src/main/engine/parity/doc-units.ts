import { sourceDatabase } from '../../../shared/results/progress-source'
import { couch2pgTableOf, type DocScope } from './doc-scope'
import { differingSegments, emptyDigests, type SideDigests } from './segment-digest'

/**
 * The units document parity compares digests on: a PostgreSQL group of rows (a couch2pg table,
 * the CHT Sync rows of one source database) against the CouchDB databases whose documents it
 * should hold. couch2pg's `couchdb` table holds `medic` and `medic-sentinel` together, so its
 * unit expects the two databases' documents summed; CHT Sync's raw table says which database a
 * row came from, so each database is a unit of its own.
 */

export interface Unit {
  side: 'old' | 'new'
  /** The table (old) or the database (new) it stands for. */
  name: string
  /** The PostgreSQL groups whose rows the unit holds. */
  groups: string[]
  /** The CouchDB databases the pipeline copies into it: their documents are expected. */
  synced: string[]
  /** The CouchDB databases a row of the unit may come from (attribution by membership). */
  candidates: string[]
}

/** Rows of a PostgreSQL group that belong to no compared database. */
export interface StrayGroup {
  side: 'old' | 'new'
  group: string
  /** Live rows and deletion stubs. */
  rows: number
  why: string
}

const liveRows = (d: SideDigests) => d.segments.reduce((n, s) => n + s.count, 0)
const allRows = (d: SideDigests) => liveRows(d) + d.deleted.reduce((n, s) => n + s, 0) + d.unkeyed

/** Sums digests (modulo 2^64 for the hashes) into a new one. */
export function sumDigests(boundaries: readonly string[], parts: readonly SideDigests[]) {
  const out = emptyDigests(boundaries)
  const mask = (1n << 64n) - 1n
  for (const part of parts) {
    part.segments.forEach((s, i) => {
      const t = out.segments[i]!
      t.count += s.count
      t.hash = (t.hash + s.hash) & mask
    })
    part.deleted.forEach((n, i) => (out.deleted[i]! += n))
    out.unkeyed += part.unkeyed
  }
  return out
}

/** The units of a run, and the groups that fit none, from the scope and the groups found. */
export function unitsOf(
  scope: DocScope,
  groups: { old: ReadonlyMap<string, SideDigests>; new: ReadonlyMap<string, SideDigests> },
): { units: Unit[]; strays: StrayGroup[] } {
  const units: Unit[] = []
  const strays: StrayGroup[] = []
  const present = [...scope.couch.checkpoints.keys()]
  const oldSynced = [...scope.old.pipeline.databases.keys()]
  const unreadableOf = (table: string) =>
    [...scope.couch.unreadable.keys()].find((db) => couch2pgTableOf(db) === table)
  for (const table of scope.old.spec.tables) {
    const synced = oldSynced.filter((db) => couch2pgTableOf(db) === table)
    const candidates = [
      ...new Set([...synced, ...present.filter((db) => couch2pgTableOf(db) === table)]),
    ]
    const digests = groups.old.get(table)
    if (synced.length > 0)
      units.push({ side: 'old', name: table, groups: [table], synced, candidates })
    else if (digests && allRows(digests) > 0) {
      strays.push({
        side: 'old',
        group: table,
        rows: allRows(digests),
        why: unreadableOf(table)
          ? `CouchDB’s ${unreadableOf(table)} could not be read with this user, so it was not compared`
          : `couch2pg no longer copies the database(s) of ${table}: its progress names none of them`,
      })
    }
  }
  const newSynced = [...scope.new.pipeline.databases.keys()]
  if (!scope.new.spec.hasSource) {
    if (newSynced.length > 0) {
      units.push({ side: 'new', name: '', groups: [''], synced: newSynced, candidates: newSynced })
    }
    return { units, strays }
  }
  const byDb = new Map<string, string[]>(newSynced.map((db) => [db, []]))
  for (const [group, digests] of groups.new) {
    const db = sourceDatabase(group)
    const list = db === null ? undefined : byDb.get(db)
    if (list) list.push(group)
    else {
      strays.push({
        side: 'new',
        group,
        rows: allRows(digests),
        why:
          db === null
            ? 'the rows name no database in their source'
            : scope.couch.absent.includes(db)
              ? `CouchDB has no database “${db}”`
              : scope.couch.unreadable.has(db)
                ? `CouchDB’s ${db} could not be read with this user, so it was not compared`
                : `CHT Sync’s progress names no database “${db}”`,
      })
    }
  }
  for (const [db, list] of byDb) {
    units.push({ side: 'new', name: db, groups: list, synced: [db], candidates: [db] })
  }
  return { units, strays }
}

/** A unit's comparison: its digests and CouchDB's, and the segments where they differ. */
export interface UnitDigest {
  unit: Unit
  couch: SideDigests
  pg: SideDigests
  differing: number[]
}

/** Compares each unit's PostgreSQL digests with the sum of its databases' CouchDB digests. */
export function compareUnits(
  units: readonly Unit[],
  boundaries: readonly string[],
  couch: ReadonlyMap<string, SideDigests>,
  groups: { old: ReadonlyMap<string, SideDigests>; new: ReadonlyMap<string, SideDigests> },
): UnitDigest[] {
  return units.map((unit) => {
    const expected = sumDigests(
      boundaries,
      unit.synced.map((db) => couch.get(db) ?? emptyDigests(boundaries)),
    )
    const held = sumDigests(
      boundaries,
      unit.groups.flatMap((g) => groups[unit.side].get(g) ?? []),
    )
    return { unit, couch: expected, pg: held, differing: differingSegments(expected, held) }
  })
}

/** Live rows of a digest (its segments' counts). */
export const liveCount = liveRows
