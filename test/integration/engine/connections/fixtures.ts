import { mkdtempSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type RequestListener } from 'node:http'
import { createServer as createTcpServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createConnectionService,
  type ConnectionService,
} from '../../../../src/main/engine/connections/connection-service'
import { freePort } from '../../../../src/main/engine/servers/free-port'
import {
  startCouchServer,
  type RunningCouch,
} from '../../../../src/main/engine/servers/couch-server'
import {
  emptyConnections,
  type ChtSyncProfile,
  type Connections,
  type CouchdbProfile,
} from '../../../../src/shared/project-schema'
import { harnessProfile } from '../../../support/test-pools'

/**
 * Real endpoints for the connection tests: servers that fail in each way a real one does, and the
 * shapes of couch2pg and CHT Sync databases (table names from the domain reference, 1.5 and 2.3).
 */

/** Limits short enough for tests, long enough for a loaded machine to connect in time. */
export const TEST_TIMEOUTS = {
  limits: { connectTimeoutMs: 1_500, statementTimeoutMs: 5_000 },
  requestTimeoutMs: 1_500,
  deadlineMs: 6_000,
}

export const testService = (): ConnectionService => createConnectionService(TEST_TIMEOUTS)

/** A TCP server on 127.0.0.1 that accepts connections and never says a word. */
export async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>()
  const server = createTcpServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await listen(server)
  return { port, close: () => closeServer(server, sockets) }
}

/** A plain HTTP server on 127.0.0.1 answering with `handler`. */
export async function httpServer(
  handler: RequestListener,
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const server = createHttpServer(handler)
  const port = await listen(server)
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** A port on 127.0.0.1 with nothing listening on it. */
export const closedPort = (): Promise<number> => freePort()

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : 0)
    })
  })
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy()
  return new Promise((resolve) => server.close(() => resolve()))
}

/**
 * A CouchDB-compatible server with real authentication, in memory, for one test file.
 *
 * The probes look for the exact names `medic`, `medic-sentinel`…, which the run's shared server
 * (test/support/test-couchdb.ts) cannot give each test: its databases are uniquely named. Files
 * that need them start this one, once per file (PouchDB's plugins are process-wide).
 */
export async function couchServer(
  databases: readonly string[] = ['medic', 'medic-sentinel', 'medic-users-meta'],
): Promise<RunningCouch & { cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-couch-test-'))
  const couch = await startCouchServer({
    adapter: 'memory',
    dir,
    adminUser: 'admin',
    adminPassword: 'couch-secret-Pa55',
    databases,
  })
  return Object.assign(couch, {
    cleanup: async () => {
      await couch.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  })
}

/** Adds documents to a database of the CouchDB server, as its admin. */
export async function addDocs(couch: RunningCouch, db: string, docs: object[]): Promise<void> {
  const auth = Buffer.from(`${couch.adminUser}:${couch.adminPassword}`).toString('base64')
  const response = await fetch(`${couch.url}/${encodeURIComponent(db)}/_bulk_docs`, {
    method: 'POST',
    headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
    body: JSON.stringify({ docs }),
  })
  if (!response.ok) throw new Error(`_bulk_docs failed: ${response.status}`)
}

export const couchProfile = (url: string, username = 'admin'): CouchdbProfile => ({
  url,
  username,
})

/** A profile for a database of the harness PostgreSQL, as its superuser unless overridden. */
export const postgresProfile = harnessProfile

export const chtSyncProfile = (
  database: string,
  overrides: Partial<ChtSyncProfile> = {},
): ChtSyncProfile => ({
  ...postgresProfile(database),
  schema: 'v1',
  table: 'couchdb',
  ...overrides,
})

export const connectionsWith = (patch: Partial<Connections>): Connections => ({
  ...emptyConnections(),
  ...patch,
})

/** A cht-couch2pg 3.7 database: its tables, migration tables and a few rows (reference 1.5). */
export const COUCH2PG_SHAPE = `
CREATE TABLE couchdb (doc jsonb);
CREATE UNIQUE INDEX couchdb_doc_uuid ON couchdb ((doc->>'_id'));
CREATE TABLE couchdb_progress (seq varchar, source varchar NOT NULL);
CREATE UNIQUE INDEX couchdb_progress_source ON couchdb_progress (source);
CREATE TABLE couchdb_users_meta (doc jsonb);
CREATE TABLE couchdb_medic_logs (doc jsonb);
CREATE TABLE couchdb_medic_users (doc jsonb);
CREATE TABLE couch2pg_migrations (version bigint PRIMARY KEY, name text, md5 text, run_at timestamptz);
CREATE TABLE xmlforms_migrations (version bigint PRIMARY KEY, name text, md5 text, run_at timestamptz);
CREATE TABLE users_meta_migrations (version bigint PRIMARY KEY, name text, md5 text, run_at timestamptz);
INSERT INTO couch2pg_migrations (version, name) VALUES (201606091247, 'standardise'), (201803202020, 'multiple-db-support');
INSERT INTO xmlforms_migrations (version, name) VALUES (201905081221, 'configurableHierarchy'), (202306221510, 'medic-users-table');
INSERT INTO users_meta_migrations (version, name) VALUES (202105171933, 'usersMeta'), (202607231202, 'telemetry_devices');
INSERT INTO couchdb_progress VALUES ('4711-g1AAAA', 'cht.example.org:443/medic'), ('99-g1AAAB', 'cht.example.org:443/medic-sentinel');
INSERT INTO couchdb SELECT jsonb_build_object('_id', 'doc-' || g, 'type', 'data_record') FROM generate_series(1, 1200) g;
ANALYZE couchdb;
`

/** CHT Sync 2 with cht-pipeline 2 (reference 2.3 and 3.2), in schema `schema`. */
export const chtSyncV2Shape = (schema = 'v1') => {
  const s = `"${schema}"`
  return `
CREATE SCHEMA ${s};
CREATE TABLE ${s}.couchdb (saved_timestamp timestamp, _id varchar PRIMARY KEY, _deleted boolean, source varchar, doc jsonb);
CREATE TABLE ${s}.couchdb_progress (seq varchar, pending integer, updated_at timestamptz, source varchar PRIMARY KEY);
CREATE TABLE ${s}._dataemon (inserted_on timestamp DEFAULT now(), packages jsonb, manifest jsonb, dbt_selector text);
CREATE TABLE ${s}.document_metadata (uuid text, _deleted boolean, saved_timestamp timestamp, doc_type text, instance text, dbname text);
CREATE TABLE ${s}.dbt_results (result_id text, invocation_id text, unique_id text, database_name text, schema_name text, name text, resource_type text, status text, start_time timestamp, end_time timestamp, execution_time float8, rows_affected int);
INSERT INTO ${s}.couchdb SELECT now(), 'doc-' || g, false, 'cht.example.org/medic', '{}'::jsonb FROM generate_series(1, 300) g;
INSERT INTO ${s}.couchdb_progress VALUES ('4711-g1AAAA', 3, now(), 'cht.example.org/medic'), ('99-g1AAAB', 0, now(), 'cht.example.org/medic-sentinel');
INSERT INTO ${s}.dbt_results (invocation_id, name, status, end_time) VALUES
  ('old', 'contact', 'error', now() - interval '1 hour'),
  ('new', 'contact', 'success', now() - interval '2 minutes'),
  ('new', 'data_record', 'error', now() - interval '1 minute');
ANALYZE ${s}.couchdb;
`
}
