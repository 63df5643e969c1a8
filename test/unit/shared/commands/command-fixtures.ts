import type { CommandSource } from '../../../../src/shared/commands/command-types'
import { emptyCheckSettings } from '../../../../src/shared/checks/check-settings'
import { CONNECTION_CHECK_IDS } from '../../../../src/shared/connection-targets'
import type { EndpointFacts } from '../../../../src/shared/results/connection-result'
import type { StoredResult } from '../../../../src/shared/results/result-schema'

/**
 * Projects for the command generators: one with all three connections tested, one with none.
 * The connected one carries passwords where a careless generator could pick them up (extra keys
 * on the profiles, as a credential lookup might merge them), so tests can assert they never
 * appear in any block.
 */

export const SECRETS = ['Sup3r-S3cret-couch', 'Pg-Pa55word-sync', 'Pg-Pa55word-old']

/** A stored connection result holding `facts`. */
function connectionResult(facts: EndpointFacts): StoredResult {
  return {
    id: CONNECTION_CHECK_IDS[facts.endpoint],
    itemId: 'plan.connections',
    title: 'Connection',
    verdict: 'pass',
    summary: 'Connected.',
    ranAt: '2026-11-30T10:00:00.000Z',
    durationMs: 12,
    endpoints: [],
    partial: null,
    details: {
      kind: 'connection',
      endpoint: facts.endpoint,
      ok: true,
      durationMs: 12,
      serverLabel: null,
      facts,
      error: null,
      legacyFacts: [],
    },
    history: [],
  }
}

const server = (database: string, user: string) => ({ version: '16.4', database, user })

/** All three connections, tested: couch2pg copies medic, medic-sentinel and medic-users-meta. */
export function connectedSource(): CommandSource {
  const couchdb: EndpointFacts = {
    endpoint: 'couchdb',
    vendor: 'couchdb',
    version: '3.3.3',
    chtVersion: '4.15.0',
    signedInAs: { name: 'cht_sync_reader', admin: false },
    anonymous: false,
    databases: ['medic', 'medic-sentinel', 'medic-users-meta', 'medic-logs', '_users'].map(
      (name) => ({ name, state: 'present', docCount: 10, deletedCount: 0, httpStatus: null }),
    ),
  }
  const couch2pg: EndpointFacts = {
    endpoint: 'couch2pg',
    server: server('cht', 'couch2pg_reader'),
    schema: 'public',
    release: '3.7',
    releaseFrom: 'migrations',
    migrations: [],
    tables: ['couchdb', 'couchdb_users_meta'].map((name) => ({ name, rows: 10, exact: true })),
    progress: {
      table: true,
      sources: [],
      bySource: ['medic', 'medic-sentinel', 'medic-users-meta'].map((db) => ({
        source: `cht.example.org:443/${db}`,
        database: db,
        seq: '12-abc',
        pending: null,
        updatedAt: null,
      })),
      truncated: false,
    },
  }
  const chtSync: EndpointFacts = {
    endpoint: 'chtSync',
    server: server('cht_sync', 'wizard'),
    schema: 'analytics',
    table: 'raw docs',
    era: 'v2',
    rawRows: 10,
    rawRowsExact: true,
    rawSplit: null,
    progress: {
      state: 'read',
      sources: 1,
      pending: 0,
      updatedAt: '2026-11-30T10:00:00.000Z',
      monitoringColumns: true,
      bySource: [
        {
          source: 'cht.example.org/medic',
          database: 'medic',
          seq: '12-abc',
          pending: 0,
          updatedAt: '2026-11-30T10:00:00.000Z',
        },
      ],
    },
    dataemon: 'v2',
    pipeline: 'v2',
    dbtLastRun: null,
    schemaClash: false,
  }
  const withPassword = <T extends object>(profile: T, password: string): T =>
    ({ ...profile, password }) as T
  return {
    connections: {
      couchdb: withPassword(
        { url: 'https://www.cht.example.org', username: "o'brien" },
        SECRETS[0]!,
      ),
      chtSync: withPassword(
        {
          host: 'db.example.org',
          port: 5433,
          database: 'cht_sync',
          user: 'cht sync',
          ssl: 'require' as const,
          schema: 'analytics',
          table: 'raw docs',
        },
        SECRETS[1]!,
      ),
      couch2pg: withPassword(
        {
          host: 'old.example.org',
          port: 5432,
          database: 'cht',
          user: 'couch2pg',
          ssl: 'disable' as const,
        },
        SECRETS[2]!,
      ),
    },
    results: Object.fromEntries(
      [couchdb, couch2pg, chtSync].map((f) => [
        CONNECTION_CHECK_IDS[f.endpoint],
        connectionResult(f),
      ]),
    ),
    checks: { ...emptyCheckSettings(), watchdogUrl: 'http://watchdog.example.org:9090' },
  }
}

/** A project with no connection at all. */
export function emptySource(): CommandSource {
  return {
    connections: { couchdb: null, couch2pg: null, chtSync: null },
    results: {},
    checks: emptyCheckSettings(),
  }
}
