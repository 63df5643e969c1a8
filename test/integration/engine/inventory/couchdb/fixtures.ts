import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { RunningCouch } from '../../../../../src/main/engine/servers/couch-server'
import { openCouchSource } from '../../../../../src/main/engine/parity/couch-source'
import { httpServer } from '../../connections/fixtures'

/**
 * The CouchDB inventory's test data: a CHT-like `medic` whose distributions are known, and a
 * proxy in front of the real server that can answer some requests its own (hostile) way.
 */

export type Doc = Record<string, unknown> & { _id: string }

const pad = (n: number) => String(n).padStart(3, '0')
const many = (n: number, make: (i: number) => Omit<Doc, '_id'>, prefix: string): Doc[] =>
  Array.from({ length: n }, (_, i) => ({ _id: `${prefix}-${pad(i)}`, ...make(i) }))

/**
 * 656 documents: design documents, reports of 522 forms (more than the distribution limit), the
 * configurable and the legacy hierarchies, documents with no type, a numeric and a long type.
 */
export function medicDocs(): Doc[] {
  return [
    // CHT 4 keeps its version in the main design document's build_info.
    { _id: '_design/medic', views: {}, build_info: { application: 'medic', version: '4.21.1' } },
    ...['_design/medic-client', '_design/zz'].map((_id) => ({ _id, views: {} })),
    ...many(40, () => ({ type: 'data_record', form: 'pregnancy' }), 'preg'),
    ...many(30, () => ({ type: 'data_record', form: 'delivery' }), 'deliv'),
    ...many(520, (i) => ({ type: 'data_record', form: `f-${pad(i)}` }), 'single'),
    ...many(2, () => ({ type: 'data_record' }), 'noform'),
    ...many(15, () => ({ type: 'contact', contact_type: 'chw' }), 'chw'),
    ...many(10, () => ({ type: 'contact', contact_type: 'household' }), 'hh'),
    ...many(1, () => ({ type: 'contact' }), 'ctnone'),
    ...many(12, () => ({ type: 'person' }), 'person'),
    ...many(5, () => ({ type: 'clinic' }), 'clinic'),
    ...many(3, () => ({ type: 'health_center' }), 'hc'),
    ...many(1, () => ({ type: 'district_hospital' }), 'dh'),
    ...many(4, () => ({ reported_date: 1 }), 'untyped'),
    ...many(1, () => ({ type: 123 }), 'numeric'),
    ...many(2, () => ({ type: 'x'.repeat(300) }), 'long'),
    ...many(7, () => ({ type: 'task' }), 'task'),
  ]
}

/** Adds documents in batches (express-pouchdb takes a few hundred at a time comfortably). */
export async function load(couch: RunningCouch, db: string, docs: object[]): Promise<void> {
  const auth = Buffer.from(`${couch.adminUser}:${couch.adminPassword}`).toString('base64')
  for (let at = 0; at < docs.length; at += 250) {
    const response = await fetch(`${couch.url}/${encodeURIComponent(db)}/_bulk_docs`, {
      method: 'POST',
      headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
      body: JSON.stringify({ docs: docs.slice(at, at + 250) }),
    })
    if (!response.ok) throw new Error(`_bulk_docs failed: ${response.status}`)
    const results = (await response.json()) as { error?: string }[]
    if (results.some((r) => r.error)) throw new Error(`_bulk_docs refused a document of ${db}`)
  }
}

/** A parity source on `url` with the admin's credentials (or `password`). */
export function sourceFor(
  couch: RunningCouch,
  url: string,
  options: { password?: string; signal?: AbortSignal; requestTimeoutMs?: number } = {},
) {
  return openCouchSource(
    { url, username: couch.adminUser },
    options.password ?? couch.adminPassword,
    {
      requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  )
}

/**
 * What a proxy does with one request: `undefined` to forward it to the real server, or answer it
 * itself (and return anything else).
 */
export type Intercept = (req: IncomingMessage, res: ServerResponse) => boolean | undefined

/** An HTTP server in front of `couch` that forwards every request `intercept` leaves alone. */
export async function proxy(couch: RunningCouch, intercept: Intercept) {
  return httpServer((req, res) => {
    if (intercept(req, res) !== undefined) return
    const upstream = httpRequest(
      {
        host: couch.host,
        port: couch.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
}

/** Answers the request with `body` (JSON unless told). */
export function answer(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'application/json',
): true {
  res.writeHead(status, { 'content-type': type })
  res.end(body)
  return true
}

/** Answers 200 with a body that never ends (1 MB chunks) until the client goes away. */
export function endless(res: ServerResponse): true {
  res.writeHead(200, { 'content-type': 'application/json' })
  const chunk = Buffer.alloc(1024 * 1024, 'x')
  const more = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', more)
  }
  res.write('{"doc_count":')
  more()
  return true
}

/** The distribution of `values` as the inventory should store it, counted independently. */
export function expectedDistribution(values: string[]) {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
}
