import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type expressPouchDB from 'express-pouchdb'
import { AppError } from '../../../shared/result'
import { hashAdminPassword } from './couch-admin-hash'
import { createCouch3Layer, type Couch3Layer } from './couch3/layer'
import { serverUuid } from './couch3/server-uuid'
import { closeDatabases, loadPouch, trackGlobalListeners } from './pouch-runtime'

/** The databases of a CHT instance that the analytics pipelines read. */
export const CHT_DATABASES = ['medic', 'medic-sentinel', 'medic-users-meta', '_users'] as const

/** What the server's `GET /` says it is: the CouchDB generation CHT 4 runs on. */
export const COUCH_COMPAT_VERSION = '3.3.3'

export interface CouchServerOptions {
  /** `memory` keeps everything in this process; `leveldb` writes under `<dir>/data`. */
  adapter: 'memory' | 'leveldb'
  /** A folder of ours for the config file (hashed admin password), the log and leveldb data. */
  dir: string
  /** Port on 127.0.0.1; a free one is chosen when absent or 0. */
  port?: number
  adminUser: string
  adminPassword: string
  /** Created at start, readable by admins only (CouchDB 3's default). Default: none. */
  databases?: readonly string[]
}

export interface RunningCouch {
  /** `http://127.0.0.1:<port>`, without credentials. */
  url: string
  host: '127.0.0.1'
  port: number
  adminUser: string
  adminPassword: string
  /** Creates a database (or keeps an existing one) and makes it admin-only. */
  createDatabase(name: string): Promise<void>
  /**
   * Writes documents with their revision histories into a database, as `_bulk_docs` with
   * `new_edits: false` does, but in this process: no HTTP, no JSON round trip and none of the
   * per-request plugin work, which makes a bulk load three times faster. It also tells the
   * CouchDB 3 layer which documents it deleted, so `doc_del_count` needs no scan. Throws on the
   * first document refused.
   */
  bulkLoad(db: string, docs: readonly object[]): Promise<void>
  /** Stops listening, closes every database (memory ones are freed). Idempotent. */
  stop(): Promise<void>
}

// Parts of express-pouchdb's `fullCouchDB` mode that a CHT analytics server does not need: the
// replicator (it would add a `_replicator` database and a daemon), Fauxton and per-request logs.
const EXCLUDED_PARTS = [
  'replicator',
  'routes/replicate',
  'routes/active-tasks',
  'routes/fauxton',
  'routes/http-log',
]

/**
 * Starts a CouchDB-compatible HTTP server (express-pouchdb) in this process, on 127.0.0.1.
 *
 * In-process on purpose: there is no child process that could be orphaned. Authentication is
 * real: the admin's password is stored only as a PBKDF2 hash in `<dir>/config.json`, a wrong
 * password gets 401, and every request except `GET /`, `/_up` and `/_session` must carry
 * credentials (basic auth or the `AuthSession` cookie), as with CouchDB's `require_valid_user`.
 * Databases are created admin-only, like CouchDB 3 does. `GET /` answers like CouchDB
 * (`{"couchdb":"Welcome"}`) and names the real implementation in `vendor`. A layer in front of
 * express-pouchdb (couch3/layer.ts) gives the rest CouchDB 3's answers: opaque sequences,
 * `pending` in `_changes`, `doc_del_count` and `sizes` in the database information.
 *
 * PouchDB keeps its plugins and events process-wide, so one process should run one server at a
 * time (the demo runs one; each test file runs in its own process).
 */
export async function startCouchServer(options: CouchServerOptions): Promise<RunningCouch> {
  mkdirSync(options.dir, { recursive: true })
  const dataDir = join(options.dir, 'data')
  mkdirSync(dataDir, { recursive: true })
  const configPath = join(options.dir, 'couch-config.json')
  const config = {
    admins: { [options.adminUser]: hashAdminPassword(options.adminPassword) },
    couch_httpd_auth: { secret: randomBytes(16).toString('hex') },
    log: { level: 'error' },
    couchdb: { uuid: serverUuid(configPath) },
  }
  writeFileSync(configPath, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 })

  // Listen before express-pouchdb starts: a taken port is refused before it writes its config
  // (asynchronously), so nothing of it outlives a refused start. Requests wait for the app.
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | null = null
  const server = createServer((req, res) => {
    if (handle) return handle(req, res)
    res.statusCode = 503
    res.end()
  })
  const port = await listen(server, options.port ?? 0)
  let app: ReturnType<typeof expressPouchDB>
  let couch3: Couch3Layer
  let releaseListeners: () => void
  let Pouch: Awaited<ReturnType<typeof loadPouch>>['Pouch']
  try {
    const loaded = await loadPouch(options.adapter, dataDir)
    Pouch = loaded.Pouch
    releaseListeners = trackGlobalListeners(Pouch)
    couch3 = createCouch3Layer({
      Pouch: loaded.Pouch,
      uuid: config.couchdb.uuid,
      adapter: options.adapter,
      dataDir,
    })
    app = loaded.expressPouchDB(loaded.Pouch, {
      mode: 'fullCouchDB',
      configPath,
      logPath: join(options.dir, 'couch.log'),
      overrideMode: { exclude: EXCLUDED_PARTS },
    })
  } catch (e) {
    await new Promise((done) => server.close(done))
    throw e
  }
  const welcome = JSON.stringify({
    couchdb: 'Welcome',
    version: COUCH_COMPAT_VERSION,
    uuid: config.couchdb.uuid,
    features: [],
    vendor: { name: 'cht-migrate demo (express-pouchdb 4.2.0 on PouchDB 7.3.1)' },
  })
  handle = (req, res) => route(req, res, app, welcome, couch3)
  const url = `http://127.0.0.1:${port}`
  const authHeader = `Basic ${Buffer.from(`${options.adminUser}:${options.adminPassword}`).toString('base64')}`

  const createDatabase = async (name: string) => {
    const dbUrl = `${url}/${encodeURIComponent(name)}`
    const created = await fetch(dbUrl, { method: 'PUT', headers: { Authorization: authHeader } })
    if (!created.ok && created.status !== 412) {
      throw new AppError('IO_ERROR', `Could not create the database ${name}: ${created.status}.`)
    }
    const security = { admins: { names: [], roles: [] }, members: { names: [], roles: ['_admin'] } }
    const secured = await fetch(`${dbUrl}/_security`, {
      method: 'PUT',
      headers: { Authorization: authHeader, 'Content-Type': 'application/json' },
      body: JSON.stringify(security),
    })
    if (!secured.ok) {
      throw new AppError('IO_ERROR', `Could not secure the database ${name}: ${secured.status}.`)
    }
  }

  // In this process, through the CouchDB 3 layer, which keeps its deleted-documents count.
  const bulkLoad = async (db: string, docs: readonly object[]) => {
    if (docs.length === 0) return
    const results = await couch3.bulkLoad(db, docs)
    const failed = results.find((r) => r.error)
    if (failed) {
      throw new AppError(
        'IO_ERROR',
        `CouchDB refused the document ${failed.id} in ${db}: ${failed.name} (${failed.message}).`,
      )
    }
  }

  let stopping: Promise<void> | null = null
  const stop = () => {
    stopping ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await closeDatabases(Pouch, options.adapter === 'memory')
      releaseListeners()
      app.couchLogger?._stream?.end()
    })()
    return stopping
  }

  try {
    for (const name of options.databases ?? []) await createDatabase(name)
  } catch (e) {
    await stop()
    throw e
  }
  return {
    url,
    host: '127.0.0.1',
    port,
    adminUser: options.adminUser,
    adminPassword: options.adminPassword,
    createDatabase,
    bulkLoad,
    stop,
  }
}

type App = ReturnType<typeof expressPouchDB>

/**
 * Answers `/` and `/_up` like CouchDB; everything else needs credentials, then goes to the app
 * through the CouchDB 3 layer.
 */
function route(
  req: IncomingMessage,
  res: ServerResponse,
  app: App,
  welcome: string,
  couch3: Couch3Layer,
): void {
  const path = (req.url ?? '/').split('?')[0]
  const isRead = req.method === 'GET' || req.method === 'HEAD'
  if (isRead && path === '/') return sendJson(res, 200, welcome)
  if (isRead && path === '/_up') return sendJson(res, 200, '{"status":"ok","seeds":{}}')
  if (path !== '/_session' && !hasCredentials(req)) {
    return sendJson(res, 401, '{"error":"unauthorized","reason":"Authentication required."}', {
      'WWW-Authenticate': 'Basic realm="server"',
    })
  }
  couch3.handle(req, res, app)
}

function hasCredentials(req: IncomingMessage): boolean {
  if (/^Basic\s+\S/i.test(req.headers.authorization ?? '')) return true
  return /(?:^|;\s*)AuthSession=[^;]+/.test(req.headers.cookie ?? '')
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'must-revalidate',
    ...headers,
  })
  res.end(body)
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'EADDRINUSE'
          ? new AppError('IO_ERROR', `Port ${port} is in use; the CouchDB server cannot start.`, {
              port,
            })
          : e,
      )
    })
    server.listen({ host: '127.0.0.1', port }, () => {
      resolve((server.address() as AddressInfo).port)
    })
  })
}
