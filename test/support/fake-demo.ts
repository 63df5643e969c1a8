import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { writeDemoProject, DEMO_PROJECT_FILE } from '../../src/main/engine/demo/demo-project'
import { createDemoService, type DemoService } from '../../src/main/engine/demo/demo-service'
import type { DemoDeployment, StartDemoOptions } from '../../src/main/engine/demo/start-demo'
import type { DemoEndpoints, DemoManifest } from '../../src/shared/demo'

/** Endpoints nothing listens on (port 1): a connection test there fails at once. */
export const FAKE_DEMO_ENDPOINTS: DemoEndpoints = {
  couchdb: { url: 'http://127.0.0.1:1', username: 'admin', databases: ['medic'] },
  couch2pg: { host: '127.0.0.1', port: 1, database: 'couch2pg', user: 'couch2pg' },
  chtSync: {
    host: '127.0.0.1',
    port: 1,
    database: 'cht_sync',
    user: 'cht_sync',
    schema: 'v1',
    table: 'couchdb',
  },
}

/**
 * A demo service whose starts make no servers: each writes a real demo project and manifest
 * path into a new folder under `baseDir` (or into `keepDir`), and its stop removes the folder
 * unless kept, as the real one does. For handler tests that need `ctx.demo` without PostgreSQL.
 */
export function createFakeDemoService(baseDir: string): DemoService {
  return createDemoService(async (options: StartDemoOptions) => fakeDeployment(baseDir, options))
}

async function fakeDeployment(baseDir: string, options: StartDemoOptions): Promise<DemoDeployment> {
  const kept = options.keepDir !== undefined
  const dir = options.keepDir ?? mkdtempSync(join(baseDir, 'cht-migrate-demo-'))
  mkdirSync(dir, { recursive: true })
  const projectPath = join(dir, DEMO_PROJECT_FILE)
  const manifestPath = join(dir, 'manifest.json')
  const documents = options.docs ?? 20_000
  await writeDemoProject({
    path: projectPath,
    dir,
    manifestPath,
    size: options.size,
    seed: 42,
    documents,
    startedAt: new Date(),
    endpoints: FAKE_DEMO_ENDPOINTS,
    appVersion: '0.1.0',
    envPath: join(dir, 'cht-sync.env'),
  })
  // Only the fields the handlers read; the manifest's other fields change with the generator.
  const manifest = {
    generatedAt: new Date().toISOString(),
    seed: 42,
    size: options.size,
    documents: { total: documents, byDatabase: { medic: documents }, deleted: 0 },
    endpoints: FAKE_DEMO_ENDPOINTS,
    discrepancies: [],
  } as unknown as DemoManifest
  return {
    dir,
    kept,
    projectPath,
    manifestPath,
    manifest,
    endpoints: FAKE_DEMO_ENDPOINTS,
    passwords: { couchdb: 'a', couch2pg: 'b', chtSync: 'c' },
    postgresPid: null,
    onFailure: () => () => undefined,
    stop: async () => {
      if (!kept) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The `job` argument of a demo start, never cancelled and reporting nowhere. */
export const quietJob = { signal: new AbortController().signal, progress: () => undefined }
