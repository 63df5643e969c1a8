import type pg from 'pg'
import type { ExecutableStage } from '../../../../shared/teardown/teardown-settings'
import { describeSessions } from './records'
import type { DatabaseFacts, ServerFacts } from './types'

/** A database's owner, whether the role has its rights, and the other sessions on it. */
const databaseFacts = (
  param: string,
) => `(SELECT json_build_object('owner', pg_get_userbyid(d.datdba),
     'ownedByUser', pg_has_role(r.oid, d.datdba, 'USAGE'),
     'connectGrantees', coalesce((SELECT json_agg(DISTINCT pg_get_userbyid(a.grantee))
        FROM aclexplode(d.datacl) a
        WHERE a.privilege_type = 'CONNECT' AND a.grantee <> 0 AND a.grantee <> d.datdba), '[]'::json),
     'sessions', coalesce((SELECT json_agg(json_build_object('user', coalesce(s.usename, ''),
        'application', coalesce(s.application_name, ''), 'count', s.n)
        ORDER BY s.usename, s.application_name)
      FROM (SELECT usename, application_name, count(*)::int AS n FROM pg_stat_activity
            WHERE datname = d.datname AND pid <> pg_backend_pid()
            GROUP BY usename, application_name) s), '[]'::json))
   FROM pg_database d WHERE d.datname = ${param})`

/** One read-only statement: the role's rights and the two databases, owners and sessions. */
export const FACTS_SQL = `SELECT r.rolname AS "user", r.rolsuper AS superuser, r.rolcreatedb AS createdb,
  pg_has_role(r.oid, 'pg_signal_backend', 'USAGE') AS "signalBackend",
  ${databaseFacts('$1')} AS database,
  ${databaseFacts('$2')} AS deprecated
FROM pg_roles r WHERE r.rolname = current_user`

/** Reads the server's facts for a stage on an open connection (read-only). */
export async function readServerFacts(
  client: Pick<pg.ClientBase, 'query'>,
  database: string,
  deprecated: string,
): Promise<ServerFacts> {
  const { rows } = await client.query<ServerFacts>(FACTS_SQL, [database, deprecated])
  const row = rows[0]
  if (!row) throw new Error('The server did not describe the connected role.')
  return row
}

/** What the server's state allows: a refusal, or the statements to skip as already done. */
export type ServerVerdict =
  { refusal: string } | { refusal: null; skip: Map<number, string>; sessions: DatabaseFacts | null }

interface Names {
  database: string
  deprecated: string
}

/** Why the role may not run the stage, or null when it may. */
function rightsRefusal(stage: ExecutableStage, facts: ServerFacts, target: DatabaseFacts) {
  if (facts.superuser) return null
  const who = `The role ${facts.user}`
  if (!target.ownedByUser) {
    return `${who} does not own the database (its owner is ${target.owner}) and is not a superuser: log in as the owner or a superuser for this stage.`
  }
  if (stage !== 'drop' && !facts.createdb) {
    return `${who} owns the database but lacks CREATEDB, which renaming a database needs: log in as a superuser, or have one run ALTER ROLE ${facts.user} CREATEDB.`
  }
  const others = target.sessions.filter((s) => s.user !== facts.user)
  if (stage === 'revoke-rename' && !facts.signalBackend && others.length > 0) {
    return `${who} may not end other roles' sessions (${describeSessions(others)}): log in as a superuser, or have one run GRANT pg_signal_backend TO ${facts.user}.`
  }
  return null
}

/**
 * Judges the server's state for a stage: revoke-rename needs the database and no
 * `_deprecated` one; restore-rename the reverse (or, when only the rename back was done, the
 * grants are left to run and the rename is skipped); drop needs `_deprecated`. Then the role:
 * a superuser, or the owner (with CREATEDB for a rename, with `pg_signal_backend` to end other
 * roles' sessions).
 */
export function judgeServerState(
  stage: ExecutableStage,
  facts: ServerFacts,
  names: Names,
  statements: readonly string[],
): ServerVerdict {
  const { database: db, deprecated: dep } = names
  const skip = new Map<number, string>()
  const both = `Both ${db} and ${dep} exist on the server: the wizard does not know which one holds couch2pg's data. Look at both (and drop or rename one by hand) before running a stage.`
  const neither = `Neither ${db} nor ${dep} exists on the server: check that the project's couch2pg connection points at the right server.`
  if (facts.database && facts.deprecated) return { refusal: both }
  if (!facts.database && !facts.deprecated) return { refusal: neither }
  let target: DatabaseFacts
  if (stage === 'revoke-rename') {
    if (!facts.database) {
      return {
        refusal: `${db} is already renamed to ${dep}: there is nothing left for revoke-rename to do. If that rename is not recorded as done here (a lost connection), run restore-rename and then revoke-rename again, so the grace period counts from a recorded rename.`,
      }
    }
    target = facts.database
  } else if (stage === 'restore-rename') {
    if (facts.deprecated) target = facts.deprecated
    else {
      target = facts.database!
      const rename = statements.findIndex((s) => s.startsWith('ALTER DATABASE'))
      if (rename >= 0) skip.set(rename, `Already done: ${db} exists and ${dep} does not.`)
    }
  } else {
    if (!facts.deprecated) {
      return {
        refusal: `There is no ${dep} to drop: ${db} is not renamed (run revoke-rename and wait the grace period), or it was dropped already.`,
      }
    }
    target = facts.deprecated
  }
  const refusal = rightsRefusal(stage, facts, target)
  return refusal ? { refusal } : { refusal: null, skip, sessions: target }
}
