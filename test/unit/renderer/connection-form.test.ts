import { describe, expect, it } from 'vitest'
import {
  FIELDS,
  parseProfile,
  passwordNote,
  sameProfile,
  TLS_FIELDS,
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
      sslCa: '',
      sslCert: '',
      sslKey: '',
      schema: 'v1',
      table: 'couchdb',
    })
    expect(valuesOf('couchdb', null)).toEqual({ url: '', username: '' })
    expect(FIELDS.couch2pg.map((f) => f.name)).toEqual(['host', 'port', 'database', 'user', 'ssl'])
    expect(TLS_FIELDS.map((f) => f.label)).toEqual([
      'CA certificate',
      'Client certificate',
      'Client key',
    ])
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

  it('keeps TLS files only when one is given, and wants a certificate with its key', () => {
    const base = { host: 'db', port: '5432', database: 'cht', user: 'reader', ssl: 'require' }
    const none = parseProfile('couch2pg', { ...base, sslCa: ' ', sslCert: '', sslKey: '' })
    expect(none.ok && 'sslFiles' in none.profile).toBe(false)
    const withCa = parseProfile('couch2pg', { ...base, sslCa: ' /etc/ssl/ca.pem ' })
    expect(withCa).toEqual({
      ok: true,
      profile: {
        host: 'db',
        port: 5432,
        database: 'cht',
        user: 'reader',
        ssl: 'require',
        sslFiles: { ca: '/etc/ssl/ca.pem', cert: null, key: null },
      },
    })
    if (withCa.ok) expect(valuesOf('couch2pg', withCa.profile).sslCa).toBe('/etc/ssl/ca.pem')
    const noKey = parseProfile('couch2pg', { ...base, sslCert: '/c.pem' })
    expect(noKey).toEqual({
      ok: false,
      errors: { sslKey: 'Give the client key and its certificate together, or neither.' },
    })
    const noCert = parseProfile('couch2pg', { ...base, sslKey: '/k.pem' })
    expect(noCert.ok ? null : Object.keys(noCert.errors)).toEqual(['sslCert'])
    const tooLong = parseProfile('couch2pg', { ...base, sslCa: `/${'a'.repeat(5000)}` })
    expect(tooLong.ok ? null : tooLong.errors.sslCa).toMatch(/path of a PEM file/)
  })

  it('says when the password may be left empty', () => {
    expect(passwordNote('couchdb', { username: '' })).toBe('not needed without a user name')
    expect(passwordNote('couchdb', { username: 'admin' })).toBeNull()
    expect(passwordNote('couch2pg', { user: 'reader' })).toBe(
      'leave empty if the server needs none',
    )
  })
})
