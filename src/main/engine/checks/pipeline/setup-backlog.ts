import { likelyChtDatabase } from '../../../../shared/cht-databases'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { chtSyncBacklog, type PipelineBacklog } from './backlog'
import { chtSyncTarget } from './cht-sync-relations'
import { isAppError } from '../../../../shared/result'
import { databaseList } from '../setup/access-config'
import { deleteProgressSql, duration, LARGE_BACKLOG, listOf, num, plural } from './pipeline-common'

/**
 * `setup.backlog`: for each of CHT Sync's progress rows, CouchDB's backlog after its checkpoint
 * now; rows naming a database CouchDB does not have (the documented `medic_sentinel` typo),
 * large backlogs, and databases of `COUCHDB_DBS` CHT Sync has not started on.
 */

/** The databases `COUCHDB_DBS` lists, as CHT Sync splits them; null without a configuration. */
async function configuredDatabases(
  ctx: CheckContext,
): Promise<{ dbs: string[] | null; note: string | null }> {
  let config
  try {
    config = await ctx.config()
  } catch (e) {
    if (!isAppError(e) || e.code === 'CANCELLED') throw e
    return { dbs: null, note: `The CHT Sync configuration could not be read (${e.message}).` }
  }
  if (!config) return { dbs: null, note: null }
  return {
    dbs: [...new Set(config.couchdbs.flatMap((c) => databaseList(c.dbs).names))],
    note: null,
  }
}

function evidence(backlog: PipelineBacklog, configured: string[] | null): EvidenceItem[] {
  const rows: (string | number | null)[][] = []
  for (const db of backlog.databases) {
    for (const r of db.rows) {
      rows.push([
        r.source,
        db.database,
        r.pending,
        r.updatedAt,
        r.counted ? (r.note ?? '') : `not counted${r.note ? `: ${r.note}` : ''}`,
      ])
    }
  }
  for (const r of backlog.strays) {
    rows.push([r.source, r.database, null, r.updatedAt, 'CouchDB has no such database'])
  }
  for (const r of backlog.unnamed) {
    rows.push([r.source, null, null, r.updatedAt, 'names no database'])
  }
  for (const u of backlog.unreadable) {
    rows.push([null, u.database, null, null, `not readable by the wizard’s CouchDB user`])
  }
  const items: EvidenceItem[] = [
    {
      type: 'table',
      caption: 'CHT Sync’s progress rows and CouchDB’s backlog after each',
      columns: ['source', 'database', 'pending', 'updated', 'note'],
      rows,
    },
  ]
  if (configured) {
    items.push({
      type: 'setting',
      source: 'CHT Sync configuration',
      key: 'COUCHDB_DBS',
      value: configured.join(','),
      line: null,
    })
  }
  return items
}

/** Reads the backlog (shared with the other pipeline checks) and decides. */
export async function runSetupBacklog(ctx: CheckContext): Promise<CheckOutcome> {
  const { schema } = chtSyncTarget(ctx)
  const backlog = await chtSyncBacklog(ctx)
  const config = await configuredDatabases(ctx)
  const issues: string[] = []
  const remedies: string[] = []

  if (backlog.strays.length > 0) {
    const named = backlog.strays.map((r) => {
      const meant = r.database ? likelyChtDatabase(r.database) : null
      return `${r.database}${meant ? ` (did you mean ${meant}?)` : ''}`
    })
    issues.push(
      `CHT Sync has a progress row for ${listOf(named)}, which CouchDB does not have: COUCHDB_DBS names a database that does not exist, and CHT Sync copies nothing from it.`,
    )
    remedies.push(
      `Correct COUCHDB_DBS and restart CHT Sync, then delete the stale row yourself in psql or pgAdmin (the wizard never writes to your databases):\n\n\`\`\`sql\n${backlog.strays.map((r) => deleteProgressSql(schema, r.source)).join('\n')}\n\`\`\``,
    )
  }
  const large = backlog.databases.filter((d) => d.pending !== null && d.pending > LARGE_BACKLOG)
  if (large.length > 0) {
    issues.push(
      `${listOf(large.map((d) => `${d.database} has ${plural(d.pending!, 'change')}`))} waiting to be copied (more than ${num(LARGE_BACKLOG)}).`,
    )
    remedies.push(
      'A first sync of a large database takes hours: run this check again later. A backlog that stays high means CHT Sync cannot keep up; read the couch2pg container’s log.',
    )
  }
  const copied = new Set([...backlog.rows.flatMap((r) => (r.database ? [r.database] : []))])
  const notStarted = (config.dbs ?? []).filter((db) => !copied.has(db))
  if (notStarted.length > 0) {
    issues.push(
      `${listOf(notStarted)} ${notStarted.length === 1 ? 'is' : 'are'} in COUCHDB_DBS but CHT Sync has no progress row for ${notStarted.length === 1 ? 'it' : 'them'}: not started yet.`,
    )
    remedies.push(
      'Restart CHT Sync after changing COUCHDB_DBS (it reads the list at start) and read the couch2pg container’s log.',
    )
  }
  if (backlog.rows.length === 0) {
    issues.push(
      backlog.note ?? 'CHT Sync has written no progress row yet: it has not started copying.',
    )
    remedies.push('Start CHT Sync and read the couch2pg container’s log.')
  }
  const notes = [
    ...backlog.unreadable.map(
      (u) => `The wizard’s CouchDB user may not read ${u.database}, so its backlog is unknown.`,
    ),
    ...backlog.databases.flatMap((d) =>
      d.pending === null && d.note ? [`${d.database}: ${d.note}.`] : [],
    ),
    ...(config.note ? [config.note] : []),
  ]
  const shown = evidence(backlog, config.dbs)
  if (issues.length > 0) {
    return {
      verdict: 'warn',
      summary: [...issues, ...notes].join(' '),
      evidence: shown,
      remedy: { text: remedies.join(' ') },
    }
  }
  const known = backlog.databases.filter((d) => d.pending !== null)
  if (known.length === 0) {
    return {
      verdict: 'warn',
      summary: `The backlog of ${listOf(backlog.databases.map((d) => d.database))} could not be read. ${notes.join(' ')}`,
      evidence: shown,
      remedy: {
        text: 'Give the wizard’s CouchDB user read access to the databases CHT Sync copies, and run the check again.',
      },
    }
  }
  const most = Math.max(...known.map((d) => d.pending!))
  const ages = known.flatMap((d) => (d.updatedAgoSeconds === null ? [] : [d.updatedAgoSeconds]))
  const age = ages.length > 0 ? ` Progress last updated ${duration(Math.min(...ages))} ago.` : ''
  return {
    verdict: 'pass',
    summary: `Every database CHT Sync copies has a small backlog: at most ${plural(most, 'change')} waiting (${listOf(known.map((d) => d.database))}).${age}${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`,
    evidence: shown,
  }
}

/** `setup.backlog`. */
export const SETUP_BACKLOG = defineCheck('setup.backlog', runSetupBacklog)
