import { describeTarget } from '../../../../shared/connection-targets'
import { isAppError } from '../../../../shared/result'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import { sameDatabase } from '../../connections/same-database'
import { findRelations, hasColumns, type Relation } from '../../db/catalog'
import type { CheckContext, CheckOutcome } from '../check-types'
import { isDockerOnlyHost, settingEvidence } from './access-config'
import { configuredPostgres } from './configured-postgres'

/** couch2pg's raw table: `doc` alone, no `_id` column (reference 1.5). */
const isCouch2pgRaw = (r: Relation) => hasColumns(r, 'doc') && !hasColumns(r, '_id')
/** couch2pg's checkpoint table: `seq` without CHT Sync's `pending` and `updated_at` (1.5, 2.3). */
const isCouch2pgProgress = (r: Relation) =>
  r.name === 'couchdb_progress' && hasColumns(r, 'seq') && !hasColumns(r, 'pending', 'updated_at')

const REMEDY =
  'Give CHT Sync its own schema (POSTGRES_SCHEMA=v1, the default) or, better, its own database (POSTGRES_DB=cht_sync), then restart it. Do not drop couch2pg’s tables: the dashboards still read them.'

/** The run of `setup.schema-collision`. */
export async function runSchemaCollisionCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const config = await ctx.config()
  if (!config) {
    const reason = 'No CHT Sync .env or values.yaml is chosen for this project.'
    return { verdict: 'skipped', summary: reason, skippedBecause: reason }
  }
  const evidence: EvidenceItem[] = (
    ['POSTGRES_HOST', 'POSTGRES_PORT', 'POSTGRES_DB', 'POSTGRES_SCHEMA', 'POSTGRES_TABLE'] as const
  ).map((k) => settingEvidence(config, config.settings[k], k))
  const configured = configuredPostgres(config)
  if (!configured) {
    const reason =
      'POSTGRES_HOST, POSTGRES_DB or POSTGRES_USER is not set, so there is no database to compare. “Required settings are present” reports it.'
    return { verdict: 'skipped', summary: reason, skippedBecause: reason, evidence }
  }
  const { schema, table, profile } = configured
  const { couch2pg, chtSync } = ctx.document.connections
  const publicSchema = schema === 'public'
  if (!couch2pg) {
    evidence.push({
      type: 'fact',
      label: 'couch2pg connection',
      value: 'not set: the wizard cannot compare databases, only the schema',
    })
    return publicSchema
      ? {
          verdict: 'warn',
          summary:
            'POSTGRES_SCHEMA is public, where couch2pg keeps its couchdb and couchdb_progress tables. If POSTGRES_DB is couch2pg’s database, CHT Sync will fail on every insert.',
          evidence,
          remedy: { text: REMEDY },
        }
      : {
          verdict: 'pass',
          summary: `CHT Sync writes to the schema ${schema}, never to couch2pg’s tables in public. Set the couch2pg connection to compare the databases too.`,
          evidence,
        }
  }
  evidence.push({
    type: 'fact',
    label: 'couch2pg connection',
    value: describeTarget('couch2pg', couch2pg),
  })
  const configSame = await sameDatabase(profile, couch2pg)
  const projectSame = chtSync !== null && (await sameDatabase(chtSync, couch2pg))
  if (!configSame && !projectSame) {
    if (isDockerOnlyHost(profile.host)) {
      evidence.push({
        type: 'fact',
        label: 'Compared',
        value: `POSTGRES_HOST “${profile.host}” is a Docker name; the wizard took it for another server than couch2pg’s`,
      })
    }
    return {
      verdict: 'pass',
      summary: `CHT Sync writes to ${profile.host}:${profile.port}/${profile.database}, a database other than couch2pg’s: the two pipelines cannot meet.`,
      evidence,
    }
  }
  evidence.push({
    type: 'fact',
    label: 'Same database',
    value: configSame
      ? 'POSTGRES_HOST, POSTGRES_PORT and POSTGRES_DB name the couch2pg database'
      : 'the project’s CHT Sync and couch2pg connections are the same database',
  })
  let found: Relation[]
  try {
    found = await ctx.read('couch2pg', (tx) =>
      findRelations(tx, [table, 'couchdb_progress'], schema),
    )
  } catch (e) {
    if (ctx.signal.aborted || !isAppError(e)) throw e
    evidence.push({ type: 'fact', label: 'Could not look', value: e.message })
    return {
      verdict: publicSchema ? 'fail' : 'warn',
      summary: `CHT Sync points at couch2pg’s database, schema ${schema}, and the wizard could not look for couch2pg’s tables there (${e.message}).`,
      evidence,
      remedy: { text: REMEDY },
    }
  }
  const clashing = found.filter(
    (r) => (r.name === table && isCouch2pgRaw(r)) || isCouch2pgProgress(r),
  )
  evidence.push({
    type: 'table',
    caption: `Tables in ${schema} of the couch2pg database`,
    columns: ['table', 'columns', 'written by'],
    rows: found.map((r) => [
      `${r.schema}.${r.name}`,
      r.columns.slice(0, 12).join(', '),
      clashing.includes(r) ? 'couch2pg' : 'CHT Sync',
    ]),
  })
  if (clashing.length > 0) {
    return {
      verdict: 'fail',
      summary: `${schema}.${clashing.map((r) => r.name).join(' and ')} already exist with couch2pg’s columns. CHT Sync would skip creating its own (CREATE TABLE IF NOT EXISTS) and fail on every insert.`,
      evidence,
      remedy: { text: REMEDY },
    }
  }
  return {
    verdict: 'warn',
    summary: `CHT Sync writes to the schema ${schema} of couch2pg’s database. It works, but both pipelines share one server’s disk, memory and connections, and one backup.`,
    evidence,
    remedy: {
      text: 'Prefer a database of its own for CHT Sync (POSTGRES_DB=cht_sync), ideally on its own server, so the old pipeline can be torn down without touching the new one.',
    },
  }
}
