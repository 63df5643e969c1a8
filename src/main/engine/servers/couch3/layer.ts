import type { IncomingMessage, ServerResponse } from 'node:http'
import { withOpenEnd } from './all-docs-range'
import { sendCouchJson } from './capture'
import { handleChanges } from './changes'
import { createCouch3Context, forgetDatabase, type Couch3Options } from './context'
import { handleDbInfo, handleDbsInfo, handleUpdateSeqField } from './db-info'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

/**
 * Makes express-pouchdb answer like CouchDB 3 where the analytics pipelines and the wizard can
 * tell the difference: opaque string sequences (and `since` checked like CouchDB checks it),
 * `pending` in `_changes`, and CouchDB 3's database information (`doc_del_count`, `sizes`,
 * `POST /_dbs_info`). Everything else goes to express-pouchdb untouched.
 */
export interface Couch3Layer {
  /** Handles one authenticated request, passing it (perhaps rewritten) to `app`. */
  handle(req: IncomingMessage, res: ServerResponse, app: Handler): void
  /**
   * Writes documents with `new_edits: false` through PouchDB in this process, keeping the
   * deleted-documents tracker current. Resolves with PouchDB's per-document results.
   */
  bulkLoad(
    db: string,
    docs: readonly object[],
  ): Promise<{ id?: string; error?: unknown; name?: string; message?: string }[]>
}

// Databases CouchDB itself names with an underscore; other `_` paths are server endpoints.
const SYSTEM_DATABASES = new Set(['_users', '_replicator', '_global_changes'])
const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]*$/
// Requests that may write documents (a query by POST only costs a look at update_seq).
const WRITES = new Set(['POST', 'PUT', 'DELETE', 'COPY'])
const CHANGES_BODY_LIMIT = 64 * 1024 * 1024
const DBS_INFO_BODY_LIMIT = 1024 * 1024

/** The layer of one server. */
export function createCouch3Layer(options: Couch3Options): Couch3Layer {
  const context = createCouch3Context(options)

  const handle = (req: IncomingMessage, res: ServerResponse, app: Handler): void => {
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', 'http://couch.invalid')
    const [first = '', ...rest] = url.pathname.slice(1).split('/')
    let db: string
    try {
      db = decodeURIComponent(first)
    } catch {
      return app(req, res)
    }
    const pass = () => app(req, res)
    if (db === '_dbs_info' && rest.length === 0 && method === 'POST') {
      return withJsonBody(req, res, DBS_INFO_BODY_LIMIT, (body) =>
        handleDbsInfo(context, req, res, body, pass),
      )
    }
    if (!DATABASE_NAME.test(db) && !SYSTEM_DATABASES.has(db)) return pass()
    const target = rest.filter((part, i) => part !== '' || i < rest.length - 1)

    const dbItself = target.length === 0 && (method === 'PUT' || method === 'DELETE')
    if (dbItself) {
      res.once('finish', () => {
        if (res.statusCode < 300) forgetDatabase(context, db)
      })
    } else if (WRITES.has(method)) {
      res.once('finish', () => {
        if (res.statusCode < 300) context.trackers.catchUpSoon(db, context.handles.open(db))
      })
    }
    if (target.length === 0) {
      const read = method === 'GET' || method === 'HEAD'
      return read ? handleDbInfo(context, req, res, db, pass) : pass()
    }
    if (target.length === 1 && target[0] === '_changes') {
      if (method === 'GET') return handleChanges(context, req, res, { db, url, body: null }, pass)
      if (method === 'POST' && isJson(req)) {
        return withJsonBody(req, res, CHANGES_BODY_LIMIT, (body) => {
          const object = isObject(body) ? body : {}
          Object.assign(req, { body: object, _body: true })
          handleChanges(context, req, res, { db, url, body: object }, pass)
        })
      }
      return pass()
    }
    const allDocs = target.length === 1 && target[0] === '_all_docs'
    if (allDocs && (method === 'GET' || method === 'HEAD')) {
      const bounded = withOpenEnd(url)
      if (bounded !== null) req.url = bounded
    }
    const view = target.length === 4 && target[0] === '_design' && target[2] === '_view'
    const asked = method === 'POST' || url.searchParams.get('update_seq') === 'true'
    if ((allDocs || view) && (method === 'GET' || method === 'POST') && asked) {
      return handleUpdateSeqField(context, req, res, db, pass)
    }
    pass()
  }

  return {
    handle,
    async bulkLoad(db, docs) {
      const handle = context.handles.open(db)
      let results: Awaited<ReturnType<Couch3Layer['bulkLoad']>> = []
      await context.trackers.recordBulkLoad(db, handle, docs, async () => {
        results = await handle.bulkDocs(docs, { new_edits: false })
      })
      return results
    },
  }
}

function isJson(req: IncomingMessage): boolean {
  return /^application\/json\b/i.test(req.headers['content-type'] ?? '')
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Reads the request's JSON body (an empty one is `{}`), then calls `then`; a body too large or
 * not JSON gets CouchDB's error instead.
 */
function withJsonBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  then: (body: unknown) => void,
): void {
  const chunks: Buffer[] = []
  let size = 0
  let refused = false
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size > limit && !refused) {
      refused = true
      sendCouchJson(req, res, 413, {
        error: 'too_large',
        reason: 'the request entity is too large',
      })
      req.resume()
    }
    if (!refused) chunks.push(chunk)
  })
  req.on('end', () => {
    if (refused) return
    const text = Buffer.concat(chunks).toString('utf8')
    let body: unknown
    try {
      body = text.trim() === '' ? {} : JSON.parse(text)
    } catch {
      return sendCouchJson(req, res, 400, { error: 'bad_request', reason: 'invalid_json' })
    }
    then(body)
  })
  req.on('error', () => res.destroy())
}
