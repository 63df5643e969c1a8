import { isAppError } from '../../../../shared/result'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import { SMALL_ANSWER_BYTES, type CouchSource } from '../../parity/couch-client'
import type { CheckContext, CheckOutcome } from '../check-types'
import type { ChtSyncConfig, CouchdbTarget } from '../config/config-types'
import { databaseList, entryValue, isLocalHost, settingEvidence } from './access-config'

/** What GET /<db> said about one name of COUCHDB_DBS. */
interface DatabaseProbe {
  name: string
  state: 'exists' | 'missing' | 'no_access'
  docCount: number | null
  /** An existing database whose name differs only by `_`/`-` or case. */
  suggestion: string | null
}

type Lookup = { state: DatabaseProbe['state']; docCount: number | null }

/** GET /<db>: exists (with its doc_count), missing (404, or a name CouchDB refuses), or no access. */
async function lookupDatabase(source: CouchSource, name: string): Promise<Lookup> {
  try {
    const info = await source.read({ db: name, maxBytes: SMALL_ANSWER_BYTES })
    const count = info.doc_count
    return { state: 'exists', docCount: typeof count === 'number' ? count : null }
  } catch (e) {
    if (!isAppError(e) || e.code !== 'IO_ERROR') throw e
    const kind = e.details?.kind
    const status = e.details?.status
    if (kind === 'missing_database' || status === 400) return { state: 'missing', docCount: null }
    if (kind === 'permission') return { state: 'no_access', docCount: null }
    throw e
  }
}

/** At most this many other spellings are looked up per missing name. */
const MAX_VARIANTS = 8

/**
 * The names a typo most likely meant, most likely first: lower case, every `_` and `-` swapped,
 * then one separator swapped at a time (`medic_users-meta` → `medic-users-meta`).
 */
export function nameVariants(name: string): string[] {
  const lower = name.toLowerCase()
  const swapAll = (n: string, from: RegExp, to: string) => n.replace(from, to)
  const single: string[] = []
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i]
    if (c === '_' || c === '-') {
      single.push(`${lower.slice(0, i)}${c === '_' ? '-' : '_'}${lower.slice(i + 1)}`)
    }
  }
  const all = [lower, swapAll(lower, /_/g, '-'), swapAll(lower, /-/g, '_'), ...single.reverse()]
  return [...new Set(all)].filter((v) => v !== name).slice(0, MAX_VARIANTS)
}

async function probe(source: CouchSource, name: string): Promise<DatabaseProbe> {
  const found = await lookupDatabase(source, name)
  if (found.state !== 'missing') return { name, ...found, suggestion: null }
  for (const variant of nameVariants(name)) {
    const other = await lookupDatabase(source, variant)
    if (other.state === 'exists') return { name, ...found, suggestion: variant }
  }
  return { name, ...found, suggestion: null }
}

/**
 * The targets whose databases are looked for on the project's CouchDB: those naming its host
 * (values.yaml may list several CHT instances), or all of them when none does (a tunnel or an
 * internal name may stand for it).
 */
function targetsOn(config: ChtSyncConfig, couchUrl: string): CouchdbTarget[] {
  const host = new URL(couchUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const same = (h: string) => h.toLowerCase() === host || (isLocalHost(h) && isLocalHost(host))
  const matching = config.couchdbs.filter((t) => {
    const h = entryValue(t.host)
    return h !== null && same(h)
  })
  return matching.length > 0 ? matching : config.couchdbs
}

const quoted = (names: string[]) => names.map((n) => `“${n}”`).join(', ')

/** The run of `setup.env-databases`. */
export async function runEnvDatabasesCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const config = await ctx.config()
  if (!config) {
    const reason = 'No CHT Sync .env or values.yaml is chosen for this project.'
    return { verdict: 'skipped', summary: reason, skippedBecause: reason }
  }
  const source = await ctx.couch()
  const targets = targetsOn(config, source.baseUrl)
  const lists = targets.map((t) => ({ target: t, list: databaseList(t.dbs) }))
  const names = [...new Set(lists.flatMap((l) => l.list.names))]
  const evidence: EvidenceItem[] = lists.map(({ target }) =>
    settingEvidence(config, target.dbs, 'COUCHDB_DBS'),
  )
  if (names.length === 0) {
    const reason =
      'COUCHDB_DBS is empty or not set, so there is no database to look for; “Required settings are present” reports it.'
    return { verdict: 'skipped', summary: reason, skippedBecause: reason, evidence }
  }
  const probes: DatabaseProbe[] = []
  for (const name of names.slice(0, 50)) probes.push(await probe(source, name))
  evidence.push({
    type: 'table',
    caption: `Databases of COUCHDB_DBS on ${source.baseUrl}`,
    columns: ['database', 'exists', 'doc_count', 'note'],
    rows: probes.map((p) => [
      p.name,
      p.state === 'no_access' ? null : p.state === 'exists',
      p.docCount,
      p.suggestion
        ? `did you mean “${p.suggestion}”?`
        : p.state === 'no_access'
          ? 'the project’s CouchDB user may not read it'
          : '',
    ]),
  })

  const missing = probes.filter((p) => p.state === 'missing')
  if (missing.length > 0) {
    const said = missing.map((p) =>
      p.suggestion ? `“${p.name}” (did you mean “${p.suggestion}”?)` : `“${p.name}”`,
    )
    const fixed = names.map((n) => missing.find((p) => p.name === n)?.suggestion ?? n)
    return {
      verdict: 'fail',
      summary: `${source.baseUrl} has no database ${said.join(', ')}: CHT Sync would copy nothing from ${missing.length === 1 ? 'it' : 'them'}, without an error.`,
      evidence,
      remedy: {
        text: `Write the names exactly as CouchDB has them, separated by commas${missing.some((p) => p.suggestion) ? `: COUCHDB_DBS=${fixed.join(',')}` : ''}. Then restart CHT Sync (docker compose up -d, or helm upgrade).`,
      },
    }
  }
  const unreadable = probes.filter((p) => p.state === 'no_access')
  if (unreadable.length > 0) {
    return {
      verdict: 'warn',
      summary: `The project’s CouchDB user may not read ${quoted(unreadable.map((p) => p.name))}, so the wizard cannot tell whether ${unreadable.length === 1 ? 'it exists' : 'they exist'}.`,
      evidence,
      remedy: {
        text: 'Connect to CouchDB as a CHT administrator (Connections page) and run the check again.',
      },
    }
  }
  if (lists.some((l) => l.list.spaceSeparated)) {
    return {
      verdict: 'warn',
      summary: `Every database of COUCHDB_DBS exists, but the list is separated by spaces. CHT Sync 1.1.4 and later read it; older releases take it as one name.`,
      evidence,
      remedy: { text: `Separate the names with commas: COUCHDB_DBS=${names.join(',')}.` },
    }
  }
  return {
    verdict: 'pass',
    summary: `Every database of COUCHDB_DBS exists on ${source.baseUrl}: ${quoted(names)}.`,
    evidence,
  }
}
