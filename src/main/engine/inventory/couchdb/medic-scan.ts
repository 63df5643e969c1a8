import { AppError } from '../../../../shared/result'
import type { MedicDistribution } from '../../../../shared/results/couchdb-inventory-result'
import { SMALL_ANSWER_BYTES, type CouchSource } from '../../parity/couch-client'
import { compareCodePoints } from '../../workers/tasks/code-point-order'
import { fieldText, Tally, toDistribution } from './tally'

/**
 * The streamed scan of `medic` for the CouchDB inventory: `_all_docs?include_docs=true` page by
 * page, keeping only counters of `type`, `form` and contact type.
 */

/** Documents per page: a round trip is small against the parsing of a thousand documents. */
export const SCAN_PAGE = 1_000

/**
 * The most bytes one page may take (a longer answer is abandoned): with the page's JSON text and
 * its parsed documents, a page stays well under 200 MB of memory in the worst case.
 */
export const MAX_PAGE_BYTES = 32 * 1024 * 1024

/** Bytes allowed per document, a bound on a page far above what CHT documents weigh. */
const BYTES_PER_DOC = 64 * 1024

/** The hierarchy's fixed types before configurable contact types (reference 6.2). */
export const LEGACY_CONTACT_TYPES: ReadonlySet<string> = new Set([
  'person',
  'clinic',
  'health_center',
  'district_hospital',
])

/** The three tallies of a scan. */
export interface MedicTallies {
  types: Tally
  forms: Tally
  contactTypes: Tally
}

export const emptyTallies = (): MedicTallies => ({
  types: new Tally(),
  forms: new Tally(),
  contactTypes: new Tally(),
})

/**
 * Counts one document: design documents as type `_design`; the `form` of a `data_record`; the
 * `contact_type` of a `contact`, and the legacy hierarchy types as contact types too.
 */
export function countDoc(tallies: MedicTallies, id: string, doc: Record<string, unknown>): void {
  const type = id.startsWith('_design/') ? '_design' : fieldText(doc.type)
  tallies.types.add(type)
  if (type === 'data_record') tallies.forms.add(fieldText(doc.form))
  else if (type === 'contact') tallies.contactTypes.add(fieldText(doc.contact_type))
  else if (LEGACY_CONTACT_TYPES.has(type)) tallies.contactTypes.add(type)
}

/**
 * The tallies as stored: `scanned` the documents counted (each has a type), `other` the sum of
 * the documents left out of each of the three distributions.
 */
export function medicDistribution(
  database: string,
  total: number | null,
  tallies: MedicTallies,
): MedicDistribution {
  const types = toDistribution(tallies.types)
  const forms = toDistribution(tallies.forms)
  const contactTypes = toDistribution(tallies.contactTypes)
  return {
    database,
    scanned: tallies.types.added,
    total,
    types: types.values,
    forms: forms.values,
    contactTypes: contactTypes.values,
    other: types.other + forms.other + contactTypes.other,
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export interface MedicScanOptions {
  /** Checked between pages: once aborted, the scan stops with `CANCELLED`. */
  signal: AbortSignal
  /** Documents per page (default `SCAN_PAGE`). */
  pageSize?: number
  /** After each page: the documents counted so far. */
  onPage(scanned: number): void
}

/**
 * Counts every live document of `db` into `tallies`, reading `_all_docs?include_docs=true` paged
 * by `startkey` (as parity's `allDocs` pages ids), so memory holds one page whatever the size of
 * the database. Returns the documents counted; on a failure (or a cancel, `CANCELLED`) it throws
 * and `tallies` keep what was counted.
 *
 * Each page's answer is bounded (`MAX_PAGE_BYTES`). A page refused as too long or not CouchDB's
 * JSON is asked again with an eighth of the rows, down to one: a few very large documents cost
 * smaller pages, not the scan; the page size then grows back. Ids must come in CouchDB's order
 * (code points): a server that sorts otherwise could make the pages skip or repeat documents.
 */
export async function scanDocuments(
  source: CouchSource,
  db: string,
  tallies: MedicTallies,
  options: MedicScanOptions,
): Promise<number> {
  const maxPage = Math.max(1, Math.floor(options.pageSize ?? SCAN_PAGE))
  let pageSize = maxPage
  let last: string | null = null
  let scanned = 0
  for (;;) {
    if (options.signal.aborted) throw new AppError('CANCELLED', 'The inventory was cancelled.')
    let answer: Record<string, unknown>
    try {
      answer = await readPage(source, db, last, pageSize)
    } catch (e) {
      if (pageSize === 1 || !isNotCouchAnswer(e)) throw e
      pageSize = Math.max(1, Math.floor(pageSize / 8))
      continue
    }
    const rows = answer.rows
    if (!Array.isArray(rows)) {
      throw new AppError('IO_ERROR', `CouchDB’s answer for “${db}” has no “rows” list.`, {
        endpoint: 'couchdb',
        kind: 'not_couchdb',
        db,
      })
    }
    let fresh = 0
    for (const row of rows as unknown[]) {
      if (!isRecord(row) || typeof row.id !== 'string' || row.id === last) continue
      if (last !== null && compareCodePoints(row.id, last) < 0) throw outOfOrder(db)
      fresh++
      last = row.id
      countDoc(tallies, row.id, isRecord(row.doc) ? row.doc : {})
    }
    scanned += fresh
    options.onPage(scanned)
    if (fresh < pageSize) return scanned
    pageSize = Math.min(maxPage, pageSize * 2)
  }
}

/** One page from `last` (itself included, unless deleted meanwhile: `skip=1` could skip one). */
function readPage(source: CouchSource, db: string, last: string | null, pageSize: number) {
  const qs: Record<string, string | number | boolean> =
    last === null
      ? { include_docs: true, limit: pageSize }
      : { include_docs: true, limit: pageSize + 1, startkey: last }
  const maxBytes = Math.min(MAX_PAGE_BYTES, SMALL_ANSWER_BYTES + (pageSize + 1) * BYTES_PER_DOC)
  return source.read({ db, path: '_all_docs', qs, maxBytes })
}

const isNotCouchAnswer = (e: unknown): boolean =>
  e instanceof AppError && e.code === 'IO_ERROR' && e.details?.kind === 'not_couchdb'

function outOfOrder(db: string): AppError {
  return new AppError(
    'UNSUPPORTED',
    `The server lists the documents of “${db}” in an order other than CouchDB’s, so paging through them could skip some.`,
    { endpoint: 'couchdb', kind: 'not_couchdb', db },
  )
}
