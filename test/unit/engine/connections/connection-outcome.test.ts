import { describe, expect, it } from 'vitest'
import {
  connectionResult,
  type ConnectionOutcome,
} from '../../../../src/main/engine/connections/connection-outcome'
import { TEXT_LIMITS } from '../../../../src/shared/results/common'
import type { ChtSyncFacts, Couch2pgFacts } from '../../../../src/shared/results/connection-result'
import { storedResultSchema } from '../../../../src/shared/results/result-schema'

/** The stored result of a connection test: id, item, verdict, summary and bounded texts. */
const base: ConnectionOutcome = {
  endpoint: 'chtSync',
  target: 'postgres://reader@db.example.org:5432/cht_sync',
  ranAt: '2025-06-01T12:00:00.000Z',
  durationMs: 120,
  serverLabel: 'PostgreSQL 16.4',
  facts: null,
  error: null,
}

const facts: ChtSyncFacts = {
  endpoint: 'chtSync',
  server: { version: '16.4', database: 'cht_sync', user: 'reader' },
  schema: 'v1',
  table: 'couchdb',
  era: 'v2',
  rawRows: 10,
  rawRowsExact: true,
  rawSplit: { live: 10, deleted: 0, exact: true },
  progress: { state: 'absent' },
  dataemon: null,
  pipeline: null,
  dbtLastRun: null,
  schemaClash: false,
}

const valid = (result: ReturnType<typeof connectionResult>) =>
  storedResultSchema.parse({ ...result, history: [] })

describe('connectionResult', () => {
  it('is connection.<endpoint> on plan.connections, against the target, with typed details', () => {
    const result = connectionResult({ ...base, facts })
    expect(valid(result)).toMatchObject({
      id: 'connection.chtSync',
      itemId: 'plan.connections',
      title: 'Connection to the CHT Sync PostgreSQL',
      verdict: 'pass',
      ranAt: base.ranAt,
      durationMs: 120,
      endpoints: [{ endpoint: 'chtSync', target: base.target }],
      partial: null,
      details: {
        kind: 'connection',
        endpoint: 'chtSync',
        ok: true,
        facts,
        error: null,
        legacyFacts: [],
      },
    })
    expect(result.summary).toMatch(/^Connected to PostgreSQL 16\.4: CHT Sync 2\.x/)
  })

  it('warns when the facts carry a warning, and fails or errs by the kind of failure', () => {
    expect(connectionResult({ ...base, facts: { ...facts, schemaClash: true } }).verdict).toBe(
      'warn',
    )
    const failure = (kind: 'auth' | 'no_password' | 'no_profile' | 'not_postgresql') =>
      connectionResult({ ...base, error: { kind, message: 'M.', hint: 'H.', looksLike: null } })
    expect(failure('auth').verdict).toBe('fail')
    expect(failure('not_postgresql').verdict).toBe('fail')
    expect(failure('no_password').verdict).toBe('error')
    expect(failure('no_profile').verdict).toBe('error')
    expect(failure('auth').details).toMatchObject({ ok: false })
    expect(failure('auth').summary).toBe('M. H.')
  })

  it('warns of a failed dbt run instead of passing with it among the facts', () => {
    const failed = { ...facts, dbtLastRun: { endedAt: null, results: 3, failed: 1 } }
    const result = connectionResult({ ...base, facts: failed })
    expect(result.verdict).toBe('warn')
    expect(result.summary).toMatch(/Warning: The latest dbt run failed for 1 model or test of 3/)
  })

  it('warns, read against the other endpoints, of a database CHT Sync should copy', () => {
    const progress = {
      state: 'read' as const,
      sources: 1,
      pending: 0,
      updatedAt: null,
      monitoringColumns: true,
      bySource: [
        { source: 'couchdb/medic', database: 'medic', seq: '5-a', pending: 0, updatedAt: null },
      ],
    }
    const couch2pg: Couch2pgFacts = {
      endpoint: 'couch2pg',
      server: facts.server,
      schema: 'public',
      release: '3.7',
      releaseFrom: 'migrations',
      migrations: [],
      tables: [],
      progress: {
        table: true,
        sources: ['couchdb:5984/medic', 'couchdb:5984/medic-users-meta'],
        bySource: [],
        truncated: false,
      },
    }
    const withProgress = { ...facts, progress }
    expect(connectionResult({ ...base, facts: withProgress }).verdict).toBe('pass')
    const result = connectionResult({ ...base, facts: withProgress }, { couch2pg })
    expect(result.verdict).toBe('warn')
    expect(result.summary).toMatch(
      /Warning: couch2pg copies medic-users-meta but CHT Sync does not: add medic-users-meta to COUCHDB_DBS/,
    )
  })

  it('clips every text to its bound, so a hostile server cannot break the project file', () => {
    const long = 'x'.repeat(1_500_000)
    const result = connectionResult({
      ...base,
      target: long,
      serverLabel: long,
      error: { kind: 'other', message: long, hint: long, looksLike: null },
    })
    const stored = valid(result)
    expect(stored.endpoints[0]?.target).toHaveLength(TEXT_LIMITS.line)
    expect(stored.details.kind === 'connection' && stored.details.serverLabel).toHaveLength(
      TEXT_LIMITS.short,
    )
    expect(stored.summary.length).toBeLessThanOrEqual(TEXT_LIMITS.paragraph)
  })
})
