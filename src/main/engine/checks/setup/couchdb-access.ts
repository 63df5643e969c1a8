import { AppError } from '../../../../shared/result'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { Scalar } from '../../../../shared/results/common'
import { classifyError } from '../../connections/classify'
import { createCouchSession, type CouchSession } from '../../connections/couch-session'
import type { CheckContext, CheckOutcome } from '../check-types'
import type { ChtSyncConfig, CouchdbTarget } from '../config/config-types'
import {
  couchAddress,
  databaseList,
  dockerOnlyNote,
  entryValue,
  isDockerOnlyHost,
  settingEvidence,
  type CouchAddress,
} from './access-config'

/** Each request of the check is abandoned after this long. */
const REQUEST_MS = 10_000
/** `_session` and `_changes?limit=0` answer a few hundred bytes. */
const ANSWER_BYTES = 256 * 1024

type Verdict = 'pass' | 'warn' | 'fail'

/** What the check found for one CHT instance CHT Sync reads. */
interface TargetReport {
  verdict: Verdict
  summary: string
  remedy: string | null
  rows: Scalar[][]
}

const cancelled = () => new AppError('CANCELLED', 'The checks were cancelled.')

/** The reason an answer's status gives, in the check's words; null for a 2xx. */
function statusProblem(status: number, user: string, where: string): string | null {
  if (status >= 200 && status < 300) return null
  if (status === 401)
    return `CouchDB refused COUCHDB_USER “${user}” with COUCHDB_PASSWORD (HTTP 401 on ${where}).`
  if (status === 403) return `COUCHDB_USER “${user}” may not read ${where} (HTTP 403).`
  if (status === 404) return `There is no ${where} (HTTP 404).`
  if (status >= 300 && status < 400) return `${where} redirects elsewhere (HTTP ${status}).`
  return `${where} answered with HTTP ${status}.`
}

function remedyFor(status: number, address: CouchAddress, location: string | null): string {
  if (status === 401) {
    return 'Check COUCHDB_USER and COUCHDB_PASSWORD: log in to the CHT with them (or curl -u) to be sure, then restart CHT Sync.'
  }
  if (status === 403) {
    return 'Give the user read access: make it a CHT administrator, or add it to the members of each database in COUCHDB_DBS.'
  }
  if (status === 404) {
    return 'Correct COUCHDB_DBS (see “Every database in COUCHDB_DBS exists on CouchDB”) or the host and port.'
  }
  if (status >= 300 && status < 400 && !address.secure && location?.startsWith('https:')) {
    return 'The server sends http to https: set COUCHDB_SECURE=true and COUCHDB_PORT=443.'
  }
  return 'Check COUCHDB_HOST and COUCHDB_PORT: they must reach the CHT’s CouchDB (port 443 behind nginx).'
}

/** A TLS failure that means the port speaks plain http, not a certificate problem. */
const PLAIN_HTTP = /does not speak TLS|TLS handshake|not speak https/i

/**
 * What to change for a connection that failed before any answer: the settings CHT Sync reads
 * rather than the wizard's own connection fields.
 */
function networkRemedy(kind: string, message: string, hint: string, address: CouchAddress): string {
  if (kind === 'tls' && address.secure && PLAIN_HTTP.test(message)) {
    return 'The server speaks plain http on this port: set COUCHDB_SECURE=false (left unset, it is true), or use the https port (COUCHDB_PORT=443 behind nginx).'
  }
  if (kind === 'tls') {
    return `${hint} CHT Sync’s couch2pg service checks the certificate too: COUCHDB_HOST must be the name on a certificate from a trusted authority.`
  }
  if (kind === 'other' && !address.secure) {
    return `${hint} If the server speaks only https on this port, set COUCHDB_SECURE=true.`
  }
  return `${hint} The settings are COUCHDB_HOST and COUCHDB_PORT.`
}

async function get(session: CouchSession, path: string, ctx: CheckContext) {
  if (ctx.signal.aborted) throw cancelled()
  return session.get(path, { maxBytes: ANSWER_BYTES })
}

/** Connects as CHT Sync would to one target, then reads each database's changes feed. */
async function checkTarget(
  ctx: CheckContext,
  target: CouchdbTarget,
  address: CouchAddress,
): Promise<TargetReport> {
  const user = entryValue(target.user) ?? ''
  const dbs = databaseList(target.dbs).names
  // The password is used for the Authorization header only, never stored or shown (SEC-09).
  const session = createCouchSession(
    { url: address.url, username: user },
    target.password?.value ?? '',
    { requestTimeoutMs: REQUEST_MS, signal: ctx.signal },
  )
  const rows: Scalar[][] = []
  try {
    const login = await get(session, '_session', ctx)
    const problem = statusProblem(login.status, user, `${address.url}/_session`)
    if (problem && login.status !== 404) {
      return {
        verdict: 'fail',
        summary: problem,
        remedy: remedyFor(login.status, address, login.location),
        rows,
      }
    }
    const name = (login.json as { userCtx?: { name?: unknown } } | null)?.userCtx?.name
    if (login.status === 200 && user !== '' && name !== user) {
      return {
        verdict: 'fail',
        summary: `CouchDB at ${address.url} did not log COUCHDB_USER “${user}” in.`,
        remedy: remedyFor(401, address, null),
        rows,
      }
    }
    let worst: TargetReport | null = null
    for (const db of dbs.slice(0, 50)) {
      const where = `${address.url}/${db}/_changes`
      const answer = await get(session, `${encodeURIComponent(db)}/_changes?limit=0`, ctx)
      const dbProblem = statusProblem(answer.status, user, where)
      rows.push([address.url, db, dbProblem === null, dbProblem ?? 'readable'])
      if (dbProblem && !worst) {
        worst = {
          verdict: 'fail',
          summary: dbProblem,
          remedy: remedyFor(answer.status, address, answer.location),
          rows,
        }
      }
    }
    return (
      worst ?? {
        verdict: 'pass',
        summary: `${address.url} lets “${user}” read the changes feed of ${dbs.map((d) => `“${d}”`).join(', ')}.`,
        remedy: null,
        rows,
      }
    )
  } catch (e) {
    if (ctx.signal.aborted) throw cancelled()
    const failure = classifyError(e, {
      endpoint: 'couchdb',
      host: address.host,
      port: address.port,
      timeoutMs: REQUEST_MS,
    })
    if (failure.kind === 'dns' && isDockerOnlyHost(address.host)) {
      return {
        verdict: 'warn',
        summary: `${failure.message} ${dockerOnlyNote('COUCHDB_HOST', address.host)}`,
        remedy: null,
        rows,
      }
    }
    return {
      verdict: 'fail',
      summary: failure.message,
      remedy: networkRemedy(failure.kind, failure.message, failure.hint, address),
      rows,
    }
  }
}

const RANK: Record<Verdict, number> = { pass: 0, warn: 1, fail: 2 }

/** Why a target cannot be tried, or null. */
function unusable(target: CouchdbTarget): string | null {
  const host = entryValue(target.host)
  if (!host) return 'COUCHDB_HOST is not set'
  if (/[/@\s]/.test(host)) {
    return `COUCHDB_HOST “${host}” is not a bare host name (no scheme, path or user: CHT Sync adds them)`
  }
  if (!entryValue(target.user)) return 'COUCHDB_USER is not set'
  if (databaseList(target.dbs).names.length === 0) return 'COUCHDB_DBS is not set'
  return null
}

function evidenceOf(config: ChtSyncConfig, target: CouchdbTarget): EvidenceItem[] {
  return [
    settingEvidence(config, target.host, 'COUCHDB_HOST'),
    settingEvidence(config, target.port, 'COUCHDB_PORT'),
    settingEvidence(config, target.secure, 'COUCHDB_SECURE'),
    settingEvidence(config, target.user, 'COUCHDB_USER'),
    settingEvidence(config, target.password, 'COUCHDB_PASSWORD'),
  ]
}

/** The run of `setup.couchdb-access`. */
export async function runCouchdbAccessCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const config = await ctx.config()
  if (!config) {
    const reason = 'No CHT Sync .env or values.yaml is chosen for this project.'
    return { verdict: 'skipped', summary: reason, skippedBecause: reason }
  }
  const evidence: EvidenceItem[] = []
  const reports: TargetReport[] = []
  const skipped: string[] = []
  for (const target of config.couchdbs.slice(0, 10)) {
    evidence.push(...evidenceOf(config, target))
    const reason = unusable(target)
    const address = reason === null ? couchAddress(config, target) : null
    if (!address) {
      skipped.push(reason ?? 'the address cannot be built')
      continue
    }
    evidence.push({
      type: 'fact',
      label: 'Address CHT Sync builds',
      value: `${address.url} (${address.secure ? 'https: COUCHDB_SECURE is true or unset' : 'http: COUCHDB_SECURE is not “true”'})`,
    })
    reports.push(await checkTarget(ctx, target, address))
  }
  const rows = reports.flatMap((r) => r.rows)
  if (rows.length > 0) {
    evidence.push({
      type: 'table',
      caption: 'Changes feeds read as COUCHDB_USER',
      columns: ['address', 'database', 'readable', 'detail'],
      rows,
    })
  }
  if (reports.length === 0) {
    const reason = `${skipped.join('; ')}: nothing to connect to. “Required settings are present” reports it.`
    return { verdict: 'skipped', summary: reason, skippedBecause: reason, evidence }
  }
  const worst = reports.reduce((a, b) => (RANK[b.verdict] > RANK[a.verdict] ? b : a))
  const remedies = [...new Set(reports.map((r) => r.remedy).filter((r): r is string => !!r))]
  const summary = reports.length === 1 ? worst.summary : reports.map((r) => r.summary).join(' ')
  return {
    verdict: worst.verdict,
    summary,
    evidence,
    remedy: worst.verdict === 'pass' || remedies.length === 0 ? null : { text: remedies.join(' ') },
  }
}
