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
  ProgressSource,
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

const source = (
  name: string,
  database: string | null,
  seq: string | null,
  pending: number | null = null,
  updatedAt: string | null = null,
): ProgressSource => ({ source: name, database, seq, pending, updatedAt })

const couch2pg: Couch2pgFacts = {
  endpoint: 'couch2pg',
  server,
  schema: 'public',
  release: '3.7',
  releaseFrom: 'migrations',
  migrations: [{ table: 'xmlforms_migrations', latest: 202306221510 }],
  tables: [
    { name: 'couchdb', rows: 1_234_567, exact: false },
    { name: 'couchdb_progress', rows: 2, exact: true },
    { name: 'couchdb_medic_logs', rows: null, exact: false },
  ],
  progress: {
    table: true,
    sources: ['cht:443/medic', 'cht:443/medic-sentinel'],
    bySource: [
      source('cht:443/medic', 'medic', '4711-g1AAAA'),
      source('cht:443/medic-sentinel', 'medic-sentinel', '99-g1AAAB'),
    ],
    truncated: false,
  },
}

const chtSync: ChtSyncFacts = {
  endpoint: 'chtSync',
  server,
  schema: 'v1',
  table: 'couchdb',
  era: 'v2',
  rawRows: 1,
  rawRowsExact: true,
  rawSplit: { live: 1, deleted: 0, exact: true },
  progress: {
    state: 'read',
    sources: 2,
    pending: 1500,
    updatedAt: '2025-06-01T12:05:33.000Z',
    monitoringColumns: true,
    bySource: [
      source('couchdb/medic', 'medic', '4711-g1AAAA', 1500, '2025-06-01T12:05:33.000Z'),
      source('couchdb/medic-sentinel', 'medic-sentinel', '99-g1AAAB', 0, null),
    ],
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
      'Progress sources': '2: cht:443/medic (seq 4711), cht:443/medic-sentinel (seq 99)',
      Session: 'read-only',
    })
    const bare = {
      ...couch2pg,
      release: null,
      migrations: [],
      progress: { table: false, sources: [], bySource: [], truncated: false },
    }
    expect(byLabel(details({ facts: bare }))['Looks like']).toBe(
      'couch2pg (release unknown: no migration tables)',
    )
    expect(byLabel(details({ facts: bare }))['Progress sources']).toBe('no couchdb_progress table')
  })

  it('phrases CHT Sync facts, and warns about a pipeline ahead of its table and a clash', () => {
    const found = byLabel(details({ endpoint: 'chtSync', facts: chtSync }))
    expect(found).toMatchObject({
      'Looks like': 'CHT Sync 2.x (the raw table has a source column)',
      'Raw table v1.couchdb': '1 row: 1 live, 0 deleted stubs',
      Progress: '2 sources, 1,500 changes pending, last update 2025-06-01 12:05 UTC',
      'Progress per source':
        'couchdb/medic (seq 4711, 1,500 pending, updated 2025-06-01 12:05 UTC); couchdb/medic-sentinel (seq 99, 0 pending)',
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
      'CHT databases': 'medic (1 document, deleted count not reported)',
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

  it('says when couch2pg’s release was read from its tables, for want of migration tables', () => {
    const fromTables = { ...couch2pg, release: '3.6 or later', releaseFrom: 'tables' as const }
    const bare = { ...fromTables, migrations: [] }
    expect(byLabel(details({ facts: bare }))['Looks like']).toBe(
      'couch2pg 3.6 or later (from its tables; no migration tables)',
    )
    expect(byLabel(details({ facts: fromTables }))['Looks like']).toBe(
      'couch2pg 3.6 or later (from its tables; its migration tables do not say)',
    )
    // A result stored before `releaseFrom` was kept read its release from migration tables.
    const old = { ...couch2pg, releaseFrom: null }
    expect(byLabel(details({ facts: old }))['Looks like']).toBe(
      'couch2pg 3.7 (from its migration tables)',
    )
  })

  it('shows CouchDB’s deleted counts when known, and says so when not, never 0', () => {
    const databases: CouchdbFacts['databases'] = [
      { name: 'medic', state: 'present', docCount: 20_431, deletedCount: 1_210, httpStatus: null },
      { name: 'medic-sentinel', state: 'present', docCount: 5, deletedCount: 0, httpStatus: null },
      { name: '_users', state: 'present', docCount: 3, deletedCount: null, httpStatus: null },
      {
        name: 'medic-logs',
        state: 'present',
        docCount: null,
        deletedCount: null,
        httpStatus: null,
      },
    ]
    expect(
      byLabel(details({ endpoint: 'couchdb', facts: { ...couchdb, databases } })),
    ).toMatchObject({
      'CHT databases':
        'medic (20,431 documents, 1,210 deleted), medic-sentinel (5 documents, 0 deleted), _users (3 documents, deleted count not reported), medic-logs (document count not reported)',
    })
  })

  it('splits CHT Sync’s raw rows into live rows and deleted stubs, estimated or unknown', () => {
    const label = 'Raw table v1.couchdb'
    const estimated = {
      ...chtSync,
      rawRows: 1_200_000,
      rawRowsExact: false,
      rawSplit: { live: 1_150_000, deleted: 50_000, exact: false },
    }
    expect(byLabel(details({ endpoint: 'chtSync', facts: estimated }))[label]).toBe(
      'about 1,200,000 rows: about 1,150,000 live, about 50,000 deleted stubs (estimated from the column statistics)',
    )
    const unknown = { ...estimated, rawSplit: null }
    expect(byLabel(details({ endpoint: 'chtSync', facts: unknown }))[label]).toBe(
      'about 1,200,000 rows; live and deleted not known',
    )
    const preOne = { ...unknown, era: 'pre-1.0' as const, rawRows: 12, rawRowsExact: true }
    expect(byLabel(details({ endpoint: 'chtSync', facts: preOne }))[label]).toBe('12 rows')
  })

  it('warns of a failed dbt run, naming how many failed', () => {
    const failed = {
      ...chtSync,
      dbtLastRun: { endedAt: '2025-06-01T12:05:00Z', results: 14, failed: 2 },
    }
    expect(describeConnection(details({ endpoint: 'chtSync', facts: failed })).warnings).toEqual([
      'The latest dbt run (ended 2025-06-01 12:05 UTC) failed for 2 models or tests of 14: the tables they build are not up to date. See status and message in dbt_results, and the dbt container’s log.',
    ])
  })

  it('warns of the databases a pipeline should copy, read against the other endpoints', () => {
    // CHT Sync copies only medic; couch2pg copies medic and medic-sentinel.
    const onlyMedic = {
      ...chtSync,
      progress: {
        ...(chtSync.progress as Extract<ChtSyncFacts['progress'], { state: 'read' }>),
        sources: 1,
        bySource: [source('couchdb/medic', 'medic', '4711-g1AAAA', 0)],
      },
    }
    const alone = describeConnection(details({ endpoint: 'chtSync', facts: onlyMedic }))
    expect(alone.warnings).toEqual([])
    const read = describeConnection(details({ endpoint: 'chtSync', facts: onlyMedic }), {
      couchdb,
      couch2pg,
    })
    expect(read.warnings).toEqual([
      'couch2pg copies medic-sentinel but CHT Sync does not: add medic-sentinel to COUCHDB_DBS, or its data stops reaching PostgreSQL when couch2pg is turned off.',
    ])
    expect(
      connectionSummary(details({ endpoint: 'chtSync', facts: onlyMedic }), { couchdb, couch2pg }),
    ).toMatch(/\. Warning: couch2pg copies medic-sentinel but CHT Sync does not/)
    // couch2pg's own result does not carry CHT Sync's gap.
    expect(
      describeConnection(details({ facts: couch2pg }), { couchdb, chtSync: onlyMedic }).warnings,
    ).toEqual([])
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
