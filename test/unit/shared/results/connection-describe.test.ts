import { describe, expect, it } from 'vitest'
import {
  connectionSummary,
  describeConnection,
  plural,
  utcMinute,
} from '../../../../src/shared/results/connection-describe'
import type {
  ChtSyncFacts,
  ConnectionDetails,
  Couch2pgFacts,
  CouchdbFacts,
} from '../../../../src/shared/results/connection-result'

/** Typed connection facts in words: the sentences the renderer, the export and the CLI share. */
const server = { version: '16.4', database: 'cht', user: 'reader' }

const details = (patch: Partial<ConnectionDetails>): ConnectionDetails => ({
  kind: 'connection',
  endpoint: 'couch2pg',
  ok: true,
  durationMs: 40,
  serverLabel: 'PostgreSQL 16.4',
  facts: null,
  error: null,
  legacyFacts: [],
  ...patch,
})

const byLabel = (d: ConnectionDetails) =>
  Object.fromEntries(describeConnection(d).facts.map((f) => [f.label, f.value]))

const couch2pg: Couch2pgFacts = {
  endpoint: 'couch2pg',
  server,
  schema: 'public',
  release: '3.7',
  migrations: [{ table: 'xmlforms_migrations', latest: 202306221510 }],
  tables: [
    { name: 'couchdb', rows: 1_234_567, exact: false },
    { name: 'couchdb_progress', rows: 2, exact: true },
    { name: 'couchdb_medic_logs', rows: null, exact: false },
  ],
  progress: { table: true, sources: ['cht:443/medic', 'cht:443/medic-sentinel'] },
}

const chtSync: ChtSyncFacts = {
  endpoint: 'chtSync',
  server,
  schema: 'v1',
  table: 'couchdb',
  era: 'v2',
  rawRows: 1,
  rawRowsExact: true,
  progress: {
    state: 'read',
    sources: 2,
    pending: 1500,
    updatedAt: '2025-06-01T12:05:33.000Z',
    monitoringColumns: true,
  },
  dataemon: 'v2',
  pipeline: 'v2',
  dbtLastRun: { endedAt: null, results: 3, failed: 0 },
  schemaClash: false,
}

const couchdb: CouchdbFacts = {
  endpoint: 'couchdb',
  vendor: 'couchdb',
  version: '3.3.3',
  chtVersion: '4.18.0',
  signedInAs: { name: 'medic', admin: false },
  anonymous: false,
  databases: [
    { name: 'medic', state: 'present', docCount: 1, deletedCount: null, httpStatus: null },
    {
      name: 'medic-sentinel',
      state: 'forbidden',
      docCount: null,
      deletedCount: null,
      httpStatus: null,
    },
    { name: 'medic-logs', state: 'absent', docCount: null, deletedCount: null, httpStatus: null },
  ],
}

describe('describeConnection', () => {
  it('phrases couch2pg facts: estimates as “about”, exact counts plain, unknown said so', () => {
    expect(byLabel(details({ facts: couch2pg }))).toEqual({
      'Looks like': 'couch2pg 3.7 (from its migration tables)',
      'Tables in schema public':
        'couchdb (about 1,234,567 rows), couchdb_progress (2 rows), couchdb_medic_logs (row count unknown)',
      'Progress sources': '2: cht:443/medic, cht:443/medic-sentinel',
      Session: 'read-only',
    })
    const bare = { ...couch2pg, release: null, progress: { table: false, sources: [] } }
    expect(byLabel(details({ facts: bare }))['Looks like']).toBe(
      'couch2pg (release unknown: no migration tables)',
    )
    expect(byLabel(details({ facts: bare }))['Progress sources']).toBe('no couchdb_progress table')
  })

  it('phrases CHT Sync facts, and warns about a pipeline ahead of its table and a clash', () => {
    const found = byLabel(details({ endpoint: 'chtSync', facts: chtSync }))
    expect(found).toMatchObject({
      'Looks like': 'CHT Sync 2.x (the raw table has a source column)',
      'Raw table v1.couchdb': '1 row',
      Progress: '2 sources, 1,500 changes pending, last update 2025-06-01 12:05 UTC',
      'dbt state (_dataemon)': 'CHT Sync 2 (manifest, dbt_selector)',
      'cht-pipeline': 'version 2 (document_metadata has instance and dbname)',
      'Latest dbt run': '3 results, 0 not successful (ended at an unknown time)',
    })
    expect(describeConnection(details({ endpoint: 'chtSync', facts: chtSync })).warnings).toEqual(
      [],
    )
    const risky = {
      ...chtSync,
      era: 'v1' as const,
      schemaClash: true,
      progress: { state: 'unreadable' as const },
    }
    const described = describeConnection(details({ endpoint: 'chtSync', facts: risky }))
    expect(described.warnings).toHaveLength(2)
    expect(described.warnings[0]).toMatch(/needs the source column/)
    expect(described.warnings[1]).toMatch(/clash with couch2pg’s/)
    expect(byLabel(details({ endpoint: 'chtSync', facts: risky })).Progress).toBe(
      'not readable by this user',
    )
  })

  it('phrases CouchDB facts, and names the CHT version only for a test that connected', () => {
    const found = byLabel(details({ endpoint: 'couchdb', facts: couchdb }))
    expect(found).toEqual({
      'Signed in as': 'medic',
      'CHT databases': 'medic (1 document)',
      'Not on this server': 'medic-logs',
      'Not readable by this user': 'medic-sentinel',
      'CHT version': '4.18.0',
    })
    const failed = details({ endpoint: 'couchdb', ok: false, facts: couchdb })
    expect(byLabel(failed)['CHT version']).toBeUndefined()
    const anonymous = { ...couchdb, signedInAs: null, anonymous: true, chtVersion: null }
    expect(byLabel(details({ endpoint: 'couchdb', facts: anonymous }))).toMatchObject({
      'Signed in as': 'nobody (anonymous access)',
      'CHT version': expect.stringMatching(/^not reported/),
    })
  })

  it('shows facts migrated from schema 2 as they were, warnings apart, the server left out', () => {
    const legacy = details({
      facts: null,
      legacyFacts: [
        { label: 'Server', value: 'PostgreSQL 14.2' },
        { label: 'Looks like', value: 'couch2pg 3.6.x' },
        { label: 'Warning', value: 'Something to check.' },
      ],
    })
    expect(describeConnection(legacy)).toEqual({
      facts: [{ label: 'Looks like', value: 'couch2pg 3.6.x' }],
      warnings: ['Something to check.'],
    })
  })
})

describe('connectionSummary', () => {
  it('says what it connected to, and the warnings', () => {
    expect(connectionSummary(details({ facts: couch2pg }))).toBe(
      'Connected to PostgreSQL 16.4: couch2pg 3.7 (from its migration tables).',
    )
    const clash = { ...chtSync, schemaClash: true }
    expect(connectionSummary(details({ endpoint: 'chtSync', facts: clash }))).toMatch(
      /^Connected to PostgreSQL 16\.4: CHT Sync 2\.x .*\. Warning: CHT Sync writes into schema public/,
    )
    expect(
      connectionSummary(
        details({ endpoint: 'couchdb', serverLabel: 'CouchDB 3.3.3', facts: couchdb }),
      ),
    ).toBe('Connected to CouchDB 3.3.3.')
  })

  it('gives the error and what to do for a failure', () => {
    const failed = details({
      ok: false,
      error: { kind: 'auth', message: 'Refused.', hint: 'Type it again.', looksLike: null },
    })
    expect(connectionSummary(failed)).toBe('Refused. Type it again.')
  })
})

describe('formatting', () => {
  it('counts with separators, in the singular for one, and times in UTC', () => {
    expect(plural(1, 'document')).toBe('1 document')
    expect(plural(20_431, 'document')).toBe('20,431 documents')
    expect(utcMinute('2025-06-01T12:05:59+02:00')).toBe('2025-06-01 10:05 UTC')
    expect(utcMinute('not a date')).toBe('not a date')
  })
})
