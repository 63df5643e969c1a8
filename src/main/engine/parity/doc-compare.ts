import type pg from 'pg'
import type { JobPhase, JobUnit } from '../../../shared/jobs'
import type { Partial as PartialRun } from '../../../shared/results/common'
import { AppError, isAppError } from '../../../shared/result'
import { readQuery, SESSION_PROFILES, type ReadOptions } from '../db/read-transaction'
import type { CouchSource } from './couch-source'
import { couchDigests } from './doc-couch'
import { drillBatch } from './doc-drill'
import { OrderedRows } from './doc-stream'
import { changedDuringRun, pipelineLag, type PipelineLag } from './doc-lag'
import type { DocScope } from './doc-scope'
import { DocTally, type TallyOutcome } from './doc-tally'
import { compareUnits, liveCount, unitsOf, type StrayGroup, type UnitDigest } from './doc-units'
import { DIGEST_TARGET_SEGMENTS, sampleBoundaries } from './pg-boundaries'
import { hashKindFor, pairHash, type HashKind } from './pg-hash'
import type { RelationSpec } from './pg-relations'
import { drillSegments, segmentDigests, type DrillRow } from './pg-segments'
import { segmentsOf, type SideDigests } from './segment-digest'

/**
 * Document parity, three ways: CouchDB (the source of truth) against couch2pg's tables and CHT
 * Sync's raw table, per CouchDB database.
 *
 * 1. Checkpoints: each database's `update_seq` and each pipeline's backlog and in-flight ids.
 * 2. Digests, concurrently: each PostgreSQL side per segment and group on its server, CouchDB's
 *    `_all_docs` streamed and digested in Node, all over the same segments (code-point order).
 * 3. Drill-down, in batches: only the segments where some unit's digests differ.
 * 4. Documents written during the run are in flight, not differences.
 */

/** Segments wanted: enough that a few differences drill little, few enough to digest cheaply. */
export const TARGET_SEGMENTS = DIGEST_TARGET_SEGMENTS
/** Rows a drill-down batch holds at most (from the digests' counts). */
export const BATCH_ROWS = 50_000

export interface DocCompareInput {
  couch: CouchSource
  pools: { old: pg.Pool; new: pg.Pool }
  scope: DocScope
  signal?: AbortSignal
  samples?: number
  /** Reports progress: phase, unit, done, total, message. */
  progress?: (
    phase: JobPhase,
    unit: JobUnit,
    done: number,
    total: number | null,
    message: string,
  ) => void
  segments?: number
  /** Rows a drill-down batch holds at most (default `BATCH_ROWS`). */
  batchRows?: number
}

export interface DocCompareOutcome {
  tally: TallyOutcome
  units: UnitDigest[]
  strays: StrayGroup[]
  lags: { old: PipelineLag[]; new: PipelineLag[] }
  /** Live documents each CouchDB database listed. */
  couchCounts: Map<string, number>
  partial: PartialRun
  stats: {
    hashKind: HashKind
    segments: number
    differingSegments: number
    methods: string[]
    /** Documents written while the run was under way (in flight for both pipelines). */
    changedDuring: number
  }
}

async function versionNum(pool: pg.Pool, read: ReadOptions): Promise<number> {
  const { rows } = await readQuery<{ v: string }>(
    pool,
    read,
    `SELECT current_setting('server_version_num') AS v`,
  )
  return Number(rows[0]?.v ?? 0)
}

/** The segments to drill, in batches of at most `BATCH_ROWS` rows by the digests' counts. */
function batchesOf(units: readonly UnitDigest[], maxRows: number): number[][] {
  const weight = new Map<number, number>()
  for (const u of units) {
    for (const i of u.differing) {
      const rows = Math.max(u.couch.segments[i]!.count, u.pg.segments[i]!.count + u.pg.deleted[i]!)
      weight.set(i, (weight.get(i) ?? 0) + rows)
    }
  }
  const batches: number[][] = []
  let current: number[] = []
  let rows = 0
  for (const i of [...weight.keys()].sort((a, b) => a - b)) {
    const w = weight.get(i)!
    if (current.length > 0 && rows + w > maxRows) {
      batches.push(current)
      current = []
      rows = 0
    }
    current.push(i)
    rows += w
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** Runs document parity over `input.scope`; see the module comment. */
export async function compareDocuments(input: DocCompareInput): Promise<DocCompareOutcome> {
  const { couch, pools, scope, signal } = input
  const progress = input.progress ?? (() => {})
  const read: ReadOptions = { ...SESSION_PROFILES.scan, ...(signal ? { signal } : {}) }
  const oldSpec: RelationSpec | null = scope.old.spec.tables.length > 0 ? scope.old.spec : null
  const newSpec = scope.new.spec

  progress('reading', 'steps', 0, null, 'Reading each pipeline’s checkpoint and backlog')
  const lagsOld = oldSpec ? await pipelineLag(couch, scope.old.pipeline) : []
  const lagsNew = await pipelineLag(couch, scope.new.pipeline)
  const [vOld, vNew] = await Promise.all([versionNum(pools.old, read), versionNum(pools.new, read)])
  const hashKind: HashKind =
    hashKindFor(vOld) === 'hashtextextended' && hashKindFor(vNew) === 'hashtextextended'
      ? 'hashtextextended'
      : 'md5'
  const target = input.segments ?? TARGET_SEGMENTS
  const boundaries = await sampleBoundaries(pools.new, newSpec, target, read).then(async (b) =>
    b.length > 0 || !oldSpec ? b : sampleBoundaries(pools.old, oldSpec, target, read),
  )

  // Digests, all three sides at once.
  const streamed = [
    ...new Set([...scope.old.pipeline.databases.keys(), ...scope.new.pipeline.databases.keys()]),
  ].filter((db) => scope.couch.checkpoints.has(db))
  const expected = streamed.reduce(
    (n, db) => n + (scope.couch.checkpoints.get(db)?.docCount ?? 0),
    0,
  )
  const readSoFar = new Map<string, number>()
  const hash = pairHash(hashKind)
  progress(
    'hashing',
    'documents',
    0,
    expected || null,
    'Hashing both databases and reading CouchDB',
  )
  // A side that fails stops the others: nothing runs on after the run has ended.
  const stop = new AbortController()
  const digestRead = {
    ...read,
    signal: signal ? AbortSignal.any([signal, stop.signal]) : stop.signal,
  }
  const stopOnFailure = <T>(work: Promise<T>) =>
    work.catch((e: unknown) => {
      stop.abort()
      throw e
    })
  const [oldGroups, newGroups, couchList] = await Promise.all([
    oldSpec
      ? stopOnFailure(segmentDigests(pools.old, oldSpec, boundaries, hashKind, digestRead))
      : Promise.resolve(new Map<string, SideDigests>()),
    stopOnFailure(segmentDigests(pools.new, newSpec, boundaries, hashKind, digestRead)),
    stopOnFailure(
      (async () => {
        const out = new Map<string, SideDigests>()
        for (const db of streamed) {
          const digests = await couchDigests(couch, db, boundaries, hash, (n) => {
            if (stop.signal.aborted)
              throw new AppError('CANCELLED', 'Another side of the comparison failed.')
            readSoFar.set(db, n)
            const done = [...readSoFar.values()].reduce((a, b) => a + b, 0)
            progress('hashing', 'documents', done, expected || null, `Reading ${db} from CouchDB`)
          })
          out.set(db, digests)
        }
        return out
      })(),
    ),
  ])
  const groups = { old: oldGroups, new: newGroups }
  const { units, strays } = unitsOf(scope, groups)
  const digests = compareUnits(units, boundaries, couchList, groups)

  // Drill-down of the differing segments, in batches.
  const tally = new DocTally(input.samples)
  const batches = batchesOf(digests, input.batchRows ?? BATCH_ROWS)
  const methods = new Set<string>()
  let partial: PartialRun = null
  const couchEmpty = (db: string, i: number) => {
    const d = couchList.get(db)
    return d !== undefined && d.segments[i]!.count === 0
  }
  const ctx = {
    couch,
    boundaries,
    units,
    lags: {
      old: new Map(lagsOld.map((l) => [l.database, l])),
      new: new Map(lagsNew.map((l) => [l.database, l])),
    },
    couchEmpty,
  }
  const differingTotal = batches.reduce((n, b) => n + b.length, 0)
  const chosen = batches.flat()
  // One drill-down per side, ordered by id, read a batch at a time: one pass (or one set of
  // index ranges) per side however many batches, and memory for about one batch.
  const unbounded = { maxRows: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER }
  const stream = (spec: RelationSpec | null, pool: pg.Pool) =>
    new OrderedRows<DrillRow>((push) =>
      spec === null || chosen.length === 0
        ? Promise.resolve()
        : drillSegments(pool, spec, boundaries, chosen, push, {
            ...read,
            ordered: true,
            budget: { ...unbounded, batchRows: 5_000 },
          }).then((outcome) => methods.add(outcome.method)),
    )
  const streams = { old: stream(oldSpec, pools.old), new: stream(newSpec, pools.new) }
  const segments = segmentsOf(boundaries)
  let drilled = 0
  try {
    for (const batch of batches) {
      if (signal?.aborted) throw new AppError('CANCELLED', 'The comparison was cancelled.')
      progress('merging', 'steps', drilled, differingTotal, 'Comparing the segments that differ')
      const hi = segments[batch[batch.length - 1]!]!.hi
      const rows = {
        old: await streams.old.takeBelow(hi),
        new: await streams.new.takeBelow(hi),
      }
      tally.add(await drillBatch(ctx, batch, rows))
      drilled += batch.length
    }
  } catch (e) {
    // A cancel or a lost connection during the drill-down keeps what was found, labelled partial.
    if (!isAppError(e)) throw e
    partial = {
      reason: e.code === 'CANCELLED' ? 'cancelled' : e.code === 'TIMEOUT' ? 'timeout' : 'failed',
      note: `stopped after ${drilled} of ${differingTotal} differing segments: ${e.message}`.slice(
        0,
        900,
      ),
    }
  } finally {
    streams.old.close()
    streams.new.close()
    await Promise.all([streams.old.done, streams.new.done])
  }

  progress('finishing', 'steps', drilled, differingTotal, 'Checking what changed during the run')
  const during = new Map<string, Set<string>>()
  if (partial === null) {
    for (const db of streamed) {
      const start = scope.couch.checkpoints.get(db)!
      const changed = await changedDuringRun(couch, db, start)
      during.set(db, changed.ids)
      if (!changed.complete) {
        partial = {
          reason: 'failed',
          note: `more documents of ${db} changed during the run than could be read`,
        }
      }
    }
  }
  const couchCounts = new Map([...couchList].map(([db, d]) => [db, liveCount(d)]))
  const tallied = tally.finish(during)
  if (!tallied.exact && partial === null) {
    partial = {
      reason: 'budget',
      note: 'documents written during the run may be among the differences counted: there were too many differences to tell them apart',
    }
  }
  return {
    tally: tallied,
    units: digests,
    strays,
    lags: { old: lagsOld, new: lagsNew },
    couchCounts,
    partial,
    stats: {
      hashKind,
      segments: boundaries.length + 1,
      differingSegments: differingTotal,
      methods: [...methods],
      changedDuring: [...during.values()].reduce((n, s) => n + s.size, 0),
    },
  }
}
