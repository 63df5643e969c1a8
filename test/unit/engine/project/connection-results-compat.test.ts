import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readProjectFile, serializeProject } from '../../../../src/main/engine/project/project-file'
import { connectionContextOf } from '../../../../src/shared/results/connection-context'
import { describeConnection } from '../../../../src/shared/results/connection-describe'
import type { ChtSyncFacts, Couch2pgFacts } from '../../../../src/shared/results/connection-result'
import { syncCoverage } from '../../../../src/shared/results/sync-coverage'
import { makeTempDir, sampleDocument } from '../../../support/project-fixtures'

/**
 * Projects saved before the connection facts grew (couch2pg's release source and per-source
 * progress, CHT Sync's live/deleted split and per-source progress) still load: the new fields
 * take their defaults, and what they did not measure reads as unknown, never as 0.
 */
let dir: string
let cleanup: () => void
beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('compat'))
})
afterEach(() => cleanup())

const server = { version: '16.4', database: 'cht', user: 'reader' }
const stored = (endpoint: 'couch2pg' | 'chtSync', facts: object) => ({
  id: `connection.${endpoint}`,
  itemId: 'plan.connections',
  title: `Connection to the ${endpoint}`,
  verdict: 'pass',
  summary: 'Connected.',
  ranAt: '2025-05-01T10:00:00.000Z',
  durationMs: 40,
  endpoints: [{ endpoint, target: 'postgres://reader@db:5432/cht' }],
  partial: null,
  details: {
    kind: 'connection',
    endpoint,
    ok: true,
    durationMs: 40,
    serverLabel: 'PostgreSQL 16.4',
    facts,
    error: null,
    legacyFacts: [],
  },
  history: [],
})

// Exactly the shapes an earlier build wrote: no releaseFrom, bySource, truncated or rawSplit.
const OLD_COUCH2PG = {
  endpoint: 'couch2pg',
  server,
  schema: 'public',
  release: '3.6.x',
  migrations: [{ table: 'xmlforms_migrations', latest: 202306151746 }],
  tables: [{ name: 'couchdb', rows: 1200, exact: true }],
  progress: { table: true, sources: ['cht:443/medic', 'cht:443/medic-sentinel'] },
}
const OLD_CHT_SYNC = {
  endpoint: 'chtSync',
  server,
  schema: 'v1',
  table: 'couchdb',
  era: 'v2',
  rawRows: 300,
  rawRowsExact: true,
  progress: {
    state: 'read',
    sources: 2,
    pending: 3,
    updatedAt: '2025-05-01T09:59:00.000Z',
    monitoringColumns: true,
  },
  dataemon: 'v2',
  pipeline: 'v2',
  dbtLastRun: { endedAt: null, results: 2, failed: 0 },
  schemaClash: false,
}

describe('connection results saved by an earlier build', () => {
  it('load, with the new facts at their defaults', async () => {
    const document = JSON.parse(serializeProject(sampleDocument()))
    document.results = {
      'connection.couch2pg': stored('couch2pg', OLD_COUCH2PG),
      'connection.chtSync': stored('chtSync', OLD_CHT_SYNC),
    }
    const path = join(dir, 'old.chtmig.json')
    writeFileSync(path, JSON.stringify(document))
    const loaded = await readProjectFile(path)

    const context = connectionContextOf(loaded.results)
    const couch2pg = context.couch2pg as Couch2pgFacts
    const chtSync = context.chtSync as ChtSyncFacts
    expect(couch2pg.releaseFrom).toBeNull()
    expect(couch2pg.progress).toEqual({ ...OLD_COUCH2PG.progress, bySource: [], truncated: false })
    expect(chtSync.rawSplit).toBeNull()
    expect(chtSync.progress).toMatchObject({ state: 'read', sources: 2, bySource: [] })

    // Described as before, with what was not measured said to be unknown.
    const details = loaded.results['connection.chtSync']?.details
    if (details?.kind !== 'connection') throw new Error('not a connection result')
    const facts = Object.fromEntries(
      describeConnection(details, context).facts.map((f) => [f.label, f.value]),
    )
    expect(facts['Raw table v1.couchdb']).toBe('300 rows; live and deleted not known')
    // couch2pg's source strings still say which databases it copied; CHT Sync's are unknown.
    const coverage = syncCoverage(null, couch2pg, chtSync)
    const sentinel = coverage.rows.find((r) => r.database === 'medic-sentinel')
    expect(sentinel?.couch2pg.state).toBe('copies')
    expect(sentinel?.chtSync.state).toBe('unknown')
    expect(describeConnection(details, context).warnings).toEqual([])
  })
})
