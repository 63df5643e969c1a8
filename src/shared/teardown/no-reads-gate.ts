import type { ProjectDocument } from '../project-schema'
import { countOf, dayOf, gate, type TeardownGate } from './gate-types'
import type { UsageSnapshot } from './teardown-settings'

const TITLE = 'Nothing reads the couch2pg database any more'
const DAY_MS = 86_400_000
/** Relations listed by name when reads are found. */
const TOP = 5

type Counters = UsageSnapshot['relations'][string]

const readsOf = (c: Counters | undefined): number =>
  (c?.seqScans ?? 0) + (c?.idxScans ?? 0) + (c?.statementCalls ?? 0)

/** The latest snapshot and the newest one at least `quietDays` older than it, or null. */
export function quietWindow(
  snapshots: readonly UsageSnapshot[],
  quietDays: number,
): { before: UsageSnapshot; after: UsageSnapshot } | null {
  const sorted = [...snapshots].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt))
  const after = sorted.at(-1)
  if (!after) return null
  const cutoff = Date.parse(after.takenAt) - quietDays * DAY_MS
  const before = sorted.filter((s) => Date.parse(s.takenAt) <= cutoff).at(-1)
  return before ? { before, after } : null
}

/**
 * Gate (d): between the latest usage snapshot and the newest one at least `quietDays` older,
 * no relation of the couch2pg database was read (its sequential scans + index scans + calls of
 * statements naming it did not grow; a relation absent from the older snapshot counts from 0).
 * Unknown when there are not two such snapshots, or the statistics were reset in between
 * (`statsReset` differs), which makes the difference meaningless.
 */
export function noReadsGate(document: ProjectDocument): TeardownGate {
  const { snapshots, quietDays } = document.teardown
  const window = quietWindow(snapshots, quietDays)
  const takeRemedy = `Take a usage snapshot on the Teardown step now and another at least ${countOf(quietDays, 'day')} later.`
  if (!window) {
    const evidence =
      snapshots.length === 0
        ? ['No usage snapshot of the couch2pg database was taken yet.']
        : [
            `${countOf(snapshots.length, 'usage snapshot')}, none ${countOf(quietDays, 'day')} older than the latest.`,
          ]
    return gate('no-reads', TITLE, 'unknown', evidence, takeRemedy)
  }
  const { before, after } = window
  const span = `between ${dayOf(before.takenAt)} and ${dayOf(after.takenAt)}`
  if (before.statsReset !== after.statsReset) {
    return gate(
      'no-reads',
      TITLE,
      'unknown',
      [`The server's statistics were reset ${span} (now since ${after.statsReset ?? 'unknown'}).`],
      takeRemedy,
    )
  }
  const grew = Object.entries(after.relations)
    .map(([key, c]) => ({ key, delta: readsOf(c) - readsOf(before.relations[key]) }))
    .filter((g) => g.delta > 0)
    .sort((a, b) => b.delta - a.delta || (a.key < b.key ? -1 : 1))
  const watched = Object.keys(after.relations).length
  if (grew.length === 0) {
    return gate(
      'no-reads',
      TITLE,
      'met',
      [`None of ${countOf(watched, 'relation')} was read ${span}.`],
      null,
    )
  }
  return gate(
    'no-reads',
    TITLE,
    'unmet',
    [
      `${countOf(grew.length, 'relation')} of ${watched} ${grew.length === 1 ? 'was' : 'were'} read ${span}.`,
      ...grew.slice(0, TOP).map((g) => `${g.key}: ${countOf(g.delta, 'read')} more.`),
    ],
    'Find who still reads these (dashboards, scripts, exports), switch them to the new models, then take snapshots again.',
  )
}
