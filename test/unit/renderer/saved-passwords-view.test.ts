import { describe, expect, it } from 'vitest'
import {
  forgetOutcome,
  savedPasswordRows,
  savedPasswordsIntro,
} from '../../../src/renderer/src/lib/saved-passwords-view'
import type { Connections } from '../../../src/shared/project-schema'

const connections = {
  couchdb: { url: 'https://cht.example.org', username: 'admin' },
  couch2pg: null,
  chtSync: {
    host: 'db.example.org',
    port: 5432,
    database: 'cht_sync',
    user: 'reader',
    ssl: 'disable',
    schema: 'v1',
    table: 'couchdb',
  },
} as Connections

describe('the saved passwords of Settings (SEC-09)', () => {
  it('says where each connection’s password comes from, and that a variable cannot be forgotten', () => {
    const rows = savedPasswordRows(
      { couchdb: 'keychain', couch2pg: 'none', chtSync: 'environment', canRemember: true },
      connections,
    )
    expect(rows.map((r) => [r.endpoint, r.label, r.source])).toEqual([
      ['couchdb', 'CHT CouchDB', 'keychain'],
      ['couch2pg', 'couch2pg PostgreSQL', 'none'],
      ['chtSync', 'CHT Sync PostgreSQL', 'environment'],
    ])
    expect(rows[0]?.text).toBe('Saved in this computer’s keychain.')
    expect(rows[1]?.text).toBe('None kept (the connection is not set yet).')
    expect(rows[2]?.text).toMatch(
      /^From CHT_MIGRATE_CHTSYNC_PASSWORD\. The wizard cannot forget it/,
    )
    const session = savedPasswordRows(
      { couchdb: 'session', couch2pg: 'none', chtSync: 'none', canRemember: false },
      connections,
    )
    expect(session.map((r) => r.text)).toEqual([
      'Kept until the wizard closes.',
      'None kept (the connection is not set yet).',
      'None kept.',
    ])
  })

  it('says plainly where nothing is kept beyond the run', () => {
    expect(savedPasswordsIntro(true)).toMatch(/encrypted in this computer’s keychain/)
    expect(savedPasswordsIntro(false)).toMatch(/Nothing is saved beyond this run here/)
    expect(savedPasswordsIntro(false)).not.toMatch(/keychain/)
    for (const canRemember of [true, false]) {
      expect(savedPasswordsIntro(canRemember)).toMatch(/another project on the same server/)
    }
  })

  it('announces what was forgotten and which variables stay', () => {
    const none = { couchdb: 'none', couch2pg: 'none', chtSync: 'none', canRemember: true } as const
    expect(forgetOutcome('project', none)).toBe(
      'This project’s saved passwords are forgotten; other projects keep theirs.',
    )
    expect(forgetOutcome('all', null)).toBe('The saved passwords of all projects are forgotten.')
    expect(forgetOutcome('all', { ...none, couchdb: 'environment', chtSync: 'environment' })).toBe(
      'The saved passwords of all projects are forgotten. Passwords from CHT_MIGRATE_COUCHDB_PASSWORD, CHT_MIGRATE_CHTSYNC_PASSWORD stay: the wizard cannot forget an environment variable.',
    )
  })
})
