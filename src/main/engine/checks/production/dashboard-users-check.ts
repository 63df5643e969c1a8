import pg from 'pg'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { ReadTx } from '../../db/read-transaction'
import type { CheckContext, CheckOutcome } from '../check-types'
import { optionalConfig, settingValue } from '../setup/access-config'

/** A role, other than CHT Sync's and the superusers, that may read CHT Sync's tables. */
interface Reader {
  role: string
  login: boolean
  canWrite: boolean
}

interface Found {
  tables: string[]
  readers: Reader[]
  sessions: { user: string | null; application: string | null; count: number }[]
}

/**
 * Reads who may read the raw table and document_metadata (the tables every dashboard query
 * starts from) in one read-only transaction: `has_schema_privilege` USAGE and
 * `has_table_privilege` SELECT per role, memberships included, and whether the role may also
 * INSERT, UPDATE or DELETE. Superusers, `pg_*` roles, the tables' owner and CHT Sync's own user
 * are left out.
 */
async function readRoles(
  tx: ReadTx,
  schema: string,
  table: string,
  syncUser: string,
): Promise<Found> {
  const { rows: tables } = await tx.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname IN ($2, 'document_metadata')
        AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY 1`,
    [schema, table],
  )
  const { rows } = await tx.query<{ role: string; login: boolean; can_write: boolean }>(
    `WITH t AS (
       SELECT c.oid, c.relowner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname IN ($2, 'document_metadata')
          AND c.relkind IN ('r', 'p', 'v', 'm'))
     SELECT r.rolname AS role, r.rolcanlogin AS login,
            bool_or(has_table_privilege(r.oid, t.oid, 'INSERT')
                    OR has_table_privilege(r.oid, t.oid, 'UPDATE')
                    OR has_table_privilege(r.oid, t.oid, 'DELETE')) AS can_write
       FROM pg_roles r CROSS JOIN t
      WHERE NOT r.rolsuper AND r.rolname NOT LIKE 'pg\\_%' AND r.rolname <> $3
        AND r.oid <> t.relowner
        AND has_schema_privilege(r.oid, (SELECT oid FROM pg_namespace WHERE nspname = $1), 'USAGE')
        AND has_table_privilege(r.oid, t.oid, 'SELECT')
      GROUP BY r.rolname, r.rolcanlogin
      ORDER BY r.rolname
      LIMIT 200`,
    [schema, table, syncUser],
  )
  const { rows: sessions } = await tx.query<{ user: string | null; app: string | null; n: number }>(
    `SELECT usename AS "user", left(application_name, 200) AS app, count(*)::int AS n
       FROM pg_stat_activity WHERE datname = current_database()
      GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 50`,
  )
  return {
    tables: tables.map((t) => t.name),
    readers: rows.map((r) => ({ role: r.role, login: r.login, canWrite: r.can_write })),
    sessions: sessions.map((s) => ({ user: s.user, application: s.app || null, count: s.n })),
  }
}

/** The run of `production.dashboard-users`. */
export async function runDashboardUsersCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const profile = ctx.document.connections.chtSync
  if (!profile) {
    const reason = 'The CHT Sync connection is not set (Connections page).'
    return { verdict: 'skipped', summary: reason, skippedBecause: reason }
  }
  const notes: string[] = []
  const config = await optionalConfig(ctx, notes)
  const syncUser = settingValue(config, 'POSTGRES_USER') ?? profile.user
  const { schema, table } = profile
  const found = await ctx.read('chtSync', (tx) => readRoles(tx, schema, table, syncUser))
  const evidence: EvidenceItem[] = [
    { type: 'fact', label: 'CHT Sync’s user', value: syncUser },
    {
      type: 'fact',
      label: 'Tables looked at',
      value: found.tables.map((t) => `${schema}.${t}`).join(', ') || 'none',
    },
    {
      type: 'table',
      caption: 'Roles that may read CHT Sync’s tables',
      columns: ['role', 'can log in', 'may also write'],
      rows: found.readers.map((r) => [r.role, r.login, r.canWrite]),
    },
    {
      type: 'table',
      caption: 'Sessions on this database now',
      columns: ['user', 'application', 'sessions'],
      rows: found.sessions.map((s) => [s.user, s.application, s.count]),
    },
    {
      type: 'fact',
      label: 'Sessions',
      value:
        'Without superuser or pg_read_all_stats, other users’ sessions show who and which application, not what they run.',
    },
    ...notes.map((value): EvidenceItem => ({ type: 'fact', label: 'Note', value })),
  ]
  if (found.tables.length === 0) {
    const reason = `CHT Sync has not created ${schema}.${table} or ${schema}.document_metadata yet: there is nothing to grant.`
    return { verdict: 'skipped', summary: reason, skippedBecause: reason, evidence }
  }
  const q = pg.escapeIdentifier
  const writers = found.readers.filter((r) => r.canWrite)
  if (writers.length > 0) {
    const names = writers.map((r) => r.role)
    return {
      verdict: 'fail',
      summary: `${names.join(', ')} may read CHT Sync’s tables and also change them; a dashboard logging in with ${names.length === 1 ? 'it' : 'them'} could alter or delete data.`,
      evidence,
      remedy: {
        text: `Unless a role is part of the pipeline, take the writes back: REVOKE INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${q(schema)} FROM ${names.map(q).join(', ')}; and revoke membership of CHT Sync’s role if granted.`,
      },
    }
  }
  const readers = found.readers.map((r) => r.role)
  if (readers.length > 0) {
    return {
      verdict: 'pass',
      summary: `${readers.join(', ')} may read CHT Sync’s tables without changing them: dashboards have read-only roles of their own.`,
      evidence,
    }
  }
  return {
    verdict: 'warn',
    summary: `No role other than ${syncUser} and the superusers may read CHT Sync’s tables, so dashboards log in as CHT Sync’s user, which may change what they read.`,
    evidence,
    remedy: {
      text: `Create a read-only role per dashboard tool: CREATE ROLE dashboards LOGIN PASSWORD '…'; GRANT USAGE ON SCHEMA ${q(schema)} TO dashboards; GRANT SELECT ON ALL TABLES IN SCHEMA ${q(schema)} TO dashboards; ALTER DEFAULT PRIVILEGES FOR ROLE ${q(syncUser)} IN SCHEMA ${q(schema)} GRANT SELECT ON TABLES TO dashboards;`,
    },
  }
}
