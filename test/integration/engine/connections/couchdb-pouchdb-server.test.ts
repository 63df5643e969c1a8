import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import expressPouchDB from 'express-pouchdb'
import PouchDB from 'pouchdb-core'
import MemoryAdapter from 'pouchdb-adapter-memory'
import MapReduce from 'pouchdb-mapreduce'
import Replication from 'pouchdb-replication'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CouchdbFacts } from '../../../../src/shared/results/connection-result'
import { expectConnected, factsOf } from '../../../support/connection-results'
import { connectionsWith, couchProfile, testService } from './fixtures'

/**
 * Plain express-pouchdb answers `/` with `{"express-pouchdb":"Welcome!"}`, not CouchDB's welcome:
 * it is accepted as CouchDB-compatible and reported as PouchDB Server. (Its own process: PouchDB
 * plugins are global, so this file does not share one with the demo's server.)
 */
const service = testService()
let dir: string
let server: Server
let url: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cht-migrate-pouch-'))
  // fullCouchDB mode needs the replication plugin, or its auth setup fails on the first request.
  const Pouch = PouchDB.plugin(MemoryAdapter)
    .plugin(MapReduce)
    .plugin(Replication)
    .defaults({ adapter: 'memory' })
  const app = expressPouchDB(Pouch, {
    mode: 'fullCouchDB',
    inMemoryConfig: true,
    logPath: join(dir, 'log.txt'),
  })
  server = createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  // No admin configured ("admin party"): anonymous requests may create and fill databases.
  expect((await fetch(`${url}/medic`, { method: 'PUT' })).status).toBe(201)
  const docs = await fetch(`${url}/medic/_bulk_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ docs: [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }] }),
  })
  expect(docs.status).toBe(201)
})
afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

describe('PouchDB Server (express-pouchdb)', () => {
  it('is accepted as CouchDB-compatible, anonymously, and reported as what it is', async () => {
    const report = await service.test(
      'couchdb',
      connectionsWith({ couchdb: couchProfile(url, '') }),
      null,
    )
    const details = expectConnected(report)
    expect(details.serverLabel).toBe('PouchDB Server 4.2.0 (CouchDB-compatible)')
    const facts = details.facts as CouchdbFacts
    expect(facts).toMatchObject({ vendor: 'pouchdb-server', anonymous: true, signedInAs: null })
    expect(facts.databases[0]).toMatchObject({ name: 'medic', state: 'present', docCount: 3 })
    const found = factsOf(report)
    expect(found['Signed in as']).toBe('nobody (anonymous access)')
  })
})
