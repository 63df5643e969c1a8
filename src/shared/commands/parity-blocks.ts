import type { PostgresProfile } from '../project-schema'
import { commandContext, type CommandContext } from './command-context'
import type { CommandBlock, CommandSource } from './command-types'
import {
  byFormMonthSql,
  byTypeSql,
  chtSyncCountsSql,
  couch2pgCountsSql,
  deletedStubsSql,
  idListSql,
  lagSql,
  missingIdsOneDatabaseSql,
  modelCountsSql,
  sides,
} from './parity-sql'
import { conninfo, shellQuote } from './quoting'

/**
 * The parity items' blocks: each comparison as one SQL block per side (run each where its
 * database is, then set the results side by side), and the id comparison as a terminal script
 * when the two databases are apart.
 */

function pairBlocks(
  ctx: CommandContext,
  id: string,
  title: string,
  what: string,
  sql: { old: string; new: string },
): CommandBlock[] {
  const s = sides(ctx)
  return [
    {
      id: `${id}-couch2pg`,
      title: `${title}: couch2pg`,
      language: 'sql',
      purpose: `${what} Run on ${s.old} in psql or pgAdmin.`,
      text: sql.old,
      missing: s.missing.filter((m) => m.includes('couch2pg')),
    },
    {
      id: `${id}-cht-sync`,
      title: `${title}: CHT Sync`,
      language: 'sql',
      purpose: `${what} Run on ${s.new} in psql or pgAdmin.`,
      text: sql.new,
      missing: s.missing.filter((m) => m.includes('CHT Sync')),
    },
  ]
}

/** `parity.counts`: rows per database on each side. */
export function countsBlocks(source: CommandSource): CommandBlock[] {
  const ctx = commandContext(source)
  return pairBlocks(
    ctx,
    'counts',
    'Rows per database',
    'Counts the documents each pipeline holds, deleted ones left out.',
    { old: couch2pgCountsSql(ctx), new: chtSyncCountsSql(ctx) },
  )
}

/** `parity.breakdown`: by type, by form and month, and the base models. */
export function breakdownBlocks(source: CommandSource): CommandBlock[] {
  const ctx = commandContext(source)
  return [
    ...pairBlocks(
      ctx,
      'by-type',
      'Documents by type',
      'Counts medic and medic-sentinel documents by type.',
      byTypeSql(ctx),
    ),
    ...pairBlocks(
      ctx,
      'by-form-month',
      'Reports by form and month',
      'Counts reports by form and by month of reported_date (UTC).',
      byFormMonthSql(ctx),
    ),
    ...pairBlocks(
      ctx,
      'models',
      'Old views against the base models',
      'Counts reports (form_metadata, data_record) and contacts per type (contactview_metadata, contact).',
      modelCountsSql(ctx),
    ),
  ]
}

/** `psql` on a profile, read-only, never with a password (libpq asks, or reads ~/.pgpass). */
export function psqlCommand(profile: PostgresProfile): string {
  const info = conninfo({
    host: profile.host,
    port: profile.port,
    dbname: profile.database,
    user: profile.user,
    sslmode: profile.ssl,
  })
  return `PGOPTIONS='-c default_transaction_read_only=on' psql ${shellQuote(info)} -X -A -t -v ON_ERROR_STOP=1`
}

/** `parity.missing-ids`: the ids on one side only. */
export function missingIdsBlocks(source: CommandSource): CommandBlock[] {
  const ctx = commandContext(source)
  const s = sides(ctx)
  const ids = idListSql(ctx)
  const blocks: CommandBlock[] = []
  if (ctx.sameDatabase) {
    blocks.push({
      id: 'missing-ids-sql',
      title: 'Ids on one side only',
      language: 'sql',
      purpose: `Lists up to 200 medic and medic-sentinel ids that one pipeline has and the other lacks. Run on ${s.new} in psql or pgAdmin.`,
      text: missingIdsOneDatabaseSql(ctx),
      missing: [],
    })
  }
  const missing = [...s.missing]
  const psqlOld = ctx.couch2pg ? psqlCommand(ctx.couch2pg) : 'psql <couch2pg database> -X -A -t'
  const psqlNew = ctx.chtSync ? psqlCommand(ctx.chtSync) : 'psql <CHT Sync database> -X -A -t'
  blocks.push({
    id: 'missing-ids-shell',
    title: 'Ids on one side only, from a terminal',
    language: 'shell',
    purpose:
      'Saves the ids of each side to a file and compares them; works when the two databases are on different servers. Run in a terminal with psql; it asks for each password (or reads ~/.pgpass).',
    text: [
      `${psqlOld} <<'SQL' | LC_ALL=C sort > couch2pg-ids.txt`,
      ids.old,
      'SQL',
      `${psqlNew} <<'SQL' | LC_ALL=C sort > cht-sync-ids.txt`,
      ids.new,
      'SQL',
      "echo 'Only in couch2pg:'; LC_ALL=C comm -23 couch2pg-ids.txt cht-sync-ids.txt | head -n 50",
      "echo 'Only in CHT Sync:'; LC_ALL=C comm -13 couch2pg-ids.txt cht-sync-ids.txt | head -n 50",
    ].join('\n'),
    missing,
  })
  return blocks
}

/** `parity.deletes`: the stubs to leave out. */
export function deletesBlocks(source: CommandSource): CommandBlock[] {
  const ctx = commandContext(source)
  const s = sides(ctx)
  return [
    {
      id: 'deleted-stubs',
      title: 'Deletion stubs in CHT Sync',
      language: 'sql',
      purpose: `Counts the rows CHT Sync keeps for deleted documents. Run on ${s.new} in psql or pgAdmin.`,
      text: deletedStubsSql(ctx),
      missing: s.missing.filter((m) => m.includes('CHT Sync')),
    },
  ]
}

/** `parity.sync-lag`: where each pipeline stands. */
export function lagBlocks(source: CommandSource): CommandBlock[] {
  const ctx = commandContext(source)
  return pairBlocks(
    ctx,
    'lag',
    'Where each pipeline stands',
    'Shows each pipeline’s checkpoint per database; compare only when CHT Sync’s pending is near 0 and couch2pg has just run.',
    lagSql(ctx),
  )
}
