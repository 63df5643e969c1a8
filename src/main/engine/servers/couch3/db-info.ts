import type { IncomingMessage, ServerResponse } from 'node:http'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { captureResponse } from './capture'
import type { Couch3Context } from './context'

/** CouchDB 3's answer to `GET /<db>`. */
export interface Couch3DbInfo {
  instance_start_time: '0'
  db_name: string
  purge_seq: string
  update_seq: string
  sizes: { file: number; external: number; active: number }
  props: Record<string, never>
  doc_del_count: number
  doc_count: number
  disk_format_version: number
  compact_running: false
  cluster: { q: number; n: number; w: number; r: number }
}

/** Keys a `POST /_dbs_info` may ask for, as CouchDB's `max_db_number_for_dbs_info_req`. */
export const DBS_INFO_MAX_KEYS = 100

/**
 * `GET|HEAD /<db>` as CouchDB 3 answers it. express-pouchdb answers first (credentials, the
 * database's security, its existence); a 200 is then replaced by {@link couch3DbInfo}. HEAD is
 * handled as GET, so the headers (`Content-Length`) are those of the real body; Node sends none
 * of it.
 */
export function handleDbInfo(
  context: Couch3Context,
  req: IncomingMessage,
  res: ServerResponse,
  db: string,
  next: () => void,
): void {
  if (req.method === 'HEAD') req.method = 'GET'
  captureResponse(req, res, async ({ status, body }) => {
    if (status !== 200) return null
    const answer = JSON.parse(body.toString('utf8')) as { db_name?: unknown }
    const name = typeof answer.db_name === 'string' ? answer.db_name : db
    return { status: 200, body: JSON.stringify(await couch3DbInfo(context, db, name)) + '\n' }
  })
  next()
}

/**
 * The database information CouchDB 3 gives, from PouchDB and the layer's trackers: counts and
 * the opaque `update_seq` at one sequence, `doc_del_count` from the deleted-documents tracker,
 * and approximate `sizes`: on leveldb, `file` is the bytes of the database's folder; otherwise,
 * and for `external`, the tracker's JSON bytes. The rest is what a single-node CouchDB 3.3 says
 * (`q` 2, `n` 1; no purge, no compaction).
 */
export async function couch3DbInfo(
  context: Couch3Context,
  db: string,
  name: string,
): Promise<Couch3DbInfo> {
  const snap = await context.trackers.snapshot(db, context.handles.open(db))
  const file = context.leveldbDir === null ? null : await folderBytes(join(context.leveldbDir, db))
  return {
    instance_start_time: '0',
    db_name: name,
    purge_seq: context.codec.purgeSeq(db),
    update_seq: context.codec.encode(db, snap.updateSeq),
    sizes: {
      file: file ?? snap.bytes,
      external: snap.bytes,
      active: file === null ? snap.bytes : Math.min(file, snap.bytes),
    },
    props: {},
    doc_del_count: snap.deletedCount,
    doc_count: snap.docCount,
    disk_format_version: 8,
    compact_running: false,
    cluster: { q: 2, n: 1, w: 1, r: 1 },
  }
}

/**
 * `POST /_dbs_info` (CouchDB 2.2+; express-pouchdb has none): `{"keys":[...]}` gives
 * `[{key, info} | {key, error: "not_found"}]`. Server admins only, as CouchDB 3 ships
 * (`admin_only_all_dbs`): the request is passed to express-pouchdb as `GET /_session`, so its
 * authentication decides, and a 200 from there is replaced by the list.
 */
export function handleDbsInfo(
  context: Couch3Context,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  next: () => void,
): void {
  const keys = (body as { keys?: unknown } | null)?.keys
  const refuse = (reason: string) => ({
    status: 400,
    body: JSON.stringify({ error: 'bad_request', reason }) + '\n',
  })
  req.method = 'GET'
  req.url = '/_session'
  captureResponse(req, res, async ({ status, body: session }) => {
    if (status !== 200) return null
    const { userCtx } = JSON.parse(session.toString('utf8')) as { userCtx?: { roles?: unknown } }
    if (!Array.isArray(userCtx?.roles) || !userCtx.roles.includes('_admin')) {
      return {
        status: 401,
        body: '{"error":"unauthorized","reason":"You are not a server admin."}\n',
      }
    }
    if (!Array.isArray(keys)) return refuse('`keys` member must exist.')
    if (keys.length > DBS_INFO_MAX_KEYS) return refuse('too_many_keys')
    const existing = new Set(await context.allDbs())
    const entries = []
    for (const key of keys) {
      entries.push(
        typeof key === 'string' && existing.has(key)
          ? { key, info: await couch3DbInfo(context, key, key) }
          : { key, error: 'not_found' },
      )
    }
    return { status: 200, body: JSON.stringify(entries) + '\n' }
  })
  next()
}

/**
 * `update_seq` of `_all_docs` and view answers (asked with `update_seq=true`, in the query or a
 * POST body): PouchDB's integer becomes this database's opaque sequence. Only the top-level
 * field: documents may have their own `update_seq` (telemetry documents do).
 */
export function handleUpdateSeqField(
  context: Couch3Context,
  req: IncomingMessage,
  res: ServerResponse,
  db: string,
  next: () => void,
): void {
  captureResponse(req, res, async ({ status, body }) => {
    if (status !== 200) return null
    const text = body.toString('utf8')
    if (!text.includes('"update_seq":')) return null
    const answer = JSON.parse(text) as { update_seq?: unknown }
    if (typeof answer.update_seq !== 'number') return null
    answer.update_seq = context.codec.encode(db, answer.update_seq)
    return { status, body: JSON.stringify(answer) + '\n' }
  })
  next()
}

/** Bytes of the files in a folder and its subfolders; null when it cannot be read. */
async function folderBytes(path: string): Promise<number | null> {
  try {
    const entries = await readdir(path, { withFileTypes: true })
    const sizes = await Promise.all(
      entries.map(async (entry) => {
        const full = join(path, entry.name)
        if (entry.isDirectory()) return (await folderBytes(full)) ?? 0
        return entry.isFile() ? (await stat(full)).size : 0
      }),
    )
    return sizes.reduce((a, b) => a + b, 0)
  } catch {
    return null
  }
}
