import pg from 'pg'
import { AppError } from '../../../../shared/result'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { Scalar } from '../../../../shared/results/common'
import type { ReadTx } from '../../db/read-transaction'
import type { CheckContext, CheckOutcome } from '../check-types'
import type { ChtSyncConfig } from '../config/config-types'
import { dockerOnlyNote, isDockerOnlyHost, settingEvidence } from './access-config'
import {
  configuredPostgres,
  ConfiguredSessionError,
  tlsFor,
  withConfiguredSession,
  type ConfiguredPostgres,
} from './configured-postgres'

/** What the configured user may do, as `has_*_privilege` says. */
interface Privileges {
  version: string
  user: string
  superuser: boolean
  dbCreate: boolean
  schemaExists: boolean
  schemaUsage: boolean | null
  schemaCreate: boolean | null
  /** Per table that exists: [name, SELECT, INSERT, UPDATE]. */
  tables: [string, boolean, boolean, boolean][]
}

const TABLE_PRIVILEGES = (alias: string) =>
  ['SELECT', 'INSERT', 'UPDATE'].map((p) => `has_table_privilege(${alias}.oid, '${p}')`).join(', ')

async function readPrivileges(tx: ReadTx, schema: string, table: string): Promise<Privileges> {
  const { rows } = await tx.query<{
    version: string
    user: string
    superuser: boolean | null
    db_create: boolean
    schema_exists: boolean
    schema_usage: boolean | null
    schema_create: boolean | null
    tables: [string, boolean, boolean, boolean][] | null
  }>(
    `SELECT current_setting('server_version') AS version, current_user AS "user",
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            has_database_privilege(current_database(), 'CREATE') AS db_create,
            n.oid IS NOT NULL AS schema_exists,
            CASE WHEN n.oid IS NULL THEN NULL ELSE has_schema_privilege(n.oid, 'USAGE') END
              AS schema_usage,
            CASE WHEN n.oid IS NULL THEN NULL ELSE has_schema_privilege(n.oid, 'CREATE') END
              AS schema_create,
            (SELECT json_agg(json_build_array(c.relname, ${TABLE_PRIVILEGES('c')}) ORDER BY c.relname)
               FROM pg_class c
              WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p')
                AND c.relname IN ($2::text, 'couchdb_progress')) AS tables
       FROM (SELECT 1) AS one
       LEFT JOIN pg_namespace n ON n.nspname = $1::text`,
    [schema, table],
  )
  const row = rows[0]
  if (!row) throw new Error('the server did not answer the privilege query')
  return {
    version: String(row.version).slice(0, 100),
    user: String(row.user).slice(0, 200),
    superuser: row.superuser === true,
    dbCreate: row.db_create,
    schemaExists: row.schema_exists,
    schemaUsage: row.schema_usage,
    schemaCreate: row.schema_create,
    tables: row.tables ?? [],
  }
}

/** What is missing, as GRANT statements an administrator can run, and the evidence rows. */
function assess(p: Privileges, c: ConfiguredPostgres): { grants: string[]; rows: Scalar[][] } {
  const q = pg.escapeIdentifier
  const { database, user } = c.profile
  const rows: Scalar[][] = [
    ['has_database_privilege CREATE', database, p.dbCreate],
    ['has_schema_privilege USAGE', c.schema, p.schemaExists ? p.schemaUsage : 'no such schema'],
    ['has_schema_privilege CREATE', c.schema, p.schemaExists ? p.schemaCreate : 'no such schema'],
  ]
  for (const [name, select, insert, update] of p.tables) {
    rows.push([
      'has_table_privilege SELECT, INSERT, UPDATE',
      `${c.schema}.${name}`,
      select && insert && update,
    ])
  }
  if (p.superuser) return { grants: [], rows }
  const grants: string[] = []
  if (!p.schemaExists && !p.dbCreate) {
    grants.push(`GRANT CREATE ON DATABASE ${q(database)} TO ${q(user)};`)
  }
  if (p.schemaExists && !(p.schemaUsage && p.schemaCreate)) {
    grants.push(`GRANT USAGE, CREATE ON SCHEMA ${q(c.schema)} TO ${q(user)};`)
  }
  const short = p.tables.filter(([, s, i, u]) => !(s && i && u)).map(([n]) => n)
  if (short.length > 0) {
    const names = short.map((n) => `${q(c.schema)}.${q(n)}`).join(', ')
    grants.push(`GRANT SELECT, INSERT, UPDATE ON ${names} TO ${q(user)};`)
  }
  return { grants, rows }
}

function settingsEvidence(config: ChtSyncConfig): EvidenceItem[] {
  const keys = [
    'POSTGRES_HOST',
    'POSTGRES_PORT',
    'POSTGRES_DB',
    'POSTGRES_USER',
    'POSTGRES_PASSWORD',
    'POSTGRES_SCHEMA',
    'POSTGRES_TABLE',
  ] as const
  return keys.map((k) => settingEvidence(config, config.settings[k], k))
}

/** A failure to connect, as the check reports it. */
function unreachable(e: ConfiguredSessionError, c: ConfiguredPostgres, evidence: EvidenceItem[]) {
  const { kind, message, hint } = e.failure
  if (kind === 'dns' && isDockerOnlyHost(c.profile.host)) {
    return {
      verdict: 'warn' as const,
      summary: `${message} ${dockerOnlyNote('POSTGRES_HOST', c.profile.host)}`,
      evidence,
    }
  }
  const remedy =
    kind === 'auth' || kind === 'no_password'
      ? 'Check POSTGRES_USER and POSTGRES_PASSWORD (psql with them should log in), then restart CHT Sync.'
      : kind === 'missing_database'
        ? 'Create the database POSTGRES_DB names, or correct POSTGRES_DB: CHT Sync creates its schema, not its database.'
        : `${hint} The settings are POSTGRES_HOST and POSTGRES_PORT.`
  return { verdict: 'fail' as const, summary: message, evidence, remedy: { text: remedy } }
}

/** The run of `setup.postgres-access`. */
export async function runPostgresAccessCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const config = await ctx.config()
  if (!config) {
    const reason = 'No CHT Sync .env or values.yaml is chosen for this project.'
    return { verdict: 'skipped', summary: reason, skippedBecause: reason }
  }
  const evidence = settingsEvidence(config)
  const configured = configuredPostgres(config)
  if (!configured) {
    const reason =
      'POSTGRES_HOST, POSTGRES_DB or POSTGRES_USER is not set: nothing to connect to. “Required settings are present” reports it.'
    return { verdict: 'skipped', summary: reason, skippedBecause: reason, evidence }
  }
  for (const note of configured.assumed)
    evidence.push({ type: 'fact', label: 'Assumed', value: note })
  const tls = await tlsFor(configured, ctx.document.connections.chtSync).catch((e: unknown) => {
    // The project's CHT Sync profile names TLS files this computer cannot use.
    throw new AppError('IO_ERROR', e instanceof Error ? e.message : String(e))
  })
  const read = (profile: typeof tls.profile) =>
    withConfiguredSession(ctx, profile, configured.password, tls.ssl, (tx) =>
      readPrivileges(tx, configured.schema, configured.table),
    )
  let privileges: Privileges
  let tlsOnly = false
  try {
    privileges = await read(tls.profile)
  } catch (e) {
    if (!(e instanceof ConfiguredSessionError)) throw e
    if (e.failure.kind !== 'tls' || tls.fromProfile) return unreachable(e, configured, evidence)
    try {
      privileges = await read({ ...tls.profile, ssl: 'require' })
      tlsOnly = true
    } catch (again) {
      if (!(again instanceof ConfiguredSessionError)) throw again
      return unreachable(again, configured, evidence)
    }
  }
  evidence.push(
    { type: 'fact', label: 'Server version', value: `PostgreSQL ${privileges.version}` },
    {
      type: 'fact',
      label: 'Logged in as',
      value: privileges.user + (privileges.superuser ? ' (superuser)' : ''),
    },
    {
      type: 'fact',
      label: 'TLS',
      value: tls.fromProfile
        ? `as the project’s CHT Sync connection (${tls.profile.ssl})`
        : tlsOnly
          ? 'the server refused a plain connection; encrypted (require) worked'
          : 'none (the server accepted a plain connection)',
    },
  )
  const { grants, rows } = assess(privileges, configured)
  evidence.push({
    type: 'table',
    caption: 'What CHT Sync’s user may do',
    columns: ['privilege', 'on', 'granted'],
    rows,
  })
  const where = `${configured.profile.host}:${configured.profile.port}/${configured.profile.database}`
  if (grants.length > 0) {
    return {
      verdict: 'fail',
      summary: `${privileges.user} can log in to ${where} but may not build what CHT Sync needs: ${privileges.schemaExists ? `the schema ${configured.schema} and its tables` : `the schema ${configured.schema}, which needs CREATE on the database`}.`,
      evidence,
      remedy: { text: `As the database owner or a superuser, run: ${grants.join(' ')}` },
    }
  }
  if (tlsOnly) {
    return {
      verdict: 'warn',
      summary: `${where} accepts only encrypted connections. CHT Sync’s couch2pg service has no TLS setting and connects in plain text unless PGSSLMODE is set in its environment.`,
      evidence,
      remedy: {
        text: 'Add PGSSLMODE=require to the environment of the couch2pg service (a docker-compose override, or the Helm template), or allow plain connections from the CHT Sync server in pg_hba.conf.',
      },
    }
  }
  return {
    verdict: 'pass',
    summary: `${privileges.user} logs in to ${where} and may create ${privileges.schemaExists ? `in the schema ${configured.schema}` : `the schema ${configured.schema}`}${privileges.tables.length > 0 ? ' and write its tables' : ''}.`,
    evidence,
  }
}
