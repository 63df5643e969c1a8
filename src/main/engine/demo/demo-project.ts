import { emptyCheckSettings } from '../../../shared/checks/check-settings'
import { emptyInventorySettings } from '../../../shared/inventory/decisions'
import { emptyTeardownSettings } from '../../../shared/teardown/teardown-settings'
import { randomUUID } from 'node:crypto'
import { emptyParity } from '../../../shared/parity-definitions'
import type { DemoEndpoints, DemoSize } from '../../../shared/demo'
import {
  CURRENT_SCHEMA_VERSION,
  DEFAULT_STALE_AFTER_DAYS,
  PROJECT_FORMAT,
  type ProjectDocument,
} from '../../../shared/project-schema'
import { atomicWriteFile } from '../project/atomic-write'
import { serializeProject } from '../project/project-file'

export const DEMO_PROJECT_FILE = 'demo.chtmig.json'

export interface DemoProjectInput {
  path: string
  dir: string
  manifestPath: string
  size: DemoSize
  seed: number
  documents: number
  startedAt: Date
  endpoints: DemoEndpoints
  appVersion: string
  /** The demo's CHT Sync `.env`, which the checks read. */
  envPath: string
}

/** The name a demo project gets: it says it is a demo, its size and its document count. */
export function demoProjectName(size: DemoSize, documents: number): string {
  return `Demo deployment (${size}, ${documents.toLocaleString('en-US')} documents)`
}

/**
 * Writes the project of a demo deployment: its three connection profiles filled (the CouchDB URL
 * and admin user, both PostgreSQL databases with `ssl: disable`, CHT Sync's `v1.couchdb`) and
 * the `demo` marker pointing at the demo's folder and manifest, and its CHT Sync `.env` chosen for
 * the checks.
 *
 * No password is written (SEC-09): the profiles hold users only; the passwords stay in memory.
 * The write is atomic, so an interrupted start never leaves half a project.
 */
export async function writeDemoProject(input: DemoProjectInput): Promise<ProjectDocument> {
  const at = input.startedAt.toISOString()
  const { couchdb, couch2pg, chtSync } = input.endpoints
  const document: ProjectDocument = {
    format: PROJECT_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: randomUUID(),
    name: demoProjectName(input.size, input.documents),
    createdAt: at,
    updatedAt: at,
    appVersion: input.appVersion,
    settings: { staleAfterDays: DEFAULT_STALE_AFTER_DAYS },
    items: {},
    results: {},
    connections: {
      couchdb: { url: couchdb.url, username: couchdb.username },
      couch2pg: { ...couch2pg, ssl: 'disable' },
      chtSync: { ...chtSync, ssl: 'disable' },
    },
    demo: {
      dir: input.dir,
      manifestPath: input.manifestPath,
      size: input.size,
      seed: input.seed,
      documents: input.documents,
      startedAt: at,
    },
    parity: emptyParity(),
    checks: { ...emptyCheckSettings(), envPath: input.envPath },
    inventory: emptyInventorySettings(),
    teardown: emptyTeardownSettings(),
    signoff: {},
  }
  await atomicWriteFile(input.path, serializeProject(document), { backup: false })
  return document
}
