import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDocs, connectionsWith, couchProfile, couchServer, testService } from './fixtures'

/** What the probes find on a CouchDB-compatible server shaped like a CHT instance's. */
const service = testService()
let couch: Awaited<ReturnType<typeof couchServer>>

beforeAll(async () => {
  couch = await couchServer(['medic', 'medic-sentinel', 'medic-users-meta'])
  await addDocs(
    couch,
    'medic',
    Array.from({ length: 25 }, (_, i) => ({ _id: `report-${i}`, type: 'data_record' })),
  )
  await addDocs(couch, 'medic-sentinel', [{ _id: 'report-1-info', type: 'info' }])
})
afterAll(async () => {
  await couch?.cleanup()
})

describe('a CHT CouchDB', () => {
  it('is found, named honestly, with its databases and document counts', async () => {
    const profile = couchProfile(`${couch.url}/`, couch.adminUser)
    const report = await service.test(
      'couchdb',
      connectionsWith({ couchdb: profile }),
      couch.adminPassword,
    )
    expect(report.error).toBeNull()
    expect(report.ok).toBe(true)
    expect(report.target).toBe(couch.url)
    // The demo server answers like CouchDB 3.3.3 but names express-pouchdb in its vendor.
    expect(report.serverVersion).toBe(
      'PouchDB Server (CouchDB-compatible, answers as CouchDB 3.3.3)',
    )
    expect(report.detected).toMatchObject({
      kind: 'couchdb',
      vendor: 'pouchdb-server',
      couchdbVersion: '3.3.3',
      chtVersion: null,
      databases: 'medic,medic-sentinel,medic-users-meta,_users',
      'docs.medic': 25,
      'docs.medic-sentinel': 1,
      medicDocs: 25,
      admin: true,
    })
    const found = Object.fromEntries(report.found.map((f) => [f.label, f.value]))
    expect(found['CHT databases']).toMatch(/^medic \(25 documents\), medic-sentinel \(1 document\)/)
    expect(found['Not on this server']).toBe('medic-logs')
    expect(found['Signed in as']).toBe('admin (server admin)')
    expect(found['CHT version']).toMatch(/^not reported/)
    expect(JSON.stringify(report)).not.toContain(couch.adminPassword)
  })
})
