import { AppError } from '../../../../shared/result'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import { rawTableEra } from '../../connections/detect-cht-sync'
import { hasColumns, type Relation } from '../../db/catalog'
import type { CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { chtSyncRelations, type ChtSyncRelations } from './cht-sync-relations'
import { listOf, shownName } from './pipeline-common'

/**
 * `setup.tables`: the raw and progress tables exist with the columns CHT Sync 2 writes (reference
 * 2.1, 2.3, 2.9), and which release wrote them.
 */

/** The columns of CHT Sync 2's raw table and progress table (reference 2.3). */
const RAW_COLUMNS = ['saved_timestamp', '_id', '_deleted', 'source', 'doc']
const PROGRESS_COLUMNS = ['seq', 'pending', 'updated_at', 'source']
const UPGRADE_V2 = 'deploy/scripts/upgrade/add-manifest-and-source.sh'
const UPGRADE_84 = 'deploy/scripts/upgrade/upgrade-84-monitoring.sh'

const LOOKS_LIKE: Record<string, string> = {
  v2: 'CHT Sync 2 (raw table with source)',
  v1: 'CHT Sync 1.x (raw table without source)',
  'pre-1.0': 'CHT Sync before 1.0 (raw table without _deleted)',
  logstash: 'CHT Sync’s Logstash era (2022–mid 2024): every revision stored',
}

interface Problem {
  level: 'fail' | 'warn'
  text: string
  remedy: string
}

const missing = (r: Relation, wanted: readonly string[]) =>
  wanted.filter((c) => !r.columns.includes(c))

const logstashFailure = (tables: Relation[]): Problem => ({
  level: 'fail',
  text: `The tables ${listOf(tables.map((t) => shownName(t.schema, t.name)))} are from CHT Sync’s Logstash era: one table per database that keeps every revision of every document, so counts and models are wrong.`,
  remedy:
    'Install the current CHT Sync (2.x) into a new schema or database and let it copy every database from the start; the Logstash-era tables cannot be upgraded in place. Drop them once the new copy is complete.',
})

function rawProblems(rel: ChtSyncRelations, raw: Relation | undefined): Problem[] {
  const name = shownName(rel.schema, rel.table)
  if (!raw) {
    if (rel.logstash.length > 0) return [logstashFailure(rel.logstash)]
    const other = rel.elsewhere.find((r) => rawTableEra(r.columns) !== null)
    return [
      {
        level: 'fail',
        text: other
          ? `There is no ${name}, but ${shownName(other.schema, other.name)} looks like CHT Sync’s raw table.`
          : `There is no raw table ${name}: CHT Sync has not started against this database, or it writes elsewhere.`,
        remedy: other
          ? `Set the schema of the CHT Sync connection to ${other.schema} (it must equal POSTGRES_SCHEMA).`
          : 'Start CHT Sync (its couch2pg service creates the tables at start), and check that POSTGRES_DB, POSTGRES_SCHEMA and POSTGRES_TABLE match this connection’s database, schema and table.',
      },
    ]
  }
  const era = rawTableEra(raw.columns)
  if (era === 'logstash') return [logstashFailure([raw, ...rel.logstash])]
  if (era === null) {
    const couch2pg = raw.columns.length === 1 && raw.columns[0] === 'doc'
    return [
      {
        level: 'fail',
        text: couch2pg
          ? `${name} is couch2pg’s table (a single doc column), not CHT Sync’s.`
          : `${name} is not a CHT Sync raw table (its columns are ${raw.columns.join(', ')}).`,
        remedy:
          'Point CHT Sync (POSTGRES_SCHEMA, POSTGRES_TABLE) and this connection at a schema of their own (the default is v1.couchdb), never at couch2pg’s tables.',
      },
    ]
  }
  if (era === 'pre-1.0') {
    return [
      {
        level: 'fail',
        text: `${name} was written by a CHT Sync release before 1.0: it has no ${listOf(missing(raw, RAW_COLUMNS))} column, so deletions are not kept and cht-pipeline cannot read it.`,
        remedy:
          'Upgrade to the current CHT Sync (2.x) into a new schema and let it copy from the start.',
      },
    ]
  }
  const absent = missing(raw, RAW_COLUMNS)
  if (absent.length === 0) return []
  const source = absent.includes('source')
  return [
    {
      level: 'fail',
      text: `${name} has no ${listOf(absent)} column${absent.length > 1 ? 's' : ''}${source ? ': it was written by CHT Sync 1.x, and cht-pipeline 2 fails without source' : ''}.`,
      remedy: source
        ? `Upgrade to CHT Sync 2: run ${UPGRADE_V2} (it adds source to the raw table and manifest and dbt_selector to _dataemon), then start the new release.`
        : 'Upgrade to the current CHT Sync (2.x); its couch2pg service creates these columns.',
    },
  ]
}

function progressProblems(rel: ChtSyncRelations): Problem[] {
  const p = rel.progress
  const name = shownName(rel.schema, 'couchdb_progress')
  if (!p) {
    return [
      {
        level: 'fail',
        text: `There is no progress table ${name}: CHT Sync’s couch2pg service creates it when it starts, so it has not run here.`,
        remedy:
          'Start CHT Sync and read the couch2pg container’s log; check POSTGRES_SCHEMA matches this connection’s schema.',
      },
    ]
  }
  const absent = missing(p, PROGRESS_COLUMNS)
  if (absent.length === 0) return []
  const monitoring = absent.every((c) => c === 'pending' || c === 'updated_at')
  return [
    {
      level: 'fail',
      text: `${name} has no ${listOf(absent)} column${absent.length > 1 ? 's' : ''}${monitoring ? ': it predates CHT Sync 1.0, so neither the wizard nor CHT Watchdog can see its backlog' : ''}.`,
      remedy: monitoring
        ? `Run ${UPGRADE_84} (it adds pending and updated_at), or upgrade to the current CHT Sync.`
        : `${name} is not CHT Sync’s progress table: give CHT Sync a schema of its own.`,
    },
  ]
}

function dataemonProblems(rel: ChtSyncRelations): Problem[] {
  const d = rel.dataemon
  const name = shownName(rel.schema, '_dataemon')
  if (!d) {
    return [
      {
        level: 'warn',
        text: `There is no ${name} yet: CHT Sync’s dbt container creates it on its first run.`,
        remedy:
          'Start the dbt container (docker compose --profile production up -d) and read its log.',
      },
    ]
  }
  const absent = missing(d, ['manifest', 'dbt_selector'])
  if (absent.length === 0) return []
  return [
    {
      level: 'fail',
      text: `${name} has no ${listOf(absent)} column${absent.length > 1 ? 's' : ''}: it was made by CHT Sync 1.x’s dbt container.`,
      remedy: `Run ${UPGRADE_V2} before starting CHT Sync 2’s dbt container.`,
    },
  ]
}

function looksLike(rel: ChtSyncRelations): string {
  if (!rel.raw) return rel.logstash.length > 0 ? LOOKS_LIKE.logstash! : 'no CHT Sync raw table'
  const era = rawTableEra(rel.raw.columns)
  if (era === null) return 'not a CHT Sync raw table'
  let text = LOOKS_LIKE[era]!
  if (rel.dataemon) {
    text += hasColumns(rel.dataemon, 'manifest', 'dbt_selector')
      ? '; _dataemon of CHT Sync 2'
      : '; _dataemon of CHT Sync 1.x'
  }
  if (rel.metadata) {
    text += hasColumns(rel.metadata, 'instance', 'dbname')
      ? '; models of cht-pipeline 2'
      : '; models of cht-pipeline 1'
  }
  return text
}

function evidence(rel: ChtSyncRelations): EvidenceItem[] {
  const row = (label: string, r: Relation | undefined) => [
    label,
    r !== undefined,
    r ? r.columns.join(', ') : '',
  ]
  const rows = [
    row(shownName(rel.schema, rel.table), rel.raw),
    row(shownName(rel.schema, 'couchdb_progress'), rel.progress),
    row(shownName(rel.schema, '_dataemon'), rel.dataemon),
    row(shownName(rel.schema, 'document_metadata'), rel.metadata),
    row(shownName(rel.schema, 'dbt_results'), rel.results),
    ...rel.logstash.map((r) => row(shownName(r.schema, r.name), r)),
  ]
  return [
    { type: 'fact', label: 'Looks like', value: looksLike(rel) },
    {
      type: 'table',
      caption: `CHT Sync’s tables in schema ${rel.schema}`,
      columns: ['relation', 'present', 'columns'],
      rows,
    },
  ]
}

/** Reads the tables and says which release they come from and what is missing. */
export async function runSetupTables(rel: ChtSyncRelations): Promise<CheckOutcome> {
  const raw = rel.raw
  if (raw && (!raw.canSelect || !raw.schemaUsage)) {
    throw new AppError(
      'FORBIDDEN',
      `The wizard’s user may not read ${shownName(rel.schema, rel.table)}: grant it USAGE on schema ${rel.schema} and SELECT on its tables (read-only is enough).`,
    )
  }
  const era = raw ? rawTableEra(raw.columns) : null
  // Without a raw table of 1.x or later, the other tables would only repeat what is wrong.
  const current = era === 'v1' || era === 'v2'
  const problems = [
    ...rawProblems(rel, raw),
    ...(current ? [...progressProblems(rel), ...dataemonProblems(rel)] : []),
  ]
  const failed = problems.some((p) => p.level === 'fail')
  const verdict = failed ? 'fail' : problems.length > 0 ? 'warn' : 'pass'
  const summary =
    problems.length === 0
      ? `${shownName(rel.schema, rel.table)} and ${shownName(rel.schema, 'couchdb_progress')} have every column CHT Sync 2 writes; ${looksLike(rel)}.`
      : problems.map((p) => p.text).join(' ')
  return {
    verdict,
    summary,
    evidence: evidence(rel),
    remedy:
      problems.length === 0
        ? null
        : { text: [...new Set(problems.map((p) => p.remedy))].join(' ') },
  }
}

/** `setup.tables`. */
export const SETUP_TABLES = defineCheck('setup.tables', async (ctx) =>
  runSetupTables(await chtSyncRelations(ctx)),
)
