import { afterEach, describe, expect, it } from 'vitest'
import { SETUP_ARRIVING } from '../../../../src/main/engine/checks/pipeline/setup-arriving'
import { SETUP_BACKLOG } from '../../../../src/main/engine/checks/pipeline/setup-backlog'
import { SETUP_TABLES } from '../../../../src/main/engine/checks/pipeline/setup-tables'
import { PIPELINE_CHECKS } from '../../../../src/main/engine/checks/pipeline/pipeline-checks'
import { MONITOR_COLLECTOR_SCHEMA } from '../../../../src/main/engine/checks/pipeline/collector-schema'
import type { ChtSyncConfig } from '../../../../src/main/engine/checks/config/config-types'
import { AppError } from '../../../../src/shared/result'
import { findCheck } from '../../../../src/shared/checks/check-catalog'
import {
  chtSyncV2,
  docs,
  fact,
  harness,
  progressRow,
  rawRows,
  runCheck,
  table,
  type Harness,
} from './pipeline-fixtures'

/**
 * The setup pipeline checks against real servers: hand-built CHT Sync schemas of each era and
 * state, CouchDB databases with CouchDB 3's opaque sequences, progress rows naming another host
 * than the wizard's. (dbt, both pipelines and the monitor checks: pipeline-dbt-lag.test.ts.)
 */

let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

/** A caught-up CHT Sync 2: every document of both databases copied, progress at update_seq. */
async function caughtUp(): Promise<Harness> {
  h = await harness()
  await chtSyncV2(h.sql)
  await h.couch.bulk('medic', docs('p', 5))
  await h.couch.bulk('medic-sentinel', docs('s', 2))
  await rawRows(h.sql, ['p-0', 'p-1', 'p-2', 'p-3', 'p-4'], { interval: '3 minutes' })
  for (const db of ['medic', 'medic-sentinel'] as const) {
    await progressRow(h.sql, h.source(db), await h.updateSeq(db), { pending: 0 })
  }
  return h
}

describe('the pipeline checks', () => {
  it('are the eight catalog entries, each with its catalog meta', () => {
    expect(PIPELINE_CHECKS.map((c) => c.id)).toEqual([
      'setup.tables',
      'setup.arriving',
      'setup.backlog',
      'setup.dbt-fresh',
      'setup.dbt-results',
      'production.fresh',
      'monitor.lag',
      'monitor.collector-schema',
    ])
    for (const c of PIPELINE_CHECKS) expect(c.title).toBe(findCheck(c.id)?.title)
  })
})

describe('setup.tables', () => {
  it('passes on CHT Sync 2’s tables and says so', async () => {
    const h = await caughtUp()
    const o = await runCheck(SETUP_TABLES, h)
    expect(o.verdict).toBe('pass')
    expect(fact(o, 'Looks like')).toMatchObject({ value: expect.stringMatching(/^CHT Sync 2/) })
    const rows = table(o, /CHT Sync’s tables/)!
    expect(rows[0]).toEqual(['v1.couchdb', true, 'saved_timestamp, _id, _deleted, source, doc'])
    expect(rows.find((r) => r[0] === 'v1.document_metadata')?.[1]).toBe(false)
  })

  it('fails on a CHT Sync 1.x raw table and _dataemon, naming the upgrade script', async () => {
    h = await harness()
    await h.sql.query(`CREATE SCHEMA v1;
      CREATE TABLE v1.couchdb (saved_timestamp timestamp, _id varchar PRIMARY KEY, _deleted boolean, doc jsonb);
      CREATE TABLE v1.couchdb_progress (seq varchar, pending integer, updated_at timestamptz, source varchar PRIMARY KEY);
      CREATE TABLE v1._dataemon (inserted_on timestamp, packages jsonb)`)
    const o = await runCheck(SETUP_TABLES, h)
    expect(o.verdict).toBe('fail')
    expect(o.summary).toMatch(/no source column: it was written by CHT Sync 1\.x/)
    expect(o.summary).toMatch(/_dataemon has no manifest and dbt_selector columns/)
    expect(o.remedy?.text).toMatch(/add-manifest-and-source\.sh/)
    expect(fact(o, 'Looks like')).toMatchObject({ value: expect.stringMatching(/CHT Sync 1\.x/) })
  })

  it('fails on a progress table without the monitoring columns (before 1.0)', async () => {
    h = await harness()
    await chtSyncV2(h.sql)
    await h.sql.query('ALTER TABLE v1.couchdb_progress DROP COLUMN pending, DROP COLUMN updated_at')
    const o = await runCheck(SETUP_TABLES, h)
    expect(o.verdict).toBe('fail')
    expect(o.summary).toMatch(/couchdb_progress has no pending and updated_at columns/)
    expect(o.remedy?.text).toMatch(/upgrade-84-monitoring\.sh/)
  })

  it('fails without a progress table, and only warns without _dataemon', async () => {
    h = await harness()
    await chtSyncV2(h.sql)
    await h.sql.query('DROP TABLE v1.couchdb_progress')
    const missing = await runCheck(SETUP_TABLES, h)
    expect(missing.verdict).toBe('fail')
    expect(missing.summary).toMatch(/There is no progress table v1\.couchdb_progress/)

    await h.sql.query(`CREATE TABLE v1.couchdb_progress (seq varchar, pending integer,
      updated_at timestamptz, source varchar PRIMARY KEY); DROP TABLE v1._dataemon`)
    const noDbt = await runCheck(SETUP_TABLES, h)
    expect(noDbt.verdict).toBe('warn')
    expect(noDbt.summary).toMatch(/no v1\._dataemon yet/)
  })

  it('fails on the Logstash era: one table per database, every revision', async () => {
    h = await harness()
    await h.sql.query(`CREATE SCHEMA v1;
      CREATE TABLE v1.medic ("@version" text, "@timestamp" timestamptz, _id text, _rev text, doc jsonb, doc_as_upsert boolean, UNIQUE (_id, _rev));
      CREATE TABLE v1."medic-sentinel" ("@version" text, "@timestamp" timestamptz, _id text, _rev text, doc jsonb, doc_as_upsert boolean)`)
    const o = await runCheck(SETUP_TABLES, h)
    expect(o.verdict).toBe('fail')
    expect(o.summary).toMatch(/v1\.medic and v1\."medic-sentinel" are from CHT Sync’s Logstash era/)
    expect(o.summary).toMatch(/every revision/)
    expect(fact(o, 'Looks like')).toMatchObject({ value: expect.stringMatching(/Logstash/) })

    const direct = await runCheck(SETUP_TABLES, h, { table: 'medic' })
    expect(direct.verdict).toBe('fail')
    expect(direct.summary).toMatch(/Logstash era/)
  })

  it('points at the schema that holds the raw table, and refuses couch2pg’s table', async () => {
    h = await harness()
    await chtSyncV2(h.sql, 'analytics')
    const elsewhere = await runCheck(SETUP_TABLES, h)
    expect(elsewhere.verdict).toBe('fail')
    expect(elsewhere.summary).toMatch(/no v1\.couchdb, but analytics\.couchdb looks like/)
    expect(elsewhere.remedy?.text).toMatch(/schema of the CHT Sync connection to analytics/)

    await h.sql.query('CREATE TABLE public.couchdb (doc jsonb)')
    const couch2pg = await runCheck(SETUP_TABLES, h, { schema: 'public' })
    expect(couch2pg.verdict).toBe('fail')
    expect(couch2pg.summary).toMatch(/public\.couchdb is couch2pg’s table/)
  })
})

describe('setup.arriving', () => {
  it('passes when caught up: nothing waits after the checkpoints', async () => {
    const h = await caughtUp()
    const o = await runCheck(SETUP_ARRIVING, h)
    expect(o.verdict).toBe('pass')
    expect(o.summary).toMatch(/caught up, nothing new to copy/i)
    const samples = table(o, /The two samples/)!
    expect(samples.map((r) => r[0])).toContain(`CouchDB ${h.couch.names.medic}: update_seq`)
    // CouchDB 3 sequences are shown cut, never whole.
    expect(samples.find((r) => r[0] === `${h.source('medic')}: seq`)?.[1]).toMatch(/…$/)
  })

  it('passes when rows arrive or a checkpoint moves between the two samples', async () => {
    const h = await caughtUp()
    await h.couch.bulk('medic', docs('late', 3))
    const rows = await runCheck(SETUP_ARRIVING, h, {
      onSleep: () => rawRows(h.sql, ['late-0'], { interval: '0 seconds' }),
    })
    expect(rows.verdict).toBe('pass')
    expect(rows.summary).toMatch(/1 raw row was saved/)

    const seq = await h.updateSeq('medic')
    const moved = await runCheck(SETUP_ARRIVING, h, {
      onSleep: async () => {
        await h.sql.query('UPDATE v1.couchdb_progress SET seq = $1 WHERE source = $2', [
          seq,
          h.source('medic'),
        ])
      },
    })
    expect(moved.verdict).toBe('pass')
    expect(moved.summary).toMatch(new RegExp(`checkpoint of ${h.couch.names.medic} moved`))
  })

  it('fails when changes wait, nothing moves and the progress is old; warns when it is recent', async () => {
    h = await harness()
    await chtSyncV2(h.sql)
    const seq = await h.updateSeq('medic')
    await h.couch.bulk('medic', docs('waiting', 4))
    await progressRow(h.sql, h.source('medic'), seq, { pending: 0, interval: '1 hour' })
    const stopped = await runCheck(SETUP_ARRIVING, h)
    expect(stopped.verdict).toBe('fail')
    expect(stopped.summary).toMatch(
      /CHT Sync is not copying: changes are waiting in .*\(4 changes\)/,
    )
    expect(stopped.summary).toMatch(/last updated 60 min ago/)
    expect(stopped.remedy?.text).toMatch(/couch2pg container’s log/)

    await h.sql.query(`UPDATE v1.couchdb_progress SET updated_at = now() - interval '20 seconds'`)
    const slow = await runCheck(SETUP_ARRIVING, h)
    expect(slow.verdict).toBe('warn')
    expect(slow.summary).toMatch(/working but slow or between batches/)
  })

  it('fails when CHT Sync has written no progress at all', async () => {
    h = await harness()
    await chtSyncV2(h.sql)
    const o = await runCheck(SETUP_ARRIVING, h)
    expect(o.verdict).toBe('fail')
    expect(o.summary).toMatch(/no progress row/)
  })
})

describe('setup.backlog', () => {
  it('warns on a progress row for a database CouchDB does not have, with the DELETE to run', async () => {
    const h = await caughtUp()
    await progressRow(h.sql, `${'cht.example.org'}/medic_sentinel`, '0', { interval: '3 hours' })
    const o = await runCheck(SETUP_BACKLOG, h)
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(/medic_sentinel \(did you mean medic-sentinel\?\)/)
    expect(o.remedy?.text).toContain(
      `DELETE FROM "v1"."couchdb_progress" WHERE source = 'cht.example.org/medic_sentinel';`,
    )
    expect(o.remedy?.text).toMatch(/the wizard never writes/)
    const rows = table(o, /progress rows/)!
    expect(rows.find((r) => r[1] === 'medic_sentinel')?.[4]).toBe('CouchDB has no such database')
  })

  it('passes on a small backlog, counting the live row when a database has several', async () => {
    const h = await caughtUp()
    // An address CHT Sync used before (its row left at the start) is listed, not counted.
    await progressRow(h.sql, `10.0.0.9/${h.couch.names.medic}`, '0', { interval: '2 days' })
    const o = await runCheck(SETUP_BACKLOG, h)
    expect(o.verdict).toBe('pass')
    expect(o.summary).toMatch(/at most 0 changes waiting/)
    const rows = table(o, /progress rows/)!
    const old = rows.find((r) => r[0] === `10.0.0.9/${h.couch.names.medic}`)!
    expect(old[2]).toBe(5)
    expect(old[4]).toMatch(/^not counted/)
  })

  it('warns on a backlog above 10,000 changes', async () => {
    h = await harness()
    await chtSyncV2(h.sql)
    const start = await h.updateSeq('medic')
    await h.couch.bulk('medic', docs('bulk', 10_050))
    await progressRow(h.sql, h.source('medic'), start, { interval: '1 second' })
    const o = await runCheck(SETUP_BACKLOG, h)
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(/has 10,050 changes waiting to be copied \(more than 10,000\)/)
  }, 60_000)

  it('warns on a database of COUCHDB_DBS without a progress row, and survives an unreadable file', async () => {
    const h = await caughtUp()
    await h.sql.query('DELETE FROM v1.couchdb_progress WHERE source = $1', [
      h.source('medic-sentinel'),
    ])
    const dbs = `${h.couch.names.medic}, ${h.couch.names['medic-sentinel']}`
    const config = {
      kind: 'env',
      path: '/srv/cht-sync/.env',
      entries: [],
      duplicates: [],
      problems: [],
      settings: {},
      couchdbs: [
        {
          host: null,
          port: null,
          secure: null,
          user: null,
          password: null,
          dbs: { key: 'COUCHDB_DBS', value: dbs, line: 4 },
        },
      ],
    } satisfies ChtSyncConfig
    const o = await runCheck(SETUP_BACKLOG, h, { config: async () => config })
    expect(o.verdict).toBe('warn')
    expect(o.summary).toContain(
      `${h.couch.names['medic-sentinel']} is in COUCHDB_DBS but CHT Sync has no progress row for it: not started yet.`,
    )

    const unreadable = await runCheck(SETUP_BACKLOG, h, {
      config: async () => {
        throw new AppError('FILE_NOT_FOUND', 'The .env file is gone.')
      },
    })
    expect(unreadable.verdict).toBe('pass')
    expect(unreadable.summary).toMatch(
      /configuration could not be read \(The \.env file is gone\.\)/,
    )
  })
})

describe('monitor.collector-schema', () => {
  it('passes on v1.couchdb and names each replacement for another schema and table', async () => {
    h = await harness()
    expect((await runCheck(MONITOR_COLLECTOR_SCHEMA, h)).verdict).toBe('pass')
    const o = await runCheck(MONITOR_COLLECTOR_SCHEMA, h, {
      schema: 'analytics',
      table: 'raw_docs',
    })
    expect(o.verdict).toBe('warn')
    expect(o.remedy?.text).toContain('exporters/postgres/cht_sync_collector.yml')
    for (const pair of [
      'v1.couchdb_progress → analytics.couchdb_progress',
      'v1.document_metadata → analytics.document_metadata',
      'v1.dbt_results → analytics.dbt_results',
      'v1.couchdb → analytics.raw_docs',
    ]) {
      expect(o.remedy?.text).toContain(pair)
    }
  })
})
