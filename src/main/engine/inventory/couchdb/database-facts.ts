import { CHT_DATABASES } from '../../../../shared/cht-databases'
import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import type { CouchDatabaseFacts } from '../../../../shared/results/couchdb-inventory-result'
import { identifyServer, type ServerIdentity } from '../../connections/detect-couchdb'
import { SMALL_ANSWER_BYTES, type CouchSource } from '../../parity/couch-client'
import { errorKind, isCancelled, shortError } from './scan-errors'

/**
 * The server-level facts of the CouchDB inventory, read with the parity source (bounded, timed,
 * classified): what `GET /` says, the CHT version, and `GET /<db>` of each CHT database.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/**
 * `GET /`: the server as connection detection identifies it (CouchDB or PouchDB Server), or
 * null when the answer is JSON but not a CouchDB welcome. Failures of the read are thrown.
 */
export async function readServer(source: CouchSource): Promise<ServerIdentity | null> {
  const root = await source.read({ db: null, maxBytes: SMALL_ANSWER_BYTES })
  return identifyServer({
    status: 200,
    json: root,
    contentType: 'application/json',
    location: null,
  })
}

/** Most bytes read of `medic`'s `_design/medic` (its views' code, no attachment bodies). */
const DESIGN_DOC_BYTES = 8 * 1024 * 1024

const versionIn = (value: unknown): string | null =>
  isRecord(value) && typeof value.version === 'string'
    ? clipText(value.version, TEXT_LIMITS.short)
    : null

/**
 * The CHT version: from `/api/v2/monitoring` where the address is the CHT API (through nginx),
 * else from `medic`'s `_design/medic` (`build_info.version` in CHT 4, `deploy_info.version` in
 * CHT 3), which a bare CouchDB serves too; null when neither says. Only a cancel is thrown.
 */
export async function readChtVersion(source: CouchSource): Promise<string | null> {
  try {
    const answer = await source.read({
      db: null,
      path: 'api/v2/monitoring',
      maxBytes: SMALL_ANSWER_BYTES,
    })
    const version = isRecord(answer.version) ? answer.version.app : null
    if (typeof version === 'string') return clipText(version, TEXT_LIMITS.short)
  } catch (e) {
    if (isCancelled(e)) throw e
  }
  try {
    const ddoc = await source.read({
      db: 'medic',
      path: '_design/medic',
      maxBytes: DESIGN_DOC_BYTES,
    })
    return versionIn(ddoc.build_info) ?? versionIn(ddoc.deploy_info)
  } catch (e) {
    if (isCancelled(e)) throw e
    return null
  }
}

/** The sequence as the server gave it: text, never parsed (reference 6.3); clipped to its bound. */
function seqText(value: unknown): string | null {
  if (typeof value === 'string') return clipText(value, TEXT_LIMITS.short)
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

/** `sizes.file` (CouchDB 2+), else `disk_size` (CouchDB 1.x); null when neither is given. */
function sizeOf(info: Record<string, unknown>): number | null {
  const file = isRecord(info.sizes) ? info.sizes.file : undefined
  if (isCount(file)) return file
  return isCount(info.disk_size) ? info.disk_size : null
}

const failed = (name: string, error: string): CouchDatabaseFacts => ({
  name,
  docCount: null,
  deletedCount: null,
  sizeBytes: null,
  updateSeq: null,
  error: clipText(error, TEXT_LIMITS.short),
})

/**
 * `GET /<db>`: its counts, size and `update_seq`, or null when the server has no such database
 * (HTTP 404: `medic-logs` before CHT 4, say). Any other failure is kept as the database's `error`
 * with null counts; only a cancel is thrown.
 */
export async function readDatabase(
  source: CouchSource,
  name: string,
): Promise<CouchDatabaseFacts | null> {
  let info: Record<string, unknown>
  try {
    info = await source.read({ db: name, maxBytes: SMALL_ANSWER_BYTES })
  } catch (e) {
    if (isCancelled(e)) throw e
    if (errorKind(e) === 'missing_database') return null
    return failed(name, shortError(e))
  }
  if (!isCount(info.doc_count)) {
    return failed(name, `The server described “${name}” without its doc_count.`)
  }
  return {
    name,
    docCount: info.doc_count,
    deletedCount: isCount(info.doc_del_count) ? info.doc_del_count : null,
    sizeBytes: sizeOf(info),
    updateSeq: seqText(info.update_seq),
    error: null,
  }
}

/**
 * The CHT databases present on the server (reference 6.1), in `CHT_DATABASES` order, each read
 * with `GET /<db>`. That works for users to whom CouchDB 3 refuses `/_all_dbs` and stays small
 * on instances with thousands of per-user databases, which the pipelines never copy.
 * `onRead` hears how many databases were read so far.
 */
export async function readChtDatabases(
  source: CouchSource,
  onRead: (done: number, total: number) => void = () => {},
): Promise<CouchDatabaseFacts[]> {
  const found: CouchDatabaseFacts[] = []
  let done = 0
  for (const name of CHT_DATABASES) {
    const facts = await readDatabase(source, name)
    if (facts) found.push(facts)
    onRead(++done, CHT_DATABASES.length)
  }
  return found
}
