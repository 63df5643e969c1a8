import { describe, expect, it } from 'vitest'
import {
  FIELDS,
  parseProfile,
  sameProfile,
  valuesOf,
} from '../../../src/renderer/src/lib/connection-form'

describe('the connection form', () => {
  it('starts from CHT Sync’s defaults for a new profile', () => {
    expect(valuesOf('chtSync', null)).toEqual({
      host: '',
      port: '5432',
      database: 'cht_sync',
      user: '',
      ssl: 'disable',
      schema: 'v1',
      table: 'couchdb',
    })
    expect(valuesOf('couchdb', null)).toEqual({ url: '', username: '' })
    expect(FIELDS.couch2pg.map((f) => f.name)).toEqual(['host', 'port', 'database', 'user', 'ssl'])
  })

  it('turns typed text into the profile the engine accepts, trimmed', () => {
    const parsed = parseProfile('couch2pg', {
      host: ' db.example.org ',
      port: '5433',
      database: 'cht',
      user: 'reader',
      ssl: 'require',
    })
    expect(parsed).toEqual({
      ok: true,
      profile: {
        host: 'db.example.org',
        port: 5433,
        database: 'cht',
        user: 'reader',
        ssl: 'require',
      },
    })
    if (parsed.ok) expect(valuesOf('couch2pg', parsed.profile).port).toBe('5433')
  })

  it('names every wrong field in words', () => {
    const parsed = parseProfile('chtSync', {
      host: '',
      port: '99999',
      database: 'x'.repeat(64),
      user: 'reader',
      ssl: 'sometimes',
      schema: '',
      table: 'couchdb',
    })
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(Object.keys(parsed.errors).sort()).toEqual(['database', 'host', 'port', 'schema', 'ssl'])
    expect(parsed.errors.port).toBe('Give a port number from 1 to 65535.')
  })

  it('refuses a CouchDB address that carries credentials (SEC-09)', () => {
    const parsed = parseProfile('couchdb', {
      url: 'https://admin:pw@cht.example.org',
      username: 'admin',
    })
    expect(parsed).toEqual({
      ok: false,
      errors: { url: 'Give an http:// or https:// address without a user name or password in it.' },
    })
    expect(parseProfile('couchdb', { url: 'http://127.0.0.1:5984', username: '' }).ok).toBe(true)
  })

  it('knows when nothing changed', () => {
    const profile = { url: 'https://cht.example.org', username: 'admin' }
    expect(sameProfile(profile, { ...profile })).toBe(true)
    expect(sameProfile(null, profile)).toBe(false)
    expect(sameProfile(profile, { ...profile, username: 'other' })).toBe(false)
  })
})
