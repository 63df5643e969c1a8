import { CHT_DATABASES } from '../../../shared/cht-databases'
import { PASSWORD_ENV_VARS } from '../../../shared/connections'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type { CouchDatabaseFact, CouchdbFacts } from '../../../shared/results/connection-result'
import { ConnectionFailure, type FailureLearnt } from './classify'
import type { CouchResponse, CouchSession } from './couch-session'
import type { Detection } from './detection'

export interface ServerIdentity {
  vendor: 'couchdb' | 'pouchdb-server'
  version: string | null
  label: string
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A string from the server, clipped to the stored bound of names and versions; else null. */
const str = (value: unknown): string | null =>
  typeof value === 'string' ? clipText(value, TEXT_LIMITS.short) : null

/**
 * Which server answered `/`: CouchDB, PouchDB Server (express-pouchdb, CouchDB-compatible), or
 * neither (null).
 *
 * express-pouchdb answers `{"express-pouchdb": "Welcome!"}`; a wrapper may answer like CouchDB
 * and name express-pouchdb or PouchDB in `vendor.name`. Either way it is reported as PouchDB
 * Server, honestly, rather than as the CouchDB version it imitates.
 */
export function identifyServer(root: CouchResponse): ServerIdentity | null {
  const body = root.json
  if (root.status !== 200 || !isRecord(body)) return null
  const version = str(body.version)
  const vendorName = isRecord(body.vendor) ? (str(body.vendor.name) ?? '') : ''
  if (str(body['express-pouchdb'])?.startsWith('Welcome')) {
    const label = `PouchDB Server${version ? ` ${version}` : ''} (CouchDB-compatible)`
    return { vendor: 'pouchdb-server', version, label: clipText(label, TEXT_LIMITS.short) }
  }
  if (body.couchdb !== 'Welcome') return null
  if (/pouch/i.test(vendorName)) {
    const label = `PouchDB Server (CouchDB-compatible${version ? `, answers as CouchDB ${version}` : ''})`
    return { vendor: 'pouchdb-server', version, label: clipText(label, TEXT_LIMITS.short) }
  }
  const label = `CouchDB ${version ?? '(version not reported)'}`
  return { vendor: 'couchdb', version, label: clipText(label, TEXT_LIMITS.short) }
}

function describeAnswer(root: CouchResponse): string {
  const type = clipText(root.contentType.split(';')[0]?.trim() || 'no content type', 100)
  if (/html/i.test(type)) return `an HTML page (HTTP ${root.status})`
  if (root.json !== null) return `JSON that is not CouchDB’s welcome (HTTP ${root.status})`
  return `HTTP ${root.status}, ${type}`
}

/** `GET /<db>`: counts where the server gave them (a missing `doc_del_count` is unknown). */
async function databaseState(session: CouchSession, name: string): Promise<CouchDatabaseFact> {
  const answer = await session.get(encodeURIComponent(name))
  const body = answer.json
  const fact = (state: CouchDatabaseFact['state']): CouchDatabaseFact => ({
    name,
    state,
    docCount: null,
    deletedCount: null,
    httpStatus: null,
  })
  if (answer.status === 200 && isRecord(body) && isCount(body.doc_count)) {
    const deleted = isCount(body.doc_del_count) ? body.doc_del_count : null
    return { ...fact('present'), docCount: body.doc_count, deletedCount: deleted }
  }
  if (answer.status === 404) return fact('absent')
  if (answer.status === 401) return fact('unauthorized')
  if (answer.status === 403) return fact('forbidden')
  return { ...fact('unknown'), httpStatus: answer.status }
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

async function chtVersion(session: CouchSession): Promise<string | null> {
  try {
    const answer = await session.get('api/v2/monitoring')
    const body = answer.json
    if (answer.status !== 200 || !isRecord(body) || !isRecord(body.version)) return null
    return str(body.version.app)
  } catch {
    return null
  }
}

function authFailure(
  base: string,
  username: string,
  where: string,
  learnt: FailureLearnt = {},
): ConnectionFailure {
  return new ConnectionFailure(
    'auth',
    username === ''
      ? `${base} requires a user name and password (HTTP 401 on ${where}).`
      : `${base} refused the user name or password (HTTP 401 on ${where}).`,
    username === ''
      ? 'Fill in the user name of a CHT administrator (or a user allowed to read medic) and its password.'
      : `Check the user name “${username}”, then type the password again (browser mode and the command line also read ${PASSWORD_ENV_VARS.couchdb}).`,
    learnt,
  )
}

/** Who the credentials sign in as (`/_session`); a 401 there means they are wrong. */
async function signedInAs(session: CouchSession, username: string, serverLabel: string) {
  if (username === '') return null
  const answer = await session.get('_session')
  if (answer.status === 401) {
    throw authFailure(session.baseUrl, username, '/_session', { serverLabel, looksLike: 'couchdb' })
  }
  const body = answer.json
  if (answer.status !== 200 || !isRecord(body) || !isRecord(body.userCtx)) return null
  const name = str(body.userCtx.name)
  const roles = Array.isArray(body.userCtx.roles) ? body.userCtx.roles : []
  return name === null ? null : { name, admin: roles.includes('_admin') }
}

/**
 * Read-only probes of a CHT instance's CouchDB (reference section 10).
 *
 * `GET /` tells CouchDB from PouchDB Server from anything else (`not_couchdb`, or a redirect to
 * another address); a 401 on `/` or `/_session` means wrong credentials. Each CHT database is
 * then read with `GET /<db>` (doc counts; 404 absent, 401 credentials refused, 403 not allowed):
 * that works for users to whom CouchDB 3 refuses `/_all_dbs`, and stays small on instances with
 * thousands of per-user databases. `medic` is required (`missing_database`, `permission`); those
 * failures carry the facts learnt. The CHT version comes from `/api/v2/monitoring` where the
 * address is the CHT API (through nginx); a bare CouchDB has none, which is a fact, not a failure.
 */
export async function detectCouchdb(
  session: CouchSession,
  username: string,
): Promise<Detection<CouchdbFacts>> {
  const base = session.baseUrl
  const root = await session.get('')
  if (root.status === 401) throw authFailure(base, username, '/')
  if (root.status >= 300 && root.status < 400) {
    throw new ConnectionFailure(
      'not_couchdb',
      `${base} redirects to ${clipText(root.location ?? 'another address', TEXT_LIMITS.line)} instead of answering as CouchDB.`,
      'Use the address the server redirects to (often the https:// form) if that is the CHT, and test again.',
      { looksLike: 'http' },
    )
  }
  const server = identifyServer(root)
  if (!server) {
    throw new ConnectionFailure(
      'not_couchdb',
      `${base} answered with ${describeAnswer(root)}: this is not a CouchDB server.`,
      'Check the address and port: CHT’s CouchDB is usually https://<your CHT host> (through nginx), or port 5984 for a bare CouchDB.',
      { looksLike: 'http' },
    )
  }
  const user = await signedInAs(session, username, server.label)
  const [databases, cht] = await Promise.all([
    // The CHT databases analytics reads (reference 6.1); `medic` must exist for a CHT.
    Promise.all(CHT_DATABASES.map((name) => databaseState(session, name))),
    chtVersion(session),
  ])
  const facts: CouchdbFacts = {
    endpoint: 'couchdb',
    vendor: server.vendor,
    version: server.version,
    chtVersion: cht,
    signedInAs: user,
    anonymous: username === '',
    databases,
  }
  const medic = databases[0] as CouchDatabaseFact
  const learnt = { serverLabel: server.label, facts, looksLike: 'couchdb' as const }
  // A 401 after `/_session` accepted the credentials means "not a member", as PouchDB Server
  // says it (CouchDB says 403); without a signed-in user it means credentials are needed.
  if (medic.state === 'unauthorized' && user === null) {
    throw authFailure(base, username, '/medic', learnt)
  }
  if (medic.state === 'absent') {
    throw new ConnectionFailure(
      'missing_database',
      `${base} is a CouchDB server, but it has no “medic” database: it is not a CHT instance’s CouchDB.`,
      'Check the address: it must be the CouchDB of the CHT instance whose data couch2pg copies.',
      learnt,
    )
  }
  if (medic.state === 'forbidden' || medic.state === 'unauthorized') {
    throw new ConnectionFailure(
      'permission',
      `The user “${username}” may not read the “medic” database (HTTP ${medic.state === 'forbidden' ? 403 : 401}).`,
      'Use a CHT administrator, or a user listed among the members of medic, medic-sentinel and medic-users-meta.',
      learnt,
    )
  }
  if (medic.state !== 'present') {
    throw new ConnectionFailure(
      'other',
      `${base} did not describe the “medic” database (HTTP ${medic.httpStatus ?? 'unknown'}).`,
      'Test again; if this persists, the server or a proxy in front of it is failing.',
      learnt,
    )
  }
  return { serverLabel: server.label, facts }
}
