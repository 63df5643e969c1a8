import { AppError } from '../../../shared/result'
import type { CouchDoc } from './generator/types'

/** The CouchDB calls the demo loader makes, over HTTP like any CouchDB client. */
export interface CouchWriter {
  /** `_bulk_docs` with `new_edits: false`: the documents keep their revisions. */
  write(db: string, docs: readonly CouchDoc[]): Promise<void>
  /** The database's current `update_seq`, exactly as the server gives it (number or string). */
  updateSeq(db: string): Promise<string | number>
  /**
   * `pending` of `_changes?since=<seq>&limit=0`, as both pipelines read their backlog: null when
   * the server's answer has none (CouchDB 1.x, PouchDB Server), never 0 for unknown.
   */
  pending(db: string, since: string | number): Promise<number | null>
  /** The design documents of a database (e.g. `_design/_auth` the server keeps in `_users`). */
  designDocs(db: string): Promise<CouchDoc[]>
}

/**
 * A CouchDB client for loading: basic authentication, one `_bulk_docs` request per batch and
 * database; a document the server refuses fails the whole load with its id and reason.
 *
 * With `bulkLoad` (the demo's own server, in this process), batches are written through it
 * instead of HTTP, with the same semantics; reads still go over HTTP, as any client's would.
 */
export function createCouchWriter(
  url: string,
  user: string,
  password: string,
  bulkLoad?: (db: string, docs: readonly CouchDoc[]) => Promise<void>,
): CouchWriter {
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
  const dbUrl = (db: string) => `${url}/${encodeURIComponent(db)}`
  const getJson = async (target: string): Promise<unknown> => {
    const response = await fetch(target, { headers: { Authorization: authorization } })
    if (!response.ok) throw couchError(`GET ${new URL(target).pathname}`, response.status)
    return response.json()
  }
  return {
    async write(db, docs) {
      if (docs.length === 0) return
      if (bulkLoad) return bulkLoad(db, docs)
      const body = `{"new_edits":false,"docs":[${docs.map((d) => JSON.stringify(d)).join(',')}]}`
      const response = await fetch(`${dbUrl(db)}/_bulk_docs`, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body,
      })
      if (!response.ok) throw couchError(`writing to ${db}`, response.status)
      const results = (await response.json()) as { id?: string; error?: string; reason?: string }[]
      const failed = results.find((r) => r.error)
      if (failed) {
        throw new AppError(
          'IO_ERROR',
          `CouchDB refused the document ${failed.id} in ${db}: ${failed.error} (${failed.reason}).`,
        )
      }
    },
    async updateSeq(db) {
      const info = (await getJson(dbUrl(db))) as { update_seq?: string | number }
      if (info.update_seq === undefined) {
        throw new AppError('IO_ERROR', `CouchDB gave no update_seq for ${db}.`)
      }
      return info.update_seq
    },
    async pending(db, since) {
      const query = `since=${encodeURIComponent(String(since))}&limit=0`
      const body = (await getJson(`${dbUrl(db)}/_changes?${query}`)) as { pending?: unknown }
      const value = body.pending
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null
    },
    async designDocs(db) {
      const query = 'startkey=%22_design%2F%22&endkey=%22_design0%22&include_docs=true'
      const body = (await getJson(`${dbUrl(db)}/_all_docs?${query}`)) as {
        rows: { doc: CouchDoc }[]
      }
      return body.rows.map((row) => row.doc)
    },
  }
}

function couchError(what: string, status: number): AppError {
  return new AppError(
    'IO_ERROR',
    `The demo CouchDB server answered ${status} when ${what}; it may have stopped.`,
  )
}
