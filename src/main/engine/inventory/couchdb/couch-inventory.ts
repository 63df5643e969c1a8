import type { CouchdbProfile } from '../../../../shared/project-schema'
import { AppError } from '../../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import type {
  CouchDatabaseFacts,
  CouchdbInventoryDetails,
} from '../../../../shared/results/couchdb-inventory-result'
import { openCouchSource, type CouchSource } from '../../parity/couch-source'
import { readChtDatabases, readChtVersion, readServer } from './database-facts'
import { emptyTallies, medicDistribution, scanDocuments } from './medic-scan'
import { shortError, stopReason, type InventoryStop } from './scan-errors'

/**
 * The CouchDB inventory of the Plan step: what the CHT instance's CouchDB holds, read-only.
 */

/** Each CouchDB request of an inventory is abandoned after this long (a page of documents too). */
export const COUCH_INVENTORY_REQUEST_TIMEOUT_MS = 120_000

/** The database whose documents are counted by type, form and contact type. */
export const MEDIC = 'medic'

export interface CouchInventoryOptions {
  /** The run's signal: the scan stops between pages once it is aborted. */
  signal: AbortSignal
  /**
   * Progress: while the databases are read, `label` is `databases` and `done`/`total` count
   * databases; while `medic` is scanned, `label` is `medic` and they count documents (`total`
   * is medic's `doc_count`, null when the server did not give one).
   */
  onProgress(done: number, total: number | null, label: string): void
  /** Documents per page of the scan (default 1,000); tests make it small. */
  pageSize?: number
}

/** Why an inventory stopped before it covered everything, and what to tell about it. */
export interface CouchInventoryPartial {
  reason: InventoryStop
  note: string
}

export interface CouchInventory {
  details: CouchdbInventoryDetails
  /** Null when everything was read; what was found is true either way. */
  partial: CouchInventoryPartial | null
}

/**
 * Opens the CHT's CouchDB for an inventory, as document parity opens it (`doc-run.ts`): the
 * project's `couchdb` profile, its password (`passwordFor('couchdb', profile, …)`), the job's
 * signal, which also aborts a request in flight.
 */
export function openInventorySource(
  profile: CouchdbProfile,
  password: string | null,
  signal: AbortSignal,
): CouchSource {
  return openCouchSource(profile, password, {
    signal,
    requestTimeoutMs: COUCH_INVENTORY_REQUEST_TIMEOUT_MS,
  })
}

const note = (text: string) => clipText(text, TEXT_LIMITS.line)

/**
 * Takes the inventory of a CHT instance's CouchDB, reading only (reference sections 6 and 10).
 *
 * `GET /` gives the server's version (a server that is not CouchDB stops the inventory),
 * `/api/v2/monitoring` the CHT version where the address is the CHT API, and `GET /<db>` each
 * CHT database's counts, size and opaque `update_seq` (a database missing from the server is
 * left out; one that fails keeps its error and null counts). Then `medic`'s documents are
 * counted by type, form and contact type in one streamed pass of
 * `_all_docs?include_docs=true`, a page at a time, keeping counters only.
 *
 * Never throws for a failure of the server: a cancel (between pages, or of a request in flight
 * when the source was opened with the same signal), a timeout or a failure gives `partial` with
 * what was counted so far (`scanned` below `total`). Open `source` with `openInventorySource`.
 */
export async function scanCouchInventory(
  source: CouchSource,
  options: CouchInventoryOptions,
): Promise<CouchInventory> {
  const details: CouchdbInventoryDetails = {
    kind: 'couchdb-inventory',
    couchVersion: null,
    chtVersion: null,
    databases: [],
    medic: null,
  }
  const stop = (error: unknown, where: string): CouchInventory => {
    const reason = stopReason(error)
    const said =
      reason === 'cancelled' ? `Cancelled ${where}.` : `Stopped ${where}: ${shortError(error, 800)}`
    return { details, partial: { reason, note: note(said) } }
  }
  const signal = AbortSignal.any([options.signal, ...(source.signal ? [source.signal] : [])])
  try {
    if (signal.aborted) return stop(cancelled(), 'before reading the server')
    const server = await readServer(source)
    if (!server) {
      const said = `${source.baseUrl} answered, but not as CouchDB does: nothing was read.`
      return { details, partial: { reason: 'failed', note: note(said) } }
    }
    details.couchVersion = server.version
    details.chtVersion = await readChtVersion(source)
    details.databases = await readChtDatabases(source, (done, total) =>
      options.onProgress(done, total, 'databases'),
    )
  } catch (e) {
    return stop(e, 'while reading the server and its databases')
  }
  const medic = details.databases.find((d) => d.name === MEDIC)
  if (!medic || medic.error !== null) return noMedic(details, medic)
  return scanMedic(source, details, medic, signal, options)
}

function noMedic(
  details: CouchdbInventoryDetails,
  medic: CouchDatabaseFacts | undefined,
): CouchInventory {
  const said = medic
    ? `The “medic” database could not be read, so its documents were not counted: ${medic.error}`
    : 'The server has no “medic” database: it is not a CHT instance’s CouchDB.'
  return { details, partial: { reason: 'failed', note: note(said) } }
}

async function scanMedic(
  source: CouchSource,
  details: CouchdbInventoryDetails,
  medic: CouchDatabaseFacts,
  signal: AbortSignal,
  options: CouchInventoryOptions,
): Promise<CouchInventory> {
  const total = medic.docCount
  const tallies = emptyTallies()
  options.onProgress(0, total, MEDIC)
  try {
    await scanDocuments(source, MEDIC, tallies, {
      signal,
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      onPage: (scanned) => options.onProgress(scanned, total, MEDIC),
    })
    details.medic = medicDistribution(MEDIC, total, tallies)
    return { details, partial: null }
  } catch (e) {
    // Every document counted has a type: what the tallies hold is what was scanned.
    const scanned = tallies.types.added
    details.medic = medicDistribution(MEDIC, total, tallies)
    const reason = stopReason(e)
    const of = `${scanned.toLocaleString('en')}${total === null ? '' : ` of ${total.toLocaleString('en')}`}`
    const said =
      reason === 'cancelled'
        ? `Cancelled after counting ${of} documents of “medic”.`
        : `Stopped after counting ${of} documents of “medic”: ${shortError(e, 800)}`
    return { details, partial: { reason, note: note(said) } }
  }
}

const cancelled = () => new AppError('CANCELLED', 'The inventory was cancelled.')
