import { describe, expect, it } from 'vitest'
import { rawTableEra } from '../../../../src/main/engine/connections/detect-cht-sync'
import {
  couch2pgRelease,
  couch2pgReleaseFromTables,
} from '../../../../src/main/engine/connections/detect-couch2pg'
import { identifyServer } from '../../../../src/main/engine/connections/detect-couchdb'

const answer = (json: unknown, status = 200) => ({
  status,
  json,
  contentType: 'application/json',
  location: null,
})

describe('rawTableEra (reference 2.1)', () => {
  it.each([
    [['saved_timestamp', '_id', '_deleted', 'source', 'doc'], 'v2'],
    [['saved_timestamp', '_id', '_deleted', 'doc'], 'v1'],
    [['saved_timestamp', '_id', 'doc'], 'pre-1.0'],
    [['@version', '@timestamp', '_id', '_rev', 'doc', 'doc_as_upsert'], 'logstash'],
    [['doc'], null],
    [['_id', 'payload'], null],
  ])('%j is %s', (columns, era) => {
    expect(rawTableEra(columns)).toBe(era)
  })
})

describe('couch2pgRelease (migration tables of medic/cht-couch2pg)', () => {
  it.each([
    [{ users_meta_migrations: 202607231202, xmlforms_migrations: 202306221510 }, '3.7'],
    [{ users_meta_migrations: 202304140054 }, '3.6.x'],
    [{ xmlforms_migrations: 202306151746 }, '3.6.x'],
    [{ users_meta_migrations: 202105171933, xmlforms_migrations: 202104281912 }, '3.3 – 3.5'],
    [{ xmlforms_migrations: 202104281912 }, '3.2'],
    [{ users_meta_migrations: 202102191153 }, '3.2'],
    [{ xmlforms_migrations: 201905081221 }, '3.1'],
    [{ xmlforms_migrations: 201711071603 }, '1.2 – 3.0'],
    [{ couch2pg_migrations: 201803202020 }, null],
    [{}, null],
  ])('%j gives %s', (versions, release) => {
    expect(couch2pgRelease(versions)).toBe(release)
  })
})

describe('couch2pgReleaseFromTables (when there are no migration tables)', () => {
  it.each([
    [
      [
        'couchdb',
        'couchdb_progress',
        'couchdb_users_meta',
        'couchdb_medic_logs',
        'couchdb_medic_users',
      ],
      '3.6 or later',
    ],
    [['couchdb', 'couchdb_progress', 'couchdb_medic_logs'], '3.6 or later'],
    [['couchdb', 'couchdb_medic_users'], '3.6 or later'],
    [['couchdb', 'couchdb_progress', 'couchdb_users_meta'], '3.2 – 3.5'],
    [['couchdb', 'couchdb_progress'], 'before 3.2'],
    [['couchdb'], 'before 3.2'],
    [['couchdb_progress'], null],
  ])('%j gives %s', (tables, release) => {
    expect(couch2pgReleaseFromTables(tables)).toBe(release)
  })
})

describe('identifyServer', () => {
  it('knows CouchDB by its welcome', () => {
    const couch = answer({
      couchdb: 'Welcome',
      version: '3.3.3',
      vendor: { name: 'The Apache Software Foundation' },
    })
    expect(identifyServer(couch)).toEqual({
      vendor: 'couchdb',
      version: '3.3.3',
      label: 'CouchDB 3.3.3',
    })
  })

  it('reports express-pouchdb honestly, whether it says so or imitates CouchDB', () => {
    const plain = answer({
      'express-pouchdb': 'Welcome!',
      version: '4.2.0',
      vendor: { name: 'PouchDB authors' },
    })
    expect(identifyServer(plain)?.label).toBe('PouchDB Server 4.2.0 (CouchDB-compatible)')
    const imitation = answer({
      couchdb: 'Welcome',
      version: '3.3.3',
      vendor: { name: 'demo (express-pouchdb 4.2.0 on PouchDB 7.3.1)' },
    })
    expect(identifyServer(imitation)).toMatchObject({ vendor: 'pouchdb-server', version: '3.3.3' })
  })

  it('refuses anything else', () => {
    expect(identifyServer(answer({ status: 'ok' }))).toBeNull()
    expect(identifyServer(answer({ couchdb: 'Welcome' }, 500))).toBeNull()
    expect(identifyServer(answer(null))).toBeNull()
    expect(identifyServer(answer(['couchdb']))).toBeNull()
  })
})
