import {
  CHT_SYNC_DBS_VARIABLE,
  COUCH2PG_SWITCHES,
  isChtDatabase,
  likelyChtDatabase,
} from '../cht-databases'
import type { ProgressSource } from './connection-result'
import { isFirstSeq } from './progress-source'
import type { CoverageGap, CoverageRow, PipelineId } from './sync-coverage'

/**
 * The sentences of `syncCoverage`: one per gap between what CouchDB holds and what a pipeline
 * copies, each saying whether it matters (domain reference 1.3–1.4 for couch2pg's switches, 2.6
 * for CHT Sync's `COUCHDB_DBS`).
 */

/** The pipelines as the sentences name them. */
export const PIPELINE_LABELS: Record<PipelineId, string> = {
  couch2pg: 'couch2pg',
  chtSync: 'CHT Sync',
}

/**
 * True when a couch2pg release (`3.7`, `3.6 or later`, `3.3 – 3.5`, `before 3.2`) can copy
 * `medic-logs` (`SYNC_DB_LOGS` came with 3.6.0); null when the release is unknown.
 */
export function couch2pgCopiesLogs(release: string | null): boolean | null {
  if (release === null) return null
  const versions = [...release.matchAll(/(\d+)\.(\d+)/g)].map(
    (m) => Number(m[1]) * 1000 + Number(m[2]),
  )
  if (versions.length === 0) return null
  const newest = Math.max(...versions)
  if (/^\s*before\b/i.test(release)) return newest <= 3006 ? false : null
  return newest >= 3006
}

const gap = (
  database: string | null,
  pipeline: PipelineId | null,
  matters: boolean,
  text: string,
): CoverageGap => ({ database, pipeline, matters, text })

/** `“medic_sentinel”` still at its first row: nothing was ever copied from it. */
function neverCopied(sources: ProgressSource[]): boolean {
  return sources.length > 0 && sources.every((s) => isFirstSeq(s.seq) && s.pending === null)
}

/** A progress row naming a database CouchDB does not have (or not under that name). */
function unknownDatabase(row: Omit<CoverageRow, 'gaps'>, pipeline: PipelineId): CoverageGap[] {
  const { database } = row
  const cell = row[pipeline]
  if (cell.state !== 'copies') return []
  const who = PIPELINE_LABELS[pipeline]
  const stuck = neverCopied(cell.sources)
    ? ' Its progress is still at sequence 0: nothing was ever copied from it.'
    : ''
  if (!isChtDatabase(database)) {
    const real = likelyChtDatabase(database)
    if (real) {
      const where =
        pipeline === 'chtSync'
          ? `correct it in ${CHT_SYNC_DBS_VARIABLE}`
          : 'correct the database name in COUCHDB_URL'
      return [
        gap(
          database,
          pipeline,
          true,
          `${who}’s progress names “${database}”, which is not a CHT database: the real name is “${real}”; ${where}.${stuck}`,
        ),
      ]
    }
    if (row.couchdb.state === 'present' || row.couchdb.state === 'unreadable') return []
    return [
      gap(
        database,
        pipeline,
        false,
        `${who}’s progress names “${database}”, which is not one of the CHT databases the wizard asks CouchDB about; check that CouchDB has it.${stuck}`,
      ),
    ]
  }
  if (row.couchdb.state !== 'absent') return []
  const fix =
    pipeline === 'chtSync'
      ? `remove it from ${CHT_SYNC_DBS_VARIABLE}`
      : `set ${COUCH2PG_SWITCHES[database]}=false`
  return [
    gap(
      database,
      pipeline,
      true,
      `${who}’s progress names ${database}, but this CouchDB has no ${database}: ${fix}.${stuck}`,
    ),
  ]
}

/** couch2pg does not copy a database CouchDB holds (or may hold). */
function couch2pgMissing(row: Omit<CoverageRow, 'gaps'>, release: string | null): CoverageGap[] {
  const { database, couchdb } = row
  if (row.couch2pg.state !== 'not_copied' || couchdb.state === 'absent') return []
  if (!isChtDatabase(database)) return []
  if (database === '_users') {
    return [
      gap(
        database,
        null,
        false,
        'couch2pg does not copy _users: normal, it is off by default (SYNC_DB_USERS).',
      ),
    ]
  }
  if (database === 'medic-logs' && couch2pgCopiesLogs(release) === false) {
    return [
      gap(
        database,
        null,
        false,
        `couch2pg ${release} cannot copy medic-logs (SYNC_DB_LOGS came with 3.6). This does not block the migration: CHT Sync can copy it.`,
      ),
    ]
  }
  if (couchdb.state === 'unknown') return []
  return [
    gap(
      database,
      null,
      false,
      `couch2pg does not copy ${database} (${COUCH2PG_SWITCHES[database]} is off, or it has not run since it was turned on).`,
    ),
  ]
}

/** CHT Sync does not copy a database CouchDB holds, or one couch2pg copies. */
function chtSyncMissing(row: Omit<CoverageRow, 'gaps'>): CoverageGap[] {
  const { database, couchdb } = row
  if (row.chtSync.state !== 'not_copied' || couchdb.state === 'absent') return []
  if (database === '_users') {
    const also = row.couch2pg.state === 'copies' ? ', though couch2pg does' : ''
    return [
      gap(
        database,
        null,
        false,
        `CHT Sync does not copy _users${also}: normal, ${CHT_SYNC_DBS_VARIABLE} leaves it out and cht-pipeline’s models do not read it.`,
      ),
    ]
  }
  if (row.couch2pg.state === 'copies') {
    return [
      gap(
        database,
        'chtSync',
        true,
        `couch2pg copies ${database} but CHT Sync does not: add ${database} to ${CHT_SYNC_DBS_VARIABLE}, or its data stops reaching PostgreSQL when couch2pg is turned off.`,
      ),
    ]
  }
  if (database === 'medic') {
    return [
      gap(
        database,
        'chtSync',
        true,
        `CHT Sync does not copy medic, the CHT’s main database: add it to ${CHT_SYNC_DBS_VARIABLE}.`,
      ),
    ]
  }
  if (couchdb.state !== 'present' && couchdb.state !== 'unreadable') return []
  return [
    gap(
      database,
      null,
      false,
      `CHT Sync does not copy ${database}, which CouchDB holds: add it to ${CHT_SYNC_DBS_VARIABLE} if the analytics need it.`,
    ),
  ]
}

/** Every gap of one database, those that matter first. */
export function gapsOf(
  row: Omit<CoverageRow, 'gaps'>,
  couch2pgRelease: string | null,
): CoverageGap[] {
  const gaps = [
    ...unknownDatabase(row, 'couch2pg'),
    ...unknownDatabase(row, 'chtSync'),
    ...couch2pgMissing(row, couch2pgRelease),
    ...chtSyncMissing(row),
  ]
  return [...gaps.filter((g) => g.matters), ...gaps.filter((g) => !g.matters)]
}

/** A progress row whose `source` names no database, such as couch2pg's legacy `default-source`. */
export function unnamedSourceGap(pipeline: PipelineId, source: string): CoverageGap {
  const legacy =
    source.trim() === 'default-source'
      ? ': couch2pg wrote it before it copied several databases, and the first database it copies after an upgrade takes it over'
      : ''
  return gap(
    null,
    null,
    false,
    `${PIPELINE_LABELS[pipeline]}’s progress row “${source}” names no database${legacy}.`,
  )
}
