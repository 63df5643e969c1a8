import { describe, expect, it } from 'vitest'
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
    const report = await service.test(
      'couchdb',
      connectionsWith({ couchdb: profile }),
      couch.password,
    )
    expect(report.ok).toBe(false)
    expect(report.error?.kind).toBe('missing_database')
    expect(report.error?.message).toMatch(/is a CouchDB server, but it has no “medic” database/)
    expect(report.serverVersion).toMatch(/PouchDB Server/)
    const found = Object.fromEntries(report.found.map((f) => [f.label, f.value]))
    expect(found['Not on this server']).toBe('medic, medic-sentinel, medic-users-meta, medic-logs')
    expect(found['Signed in as']).toBe('admin (server admin)')
  })

  it('refuses a wrong password on the shared server too', async () => {
    const couch = testCouchdb()
    const profile = couchProfile(couch.url, couch.username)
    const report = await service.test(
      'couchdb',
      connectionsWith({ couchdb: profile }),
      `${couch.password}-wrong`,
    )
    expect(report.error?.kind).toBe('auth')
  })
})
