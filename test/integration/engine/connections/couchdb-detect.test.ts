import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEXT_LIMITS } from '../../../../src/shared/results/common'
import type { CouchdbFacts } from '../../../../src/shared/results/connection-result'
import {
  detailsOf,
  expectConnected,
  expectFailure,
  factsOf,
  targetOf,
} from '../../../support/connection-results'
import {
  addDocs,
  connectionsWith,
  couchProfile,
  couchServer,
  httpServer,
  testService,
} from './fixtures'

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
    const result = await service.test('couchdb', connectionsWith({ couchdb: profile }), {
      typed: couch.adminPassword,
    })
    const details = expectConnected(result)
    expect(result.verdict).toBe('pass')
    expect(targetOf(result)).toBe(couch.url)
    // The demo server answers like CouchDB 3.3.3 but names express-pouchdb in its vendor.
    expect(details.serverLabel).toBe(
      'PouchDB Server (CouchDB-compatible, answers as CouchDB 3.3.3)',
    )
    const facts = details.facts as CouchdbFacts
    expect(facts).toMatchObject({
      endpoint: 'couchdb',
      vendor: 'pouchdb-server',
      version: '3.3.3',
      chtVersion: null,
      signedInAs: { name: 'admin', admin: true },
      anonymous: false,
    })
    expect(facts.databases.map((d) => [d.name, d.state, d.docCount])).toEqual([
      ['medic', 'present', 25],
      ['medic-sentinel', 'present', 1],
      ['medic-users-meta', 'present', 0],
      ['medic-logs', 'absent', null],
      ['_users', 'present', expect.any(Number)],
    ])
    const found = factsOf(result)
    expect(found['CHT databases']).toMatch(
      /^medic \(25 documents, 0 deleted\), medic-sentinel \(1 document, 0 deleted\)/,
    )
    expect(found['Not on this server']).toBe('medic-logs')
    expect(found['Signed in as']).toBe('admin (server admin)')
    expect(found['CHT version']).toMatch(/^not reported/)
    expect(result.summary).toBe(`Connected to ${details.serverLabel}.`)
    expect(JSON.stringify(result)).not.toContain(couch.adminPassword)
  })
})

describe('a hostile or unusual server', () => {
  it('has its strings clipped to their bounds, and a missing doc_del_count stays unknown', async () => {
    const huge = '9'.repeat(1_500_000)
    const web = await httpServer((req, res) => {
      res.setHeader('content-type', 'application/json')
      if (req.url === '/') return res.end(JSON.stringify({ couchdb: 'Welcome', version: huge }))
      if (req.url === '/_session') {
        return res.end(JSON.stringify({ userCtx: { name: 'n'.repeat(5_000), roles: ['_admin'] } }))
      }
      if (req.url === '/medic') return res.end(JSON.stringify({ doc_count: 7 }))
      res.statusCode = 404
      res.end('{"error":"not_found"}')
    })
    try {
      const result = await service.test(
        'couchdb',
        connectionsWith({ couchdb: couchProfile(web.url, 'admin') }),
        { typed: 'x' },
      )
      // expectConnected also validates the result against the stored schema's bounds.
      const details = expectConnected(result)
      const facts = details.facts as CouchdbFacts
      expect(facts.version).toHaveLength(TEXT_LIMITS.short)
      expect(facts.version?.endsWith('…')).toBe(true)
      expect(details.serverLabel?.length).toBeLessThanOrEqual(TEXT_LIMITS.short)
      expect(facts.signedInAs?.name).toHaveLength(TEXT_LIMITS.short)
      expect(facts.databases[0]).toEqual({
        name: 'medic',
        state: 'present',
        docCount: 7,
        deletedCount: null,
        httpStatus: null,
      })
      expect(JSON.stringify(result).length).toBeLessThan(10_000)
    } finally {
      await web.close()
    }
  })

  it('keeps the facts learnt before a failure (medic missing)', async () => {
    const web = await httpServer((req, res) => {
      res.setHeader('content-type', 'application/json')
      if (req.url === '/') return res.end('{"couchdb":"Welcome","version":"3.4.2"}')
      if (req.url === '/_session') return res.end('{"userCtx":{"name":"admin","roles":[]}}')
      res.statusCode = 404
      res.end('{"error":"not_found"}')
    })
    try {
      const result = await service.test(
        'couchdb',
        connectionsWith({ couchdb: couchProfile(web.url, 'admin') }),
        { typed: 'x' },
      )
      expectFailure(result, 'missing_database')
      const details = detailsOf(result)
      expect(details.serverLabel).toBe('CouchDB 3.4.2')
      expect(details.error?.looksLike).toBe('couchdb')
      expect((details.facts as CouchdbFacts).databases.every((d) => d.state === 'absent')).toBe(
        true,
      )
      expect(factsOf(result)['Signed in as']).toBe('admin')
    } finally {
      await web.close()
    }
  })
})
