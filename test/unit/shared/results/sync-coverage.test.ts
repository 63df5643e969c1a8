import { describe, expect, it } from 'vitest'
import type {
  ChtSyncFacts,
  Couch2pgFacts,
  CouchdbFacts,
  ProgressSource,
} from '../../../../src/shared/results/connection-result'
import { syncCoverage, pipelineWarnings } from '../../../../src/shared/results/sync-coverage'
import { couch2pgCopiesLogs } from '../../../../src/shared/results/sync-coverage-gaps'
import {
  couchdbCellText,
  coverageGaps,
  pipelineCellText,
} from '../../../../src/shared/results/sync-coverage-text'

/**
 * Which databases each pipeline copies, against those CouchDB holds: progress rows matched by
 * database name (never host), and a sentence for each gap saying whether it matters.
 */
const server = { version: '16.4', database: 'cht', user: 'reader' }

const row = (
  source: string,
  database: string | null,
  seq: string | null,
  pending: number | null = null,
): ProgressSource => ({ source, database, seq, pending, updatedAt: null })

const present = (name: string, docCount: number) =>
  ({ name, state: 'present', docCount, deletedCount: 0, httpStatus: null }) as const

const couchdb: CouchdbFacts = {
  endpoint: 'couchdb',
  vendor: 'couchdb',
  version: '3.3.3',
  chtVersion: '4.18.0',
  signedInAs: { name: 'admin', admin: true },
  anonymous: false,
  databases: [
    present('medic', 20_431),
    present('medic-sentinel', 18_002),
    present('medic-users-meta', 311),
    present('medic-logs', 40),
    present('_users', 12),
  ],
}

const couch2pg = (
  bySource: ProgressSource[],
  release: string | null = '3.7',
  truncated = false,
): Couch2pgFacts => ({
  endpoint: 'couch2pg',
  server,
  schema: 'public',
  release,
  releaseFrom: 'migrations',
  migrations: [],
  tables: [],
  progress: { table: true, sources: bySource.map((r) => r.source), bySource, truncated },
})

const chtSync = (bySource: ProgressSource[], sources = bySource.length): ChtSyncFacts => ({
  endpoint: 'chtSync',
  server,
  schema: 'v1',
  table: 'couchdb',
  era: 'v2',
  rawRows: 10,
  rawRowsExact: true,
  rawSplit: null,
  progress: {
    state: 'read',
    sources,
    pending: 0,
    updatedAt: null,
    monitoringColumns: true,
    bySource,
  },
  dataemon: 'v2',
  pipeline: 'v2',
  dbtLastRun: null,
  schemaClash: false,
})

// couch2pg reaches CouchDB on a private address, CHT Sync by its service name: neither is the
// wizard's address, and they differ from each other.
const oldPipeline = couch2pg([
  row('couchdb:5984/medic', 'medic', '4711-g1AAAA'),
  row('192.168.1.20:5984/medic-sentinel', 'medic-sentinel', '99-g1AAAB'),
  row('couchdb:5984/medic-users-meta', 'medic-users-meta', '12-g1AAAC'),
  row('couchdb:5984/medic-logs', 'medic-logs', '3-g1AAAD'),
  row('default-source', null, '17'),
])
const newPipeline = chtSync([
  row('couchdb/medic', 'medic', '4712-g1AAAA', 0),
  row('couchdb/medic_sentinel', 'medic_sentinel', '0', null),
  row('couchdb/medic-users-meta', 'medic-users-meta', '12-g1AAAC', 0),
])

const byName = (coverage: ReturnType<typeof syncCoverage>, name: string) => {
  const found = coverage.rows.find((r) => r.database === name)
  if (!found) throw new Error(`no row for ${name}`)
  return found
}

describe('syncCoverage', () => {
  it('matches progress rows to CouchDB’s databases by name, whatever host they name', () => {
    const coverage = syncCoverage(couchdb, oldPipeline, newPipeline)
    expect(coverage.rows.map((r) => r.database)).toEqual([
      'medic',
      'medic-sentinel',
      'medic-users-meta',
      'medic-logs',
      '_users',
      'medic_sentinel',
    ])
    const medic = byName(coverage, 'medic')
    expect(medic.couchdb).toEqual({ state: 'present', docCount: 20_431 })
    expect(medic.couch2pg.state).toBe('copies')
    expect(medic.chtSync.state).toBe('copies')
    expect(medic.gaps).toEqual([])
    expect(pipelineCellText(coverage, medic, 'couch2pg')).toBe('copies (seq 4711)')
    expect(pipelineCellText(coverage, medic, 'chtSync')).toBe('copies (seq 4712, 0 pending)')
    expect(couchdbCellText(medic)).toBe('20,431 documents')

    const typo = byName(coverage, 'medic_sentinel')
    expect(typo.couchdb.state).toBe('not_checked')
    expect(pipelineCellText(coverage, typo, 'chtSync')).toBe('copies (seq 0, pending not known)')
    expect(typo.gaps).toEqual([
      {
        database: 'medic_sentinel',
        pipeline: 'chtSync',
        matters: true,
        text: 'CHT Sync’s progress names “medic_sentinel”, which is not a CHT database: the real name is “medic-sentinel”; correct it in COUCHDB_DBS. Its progress is still at sequence 0: nothing was ever copied from it.',
      },
    ])
  })

  it('says what matters: a database couch2pg copies and CHT Sync does not, naming the variable', () => {
    const coverage = syncCoverage(couchdb, oldPipeline, newPipeline)
    expect(byName(coverage, 'medic-sentinel').gaps).toEqual([
      {
        database: 'medic-sentinel',
        pipeline: 'chtSync',
        matters: true,
        text: 'couch2pg copies medic-sentinel but CHT Sync does not: add medic-sentinel to COUCHDB_DBS, or its data stops reaching PostgreSQL when couch2pg is turned off.',
      },
    ])
    expect(byName(coverage, 'medic-logs').gaps[0]).toMatchObject({
      pipeline: 'chtSync',
      matters: true,
      text: expect.stringMatching(/^couch2pg copies medic-logs but CHT Sync does not/),
    })
    expect(pipelineWarnings(coverage, 'chtSync')).toHaveLength(3)
    expect(pipelineWarnings(coverage, 'couch2pg')).toEqual([])
  })

  it('says what is normal: _users copied by neither, and a legacy default-source row', () => {
    const coverage = syncCoverage(couchdb, oldPipeline, newPipeline)
    expect(byName(coverage, '_users').gaps).toEqual([
      expect.objectContaining({
        matters: false,
        text: 'couch2pg does not copy _users: normal, it is off by default (SYNC_DB_USERS).',
      }),
      expect.objectContaining({
        matters: false,
        text: 'CHT Sync does not copy _users: normal, COUCHDB_DBS leaves it out and cht-pipeline’s models do not read it.',
      }),
    ])
    expect(coverage.unnamed).toEqual([
      expect.objectContaining({
        database: null,
        matters: false,
        text: expect.stringMatching(/^couch2pg’s progress row “default-source” names no database/),
      }),
    ])
    // Those that matter come first.
    expect(coverageGaps(coverage).map((g) => g.matters)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ])
  })

  it('says couch2pg before 3.6 cannot copy medic-logs, without blocking anything', () => {
    const old = couch2pg([row('couchdb:5984/medic', 'medic', '1-a')], '3.3 – 3.5')
    const coverage = syncCoverage(
      couchdb,
      old,
      chtSync([row('couchdb/medic-logs', 'medic-logs', '2-a', 0)]),
    )
    expect(byName(coverage, 'medic-logs').gaps).toEqual([
      expect.objectContaining({
        pipeline: null,
        matters: false,
        text: 'couch2pg 3.3 – 3.5 cannot copy medic-logs (SYNC_DB_LOGS came with 3.6). This does not block the migration: CHT Sync can copy it.',
      }),
    ])
    expect(couch2pgCopiesLogs('3.6 or later')).toBe(true)
    expect(couch2pgCopiesLogs('3.6.x')).toBe(true)
    expect(couch2pgCopiesLogs('3.2 – 3.5')).toBe(false)
    expect(couch2pgCopiesLogs('before 3.2')).toBe(false)
    expect(couch2pgCopiesLogs('1.2 – 3.0')).toBe(false)
    expect(couch2pgCopiesLogs(null)).toBeNull()
  })

  it('warns of a progress row naming a CHT database this CouchDB does not have', () => {
    const cht3 = {
      ...couchdb,
      databases: couchdb.databases.map((d) =>
        d.name === 'medic-logs' ? { ...d, state: 'absent' as const, docCount: null } : d,
      ),
    }
    const coverage = syncCoverage(
      cht3,
      couch2pg([
        row('couchdb:5984/medic', 'medic', '1-a'),
        row('couchdb:5984/medic-logs', 'medic-logs', '0'),
      ]),
      chtSync([row('couchdb/medic', 'medic', '2-a', 0)]),
    )
    expect(pipelineWarnings(coverage, 'couch2pg')).toEqual([
      'couch2pg’s progress names medic-logs, but this CouchDB has no medic-logs: set SYNC_DB_LOGS=false. Its progress is still at sequence 0: nothing was ever copied from it.',
    ])
    expect(couchdbCellText(byName(coverage, 'medic-logs'))).toBe('not on this server')
  })

  it('leaves a pipeline unknown when its facts are missing, unreadable or cut short', () => {
    const coverage = syncCoverage(null, null, newPipeline)
    const medicSentinel = byName(coverage, 'medic-sentinel')
    expect(medicSentinel.couchdb.state).toBe('unknown')
    expect(medicSentinel.couch2pg.state).toBe('unknown')
    expect(medicSentinel.chtSync.state).toBe('not_copied')
    expect(pipelineCellText(coverage, medicSentinel, 'couch2pg')).toBe('not tested')
    expect(couchdbCellText(medicSentinel)).toBe('not tested')
    // Without CouchDB's facts nothing says CouchDB holds medic-sentinel: no sentence.
    expect(medicSentinel.gaps).toEqual([])
    // The misspelt name still matters: it is wrong whatever CouchDB holds.
    expect(pipelineWarnings(coverage, 'chtSync')).toHaveLength(1)

    const cut = syncCoverage(couchdb, couch2pg([row('a:1/medic', 'medic', '1')], '3.7', true), null)
    expect(byName(cut, 'medic-sentinel').couch2pg.state).toBe('unknown')
    // A result stored before per-source rows were kept: CHT Sync counted sources, named none.
    const old = syncCoverage(couchdb, null, chtSync([], 4))
    expect(byName(old, 'medic').chtSync.state).toBe('unknown')
    expect(pipelineCellText(old, byName(old, 'medic'), 'chtSync')).toBe('not known')
  })

  it('warns when CHT Sync does not copy medic at all', () => {
    const coverage = syncCoverage(null, null, chtSync([]))
    expect(pipelineWarnings(coverage, 'chtSync')).toEqual([
      'CHT Sync does not copy medic, the CHT’s main database: add it to COUCHDB_DBS.',
    ])
  })

  it('reads couch2pg’s source strings from a result stored before rows were kept', () => {
    const old: Couch2pgFacts = {
      ...couch2pg([]),
      progress: {
        table: true,
        sources: ['cht:443/medic', 'cht:443/medic-sentinel'],
        bySource: [],
        truncated: false,
      },
    }
    const coverage = syncCoverage(couchdb, old, null)
    expect(byName(coverage, 'medic-sentinel').couch2pg).toEqual({
      state: 'copies',
      sources: [
        {
          source: 'cht:443/medic-sentinel',
          database: 'medic-sentinel',
          seq: null,
          pending: null,
          updatedAt: null,
        },
      ],
    })
    expect(byName(coverage, 'medic-users-meta').couch2pg.state).toBe('not_copied')
  })

  it('lists copies from several CouchDB addresses in one row', () => {
    const twice = couch2pg([
      row('couchdb:5984/medic', 'medic', '10-a'),
      row('10.0.0.2:5984/medic', 'medic', '11-b'),
    ])
    const coverage = syncCoverage(couchdb, twice, null)
    expect(pipelineCellText(coverage, byName(coverage, 'medic'), 'couch2pg')).toBe(
      'copies, from 2 CouchDB addresses (couchdb:5984/medic: seq 10; 10.0.0.2:5984/medic: seq 11)',
    )
  })
})
