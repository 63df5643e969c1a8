import type {
  ChtSyncEra,
  ChtSyncFacts,
  ConnectionDetails,
  Couch2pgFacts,
  CouchdbFacts,
} from './connection-result'

/**
 * Connection facts for people: the typed details of a connection test (connection-result.ts)
 * turned into `{label, value}` lines and warnings, phrased the same in the renderer, the Markdown
 * export and the CLI. Pure, so a saved project reads the same offline.
 */

/** One line of what a test found: `CHT databases: medic (20,431 documents), …`. */
export interface DescribedFact {
  label: string
  value: string
}

export interface ConnectionDescription {
  /** What was found, in order; the server's own label is `details.serverLabel`. */
  facts: DescribedFact[]
  /** Worth attention, not a failure of the test (a schema clash, a pipeline ahead of its table). */
  warnings: string[]
}

/** `20,431`: counts are shown with thousands separators, the same on every machine. */
export const count = (n: number): string => Math.round(n).toLocaleString('en-US')

/** `1 document` / `20,431 documents`. */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${count(n)} ${n === 1 ? one : many}`

/** `2025-06-01 12:05 UTC`: a time in facts, the same wherever the project is read. */
export const utcMinute = (iso: string): string =>
  Number.isNaN(Date.parse(iso))
    ? iso
    : `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`

/** CHT Sync's raw-table eras (reference 2.1), in words. */
export const CHT_SYNC_ERA_LABELS: Record<ChtSyncEra, string> = {
  v2: 'CHT Sync 2.x (the raw table has a source column)',
  v1: 'CHT Sync 1.x (a _deleted column but no source column)',
  'pre-1.0': 'CHT Sync before 1.0 (one row per document, no _deleted column)',
  logstash: 'CHT Sync’s Logstash era, before 1.0 (every revision stored)',
}

/** The warnings of a CHT Sync database, shared by the describer and the verdict. */
export function chtSyncWarnings(facts: ChtSyncFacts): string[] {
  const warnings: string[] = []
  if (facts.era !== 'v2' && facts.pipeline === 'v2') {
    warnings.push(
      'cht-pipeline 2 needs the source column of CHT Sync 2’s raw table; run the documented v1 → v2 upgrade SQL first.',
    )
  }
  if (facts.schemaClash) {
    warnings.push(
      'CHT Sync writes into schema public of the couch2pg database: its couchdb and couchdb_progress tables clash with couch2pg’s. Use a separate database or another schema (such as v1).',
    )
  }
  return warnings
}

/** `12 rows` when counted, `about 1,200 rows` for an estimate, `row count unknown` without one. */
function rows(n: number | null, exact: boolean): string {
  if (n === null) return 'row count unknown'
  return exact ? plural(n, 'row') : `about ${plural(n, 'row')}`
}

function couchdbFacts(facts: CouchdbFacts, ok: boolean): DescribedFact[] {
  const out: DescribedFact[] = []
  if (facts.signedInAs) {
    const { name, admin } = facts.signedInAs
    out.push({ label: 'Signed in as', value: admin ? `${name} (server admin)` : name })
  } else if (facts.anonymous) {
    out.push({ label: 'Signed in as', value: 'nobody (anonymous access)' })
  }
  const named = (...states: string[]) =>
    facts.databases.filter((d) => states.includes(d.state)).map((d) => d.name)
  const present = facts.databases
    .filter((d) => d.state === 'present')
    .map((d) => (d.docCount === null ? d.name : `${d.name} (${plural(d.docCount, 'document')})`))
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

function couch2pgFacts(facts: Couch2pgFacts): DescribedFact[] {
  const { release, schema, progress } = facts
  const tables = facts.tables.map((t) => `${t.name} (${rows(t.rows, t.exact)})`)
  const sources =
    progress.sources.length > 0
      ? `${count(progress.sources.length)}: ${progress.sources.join(', ')}`
      : progress.table
        ? 'none yet'
        : 'no couchdb_progress table'
  return [
    {
      label: 'Looks like',
      value: release
        ? `couch2pg ${release} (from its migration tables)`
        : 'couch2pg (release unknown: no migration tables)',
    },
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

function chtSyncFacts(facts: ChtSyncFacts): DescribedFact[] {
  const out: DescribedFact[] = [
    { label: 'Looks like', value: CHT_SYNC_ERA_LABELS[facts.era] },
    {
      label: `Raw table ${facts.schema}.${facts.table}`,
      value: rows(facts.rawRows, facts.rawRowsExact),
    },
    { label: 'Progress', value: chtSyncProgress(facts.progress) },
  ]
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

/**
 * What a connection test found, for people. Facts learnt before a failure are described too
 * (the CouchDB databases seen before `medic` turned out missing). Results migrated from schema-2
 * projects carry their facts as text (`legacyFacts`): shown as they were, their `Warning` lines
 * as warnings.
 */
export function describeConnection(details: ConnectionDetails): ConnectionDescription {
  const legacy = details.legacyFacts.filter((f) => f.label !== 'Server')
  const facts: DescribedFact[] = legacy.filter((f) => f.label !== 'Warning')
  const warnings = legacy.filter((f) => f.label === 'Warning').map((f) => f.value)
  const typed = details.facts
  if (typed?.endpoint === 'couchdb') facts.push(...couchdbFacts(typed, details.ok))
  if (typed?.endpoint === 'couch2pg') facts.push(...couch2pgFacts(typed))
  if (typed?.endpoint === 'chtSync') {
    facts.push(...chtSyncFacts(typed))
    warnings.push(...chtSyncWarnings(typed))
  }
  return { facts, warnings }
}

/**
 * The one-paragraph summary stored with the result: `Connected to PostgreSQL 16.4: couch2pg 3.7
 * (from its migration tables).` with any warnings, or the error and what to do about it.
 */
export function connectionSummary(details: ConnectionDetails): string {
  if (!details.ok || details.error) {
    return details.error ? `${details.error.message} ${details.error.hint}` : 'The test failed.'
  }
  const { facts, warnings } = describeConnection(details)
  const looksLike = facts.find((f) => f.label === 'Looks like')?.value
  const server = details.serverLabel ?? 'the server'
  const head = looksLike ? `Connected to ${server}: ${looksLike}.` : `Connected to ${server}.`
  return [head, ...warnings.map((w) => `Warning: ${w}`)].join(' ')
}
