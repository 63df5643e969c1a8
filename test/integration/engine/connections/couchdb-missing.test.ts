import { describe, expect, it } from 'vitest'
import { detailsOf, expectFailure, factsOf } from '../../../support/connection-results'
import { testCouchdb } from '../../../support/test-couchdb'
import { connectionsWith, couchProfile, testService } from './fixtures'

/**
 * The run's shared CouchDB-compatible server (test/setup/global-setup.ts) has real authentication
 * and no CHT databases: tests there create only uniquely named ones, never `medic`.
 */
const service = testService()

describe('a CouchDB without medic', () => {
  it('is missing_database, with what the server does have', async () => {
    const couch = testCouchdb()
    const profile = couchProfile(couch.url, couch.username)
    const report = await service.test('couchdb', connectionsWith({ couchdb: profile }), {
      typed: couch.password,
    })
    expectFailure(report, 'missing_database')
    expect(detailsOf(report).error?.message).toMatch(
      /is a CouchDB server, but it has no “medic” database/,
    )
    expect(detailsOf(report).serverLabel).toMatch(/PouchDB Server/)
    const found = factsOf(report)
    expect(found['Not on this server']).toBe('medic, medic-sentinel, medic-users-meta, medic-logs')
    expect(found['Signed in as']).toBe('admin (server admin)')
  })

  it('refuses a wrong password on the shared server too', async () => {
    const couch = testCouchdb()
    const profile = couchProfile(couch.url, couch.username)
    const report = await service.test('couchdb', connectionsWith({ couchdb: profile }), {
      typed: `${couch.password}-wrong`,
    })
    expectFailure(report, 'auth')
  })
})
