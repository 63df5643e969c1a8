import type { IncomingMessage, ServerResponse } from 'node:http'
import { captureResponse } from './capture'
import type { Couch3Context } from './context'
import { MALFORMED_SINCE_REASON, type SeqCodec } from './seq-codec'

/** A `_changes` request the layer has read: its database, URL and JSON body (POST). */
export interface ChangesRequest {
  db: string
  url: URL
  body: Record<string, unknown> | null
}

/** Why the demo server refuses a streaming feed (`continuous`, its alias `live`, `eventsource`). */
export function unsupportedFeedReason(feed: string): string {
  return `The demo CouchDB server does not support feed=${feed}; use feed=normal or feed=longpoll.`
}

// express-pouchdb has no eventsource feed, and its continuous feed never stops its heartbeat
// timer or its live listener when the client goes away; nothing the analytics pipelines run
// uses either (they page with normal feeds; PouchDB's live changes use longpoll).
const UNSUPPORTED_FEEDS = new Set(['continuous', 'live', 'eventsource'])

const MALFORMED = { error: 'bad_request', reason: MALFORMED_SINCE_REASON }
const FILTERS = ['filter', 'doc_ids', 'view', 'selector']

/**
 * `GET|POST /<db>/_changes` as CouchDB 3 answers it, in front of express-pouchdb.
 *
 * `since` (query string, or the JSON body of a POST when the query has none) must be `0`, `now`
 * or a sequence this server wrote for this database; it is handed to express-pouchdb as
 * PouchDB's integer. Anything else gets CouchDB's 400, after express-pouchdb has checked the
 * credentials (it is asked for an empty feed). The answer's sequences become opaque strings and
 * it gains `pending`. `limit=0` (which PouchDB reads as 1) is answered here:
 * `{"results":[],"last_seq":<since>,"pending":N}`, the backlog query of both pipelines.
 * `feed=longpoll` is held until complete and rewritten the same way. `feed=continuous` (and
 * `live`) and `feed=eventsource` get a 400 that says the demo server does not support them.
 */
export function handleChanges(
  context: Couch3Context,
  req: IncomingMessage,
  res: ServerResponse,
  request: ChangesRequest,
  next: () => void,
): void {
  const { db, url, body } = request
  const { codec, handles, pending, trackers } = context
  const query = url.searchParams
  const feed = query.get('feed') ?? 'normal'
  const bodySince = body && 'since' in body ? body.since : undefined
  let since = codec.parseSince(db, query.has('since') ? query.get('since') : bodySince)
  if (bodySince !== undefined && codec.parseSince(db, bodySince) === null) since = null
  if (body) delete body.since
  const refusal = UNSUPPORTED_FEEDS.has(feed)
    ? { error: 'bad_request', reason: unsupportedFeedReason(feed) }
    : since === null
      ? MALFORMED
      : null
  const zeroLimit = isZero(query.get('limit'))
  const unfiltered =
    !FILTERS.some((key) => query.has(key) || (body !== null && key in body)) &&
    query.get('descending') !== 'true'

  // A refused request still goes to express-pouchdb, as an empty feed, so that its credentials
  // and the database's security are checked first, as CouchDB does.
  query.delete('since')
  query.set('since', since === null || refusal ? 'now' : String(since))
  if (refusal || zeroLimit) {
    query.set('limit', '1')
    query.delete('feed')
  }
  req.url = `${url.pathname}?${query.toString()}`

  captureResponse(req, res, async ({ status, body: raw }) => {
    if (status !== 200) return null
    if (refusal || since === null) {
      return { status: 400, body: JSON.stringify(refusal ?? MALFORMED) + '\n' }
    }
    const answer = JSON.parse(raw.toString('utf8')) as { results?: unknown; last_seq?: unknown }
    if (!Array.isArray(answer.results) || typeof answer.last_seq !== 'number') return null
    const handle = handles.open(db)
    if (zeroLimit) {
      const from = since === 'now' ? (await trackers.snapshot(db, handle)).updateSeq : since
      const count = await pending.after(db, handle, from)
      return json({ results: [], last_seq: codec.encode(db, from), pending: count })
    }
    const lastSeq = answer.last_seq
    const results = answer.results.map((row: unknown) => encodeRow(codec, db, row))
    const count =
      unfiltered && feed === 'normal' && since !== 'now'
        ? await pending.afterPage(db, handle, { since, rows: results.length, lastSeq })
        : await pending.after(db, handle, lastSeq)
    return json({ results, last_seq: codec.encode(db, lastSeq), pending: count })
  })
  next()
}

const json = (body: object) => ({ status: 200, body: JSON.stringify(body) + '\n' })

function isZero(limit: string | null): boolean {
  return limit !== null && limit.trim() !== '' && Number(limit) === 0
}

/** A feed row with CouchDB's key order (`seq` first) and an opaque `seq`. */
function encodeRow(codec: SeqCodec, db: string, row: unknown): unknown {
  if (typeof row !== 'object' || row === null || !('seq' in row)) return row
  const { seq, ...rest } = row as { seq: unknown }
  return { seq: typeof seq === 'number' ? codec.encode(db, seq) : seq, ...rest }
}
