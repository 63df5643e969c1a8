import type {
  ChtSyncEra,
  ChtSyncFacts,
  Couch2pgFacts,
  CouchDatabaseFact,
  CouchdbFacts,
  ProgressSource,
} from './connection-result'
import { count, plural, seqLabel, utcMinute } from './describe-format'

/**
 * The facts of each endpoint's connection test as `{label, value}` lines (see
 * `describeConnection`, connection-describe.ts, for the warnings and the summary).
 */

/** One line of what a test found: `CHT databases: medic (20,431 documents), …`. */
export interface DescribedFact {
  label: string
  value: string
}

/** CHT Sync's raw-table eras (reference 2.1), in words. */
export const CHT_SYNC_ERA_LABELS: Record<ChtSyncEra, string> = {
  v2: 'CHT Sync 2.x (the raw table has a source column)',
  v1: 'CHT Sync 1.x (a _deleted column but no source column)',
  'pre-1.0': 'CHT Sync before 1.0 (one row per document, no _deleted column)',
  logstash: 'CHT Sync’s Logstash era, before 1.0 (every revision stored)',
}

/** `12 rows` when counted, `about 1,200 rows` for an estimate, `row count unknown` without one. */
function rows(n: number | null, exact: boolean): string {
  if (n === null) return 'row count unknown'
  return exact ? plural(n, 'row') : `about ${plural(n, 'row')}`
}

/** `medic (20,431 documents, 1,210 deleted)`; an unreported count is said so, never 0. */
function couchDatabase(db: CouchDatabaseFact): string {
  if (db.docCount === null) return `${db.name} (document count not reported)`
  const deleted =
    db.deletedCount === null ? 'deleted count not reported' : `${count(db.deletedCount)} deleted`
  return `${db.name} (${plural(db.docCount, 'document')}, ${deleted})`
}

/** CouchDB's facts: who signed in, the CHT databases with their counts, the CHT version. */
export function couchdbFacts(facts: CouchdbFacts, ok: boolean): DescribedFact[] {
  const out: DescribedFact[] = []
  if (facts.signedInAs) {
    const { name, admin } = facts.signedInAs
    out.push({ label: 'Signed in as', value: admin ? `${name} (server admin)` : name })
  } else if (facts.anonymous) {
    out.push({ label: 'Signed in as', value: 'nobody (anonymous access)' })
  }
  const named = (...states: string[]) =>
    facts.databases.filter((d) => states.includes(d.state)).map((d) => d.name)
  const present = facts.databases.filter((d) => d.state === 'present').map(couchDatabase)
  if (present.length > 0) out.push({ label: 'CHT databases', value: present.join(', ') })
  const absent = named('absent')
  if (absent.length > 0) out.push({ label: 'Not on this server', value: absent.join(', ') })
  const closed = named('unauthorized', 'forbidden')
  if (closed.length > 0) out.push({ label: 'Not readable by this user', value: closed.join(', ') })
  if (ok) {
    out.push({
      label: 'CHT version',
      value:
        facts.chtVersion ??
        'not reported (this address does not serve the CHT API’s /api/v2/monitoring)',
    })
  }
  return out
}

/** `couch2pg 3.7 (from its migration tables)`, `couch2pg 3.6 or later (from its tables; …)`. */
export function couch2pgLooksLike(facts: Couch2pgFacts): string {
  const noMigrations =
    facts.migrations.length === 0 ? 'no migration tables' : 'its migration tables do not say'
  if (!facts.release) return `couch2pg (release unknown: ${noMigrations})`
  if (facts.releaseFrom === 'tables') {
    return `couch2pg ${facts.release} (from its tables; ${noMigrations})`
  }
  return `couch2pg ${facts.release} (from its migration tables)`
}

/** `couchdb:5984/medic (seq 4711)`, and CHT Sync's pending count and time where it has them. */
function progressRow(row: ProgressSource, chtSync: boolean): string {
  const parts = [seqLabel(row.seq)]
  if (chtSync) {
    parts.push(row.pending === null ? 'pending not known' : `${count(row.pending)} pending`)
    if (row.updatedAt) parts.push(`updated ${utcMinute(row.updatedAt)}`)
  }
  return `${row.source} (${parts.join(', ')})`
}

/** couch2pg's facts: its release, its tables with their row counts, its progress rows. */
export function couch2pgFacts(facts: Couch2pgFacts): DescribedFact[] {
  const { schema, progress } = facts
  const tables = facts.tables.map((t) => `${t.name} (${rows(t.rows, t.exact)})`)
  const listed =
    progress.bySource.length > 0
      ? progress.bySource.map((r) => progressRow(r, false))
      : progress.sources
  const total = progress.truncated ? `at least ${count(listed.length)}` : count(listed.length)
  const sources =
    listed.length > 0
      ? `${total}: ${listed.join(', ')}`
      : progress.table
        ? 'none yet'
        : 'no couchdb_progress table'
  return [
    { label: 'Looks like', value: couch2pgLooksLike(facts) },
    { label: `Tables in schema ${schema}`, value: tables.join(', ') },
    { label: 'Progress sources', value: sources },
    { label: 'Session', value: 'read-only' },
  ]
}

function chtSyncProgress(progress: ChtSyncFacts['progress']): string {
  if (progress.state === 'absent') return 'no couchdb_progress table'
  if (progress.state === 'unreadable') return 'not readable by this user'
  const parts = [plural(progress.sources, 'source')]
  if (progress.pending !== null) parts.push(`${count(progress.pending)} changes pending`)
  if (progress.updatedAt) parts.push(`last update ${utcMinute(progress.updatedAt)}`)
  if (!progress.monitoringColumns) parts.push('no pending/updated_at columns (before 1.0)')
  return parts.join(', ')
}

/** `300 rows: 290 live, 10 deleted stubs`, or estimates from the column statistics. */
function rawTable(facts: ChtSyncFacts): string {
  const total = rows(facts.rawRows, facts.rawRowsExact)
  const split = facts.rawSplit
  if (split) {
    const about = split.exact ? '' : 'about '
    const from = split.exact ? '' : ' (estimated from the column statistics)'
    return `${total}: ${about}${count(split.live)} live, ${about}${plural(split.deleted, 'deleted stub')}${from}`
  }
  if (facts.era === 'v2' || facts.era === 'v1') return `${total}; live and deleted not known`
  return total
}

/** CHT Sync's facts: its era, raw table, progress (per source), dbt state and latest run. */
export function chtSyncFacts(facts: ChtSyncFacts): DescribedFact[] {
  const out: DescribedFact[] = [
    { label: 'Looks like', value: CHT_SYNC_ERA_LABELS[facts.era] },
    { label: `Raw table ${facts.schema}.${facts.table}`, value: rawTable(facts) },
    { label: 'Progress', value: chtSyncProgress(facts.progress) },
  ]
  if (facts.progress.state === 'read' && facts.progress.bySource.length > 0) {
    out.push({
      label: 'Progress per source',
      value: facts.progress.bySource.map((r) => progressRow(r, true)).join('; '),
    })
  }
  if (facts.dataemon) {
    out.push({
      label: 'dbt state (_dataemon)',
      value: facts.dataemon === 'v2' ? 'CHT Sync 2 (manifest, dbt_selector)' : 'before CHT Sync 2',
    })
  }
  out.push({
    label: 'cht-pipeline',
    value:
      facts.pipeline === 'v2'
        ? 'version 2 (document_metadata has instance and dbname)'
        : facts.pipeline === 'v1'
          ? 'version 1 (document_metadata without instance/dbname)'
          : 'no models yet (no document_metadata table)',
  })
  const run = facts.dbtLastRun
  if (run) {
    const ended = run.endedAt ? utcMinute(run.endedAt) : 'at an unknown time'
    out.push({
      label: 'Latest dbt run',
      value:
        run.results === 0
          ? 'none recorded'
          : `${plural(run.results, 'result')}, ${count(run.failed)} not successful (ended ${ended})`,
    })
  }
  out.push({ label: 'Session', value: 'read-only' })
  return out
}
