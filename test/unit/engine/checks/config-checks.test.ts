import { describe, expect, it } from 'vitest'
import { CONFIG_CHECKS } from '../../../../src/main/engine/checks/setup/config-checks'
import { findCheck } from '../../../../src/shared/checks/check-catalog'
import type { ProjectDocument } from '../../../../src/shared/project-schema'
import { AppError } from '../../../../src/shared/result'
import type { ChtSyncEra } from '../../../../src/shared/results/connection-result'
import { appErrorFrom } from '../../../support/app-error'
import {
  configCheck,
  loadFixture,
  runOnConfig,
  runOnFixture,
  settingShown,
} from '../../../support/config-check-run'
import { fakeCheckContext } from '../../../support/fake-check-context'
import { sampleDocument } from '../../../support/project-fixtures'

const IDS = CONFIG_CHECKS.map((c) => c.id)

/** A project whose CHT Sync connection test found a database of this era. */
function documentWithEra(era: ChtSyncEra): ProjectDocument {
  const ranAt = '2025-03-01T08:00:00.000Z'
  return sampleDocument({
    results: {
      'connection.chtSync': {
        id: 'connection.chtSync',
        itemId: 'setup.local-sync',
        title: 'CHT Sync connection',
        verdict: 'pass',
        summary: 'Connected.',
        ranAt,
        durationMs: 12,
        endpoints: [],
        partial: null,
        history: [],
        details: {
          kind: 'connection',
          endpoint: 'chtSync',
          ok: true,
          durationMs: 12,
          serverLabel: 'PostgreSQL 16.4',
          facts: {
            endpoint: 'chtSync',
            server: { version: '16.4', database: 'cht_sync', user: 'cht_sync' },
            schema: 'v1',
            table: 'couchdb',
            era,
            rawRows: 10,
            rawRowsExact: true,
            rawSplit: null,
            progress: { state: 'absent' },
            dataemon: null,
            pipeline: null,
            dbtLastRun: null,
            schemaClash: false,
          },
          error: null,
          legacyFacts: [],
        },
      },
    },
  })
}

describe('CONFIG_CHECKS', () => {
  it('are the catalog’s configuration checks, with their catalog entries', () => {
    expect(IDS).toEqual([
      'setup.config-read',
      'setup.env-required',
      'setup.env-renamed',
      'setup.env-secure-port',
      'setup.env-interval',
      'setup.env-threads',
      'setup.env-pipeline-tag',
      'production.passwords',
    ])
    for (const check of CONFIG_CHECKS) {
      expect(check).toMatchObject({ ...findCheck(check.id) })
    }
  })

  it.each(IDS)('%s is skipped when no configuration file is chosen', async (id) => {
    const outcome = await runOnConfig(id, null)
    expect(outcome.verdict).toBe('skipped')
    expect(outcome.skippedBecause).toBe(
      'No CHT Sync .env or values.yaml is chosen for this project: choose it on the Set up step.',
    )
  })

  it.each(IDS)('%s lets a file that cannot be read fail the run', async (id) => {
    const error = new AppError('FILE_NOT_FOUND', 'CHT Sync’s .env file: There is no file at “x”.')
    const ctx = fakeCheckContext({ config: () => Promise.reject(error) })
    expect(await appErrorFrom(configCheck(id).run(ctx))).toBe(error)
  })

  it.each(IDS)('%s passes on a good .env', async (id) => {
    const outcome = await runOnFixture(id, 'good.env')
    expect(outcome.verdict, outcome.summary).toBe('pass')
  })

  it.each(IDS)('%s passes on a good values.yaml', async (id) => {
    const outcome = await runOnFixture(id, 'values-good.yaml')
    expect(outcome.verdict, outcome.summary).toBe('pass')
  })
})

describe('the documented mistakes, one fixture each', () => {
  it('DBT_THREADS instead of DBT_THREAD_COUNT fails the threads check, naming the line to write', async () => {
    const outcome = await runOnFixture('setup.env-threads', 'dbt-threads.env')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('DBT_THREADS is set, but CHT Sync reads DBT_THREAD_COUNT')
    expect(outcome.remedy?.text).toContain('DBT_THREAD_COUNT=3')
    expect((await runOnFixture('setup.env-renamed', 'dbt-threads.env')).verdict).toBe('pass')
  })

  it('DATAEMON_INTERVAL in minutes fails, giving the value in seconds', async () => {
    const outcome = await runOnFixture('setup.env-interval', 'interval-minutes.env')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('"5m"')
    expect(outcome.remedy?.text).toContain('DATAEMON_INTERVAL=300')
  })

  it('COUCHDB_SECURE unset with port 5984 on a public host warns, saying Compose means https', async () => {
    const outcome = await runOnFixture('setup.env-secure-port', 'secure-unset-public.env')
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toContain('COUCHDB_SECURE is not set, so Docker Compose makes it true')
    expect(outcome.remedy?.text).toContain('port 443')
  })

  it('COUCHDB_SECURE=false with port 443 on a public host fails', async () => {
    const outcome = await runOnFixture('setup.env-secure-port', 'secure-false-443.env')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('plain http to the https port')
    expect(outcome.summary).toContain('unencrypted')
    expect(outcome.remedy?.text).toContain('Set COUCHDB_SECURE to true')
  })

  it('cht-pipeline on #main warns: not pinned', async () => {
    const outcome = await runOnFixture('setup.env-pipeline-tag', 'pipeline-main.env')
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toContain('follows the branch main')
    expect(outcome.remedy?.text).toContain('cht-pipeline.git#v2.x.y')
  })

  it('cht-pipeline v1.2.0 with CHT Sync 2 fails; with a CHT Sync 1 database it passes', async () => {
    const outcome = await runOnFixture('setup.env-pipeline-tag', 'pipeline-v1.env')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('v1.2.0 is major version 1, but CHT Sync is 2')
    expect(outcome.remedy?.text).toContain('Pin a cht-pipeline 2.x release')
    const v2 = await runOnFixture(
      'setup.env-pipeline-tag',
      'pipeline-v1.env',
      documentWithEra('v2'),
    )
    expect(v2.verdict).toBe('fail')
    const v1 = await runOnFixture(
      'setup.env-pipeline-tag',
      'pipeline-v1.env',
      documentWithEra('v1'),
    )
    expect(v1.verdict).toBe('pass')
    const old = await runOnFixture(
      'setup.env-pipeline-tag',
      'good.env',
      documentWithEra('logstash'),
    )
    expect(old.verdict).toBe('fail')
    expect(old.remedy?.text).toContain('upgrade CHT Sync first')
  })

  it('removed variables fail, the remedy saying where each value goes', async () => {
    const outcome = await runOnFixture('setup.env-renamed', 'removed-variables.env')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('COUCHDB_DB (now COUCHDB_DBS), REDIS_HOST (no longer used)')
    expect(outcome.remedy?.text).toContain('DBT_POSTGRES_USER → POSTGRES_USER')
    expect(outcome.remedy?.text).toContain('COUCHDB_DB → COUCHDB_DBS')
    expect(outcome.remedy?.text).toContain(
      'delete REDIS_HOST and REDIS_PORT, which nothing replaces',
    )
    expect(settingShown(outcome, 'DBT_POSTGRES_PASSWORD')).toBe('••••')
  })

  it('the templates’ passwords fail, naming each setting but never the password', async () => {
    const outcome = await runOnFixture('production.passwords', 'default-passwords.env')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('POSTGRES_PASSWORD matches a password the templates ship')
    expect(outcome.summary).toContain('COUCHDB_PASSWORD matches a password the templates ship')
    expect(outcome.summary).toContain('PGADMIN_DEFAULT_PASSWORD is not set')
    expect(outcome.remedy?.text).toContain('long random password')
    expect(settingShown(outcome, 'POSTGRES_PASSWORD')).toBe('••••')
    expect(JSON.stringify(outcome)).not.toMatch(/"(postgres|password)"/)
  })

  it('COUCHDB_HOST with https:// fails the required settings, asking for the host alone', async () => {
    const outcome = await runOnFixture('setup.env-required', 'couchdb-host-https.env')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('COUCHDB_HOST starts with https://')
    expect(outcome.remedy?.text).toContain('host name alone (cht.example.org)')
  })

  it('medic_sentinel and schema public are read as written, for the checks that need a server', async () => {
    const sentinel = await loadFixture('medic-underscore-sentinel.env')
    expect(sentinel.couchdbs[0]?.dbs?.value).toBe('medic, medic_sentinel')
    const publicSchema = await loadFixture('schema-public.env')
    expect(publicSchema.settings.POSTGRES_SCHEMA?.value).toBe('public')
    for (const id of IDS) {
      expect((await runOnConfig(id, sentinel)).verdict).toBe('pass')
      expect((await runOnConfig(id, publicSchema)).verdict).toBe('pass')
    }
  })
})

describe('a values.yaml with mistakes', () => {
  const run = (id: string) => runOnFixture(id, 'values-broken.yaml')

  it('warns on the duplicate key and the boolean the chart ignores', async () => {
    const outcome = await run('setup.config-read')
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toContain('one setting written more than once')
    expect(JSON.stringify(outcome.evidence)).toContain('couchdbs[1].secure is false')
  })

  it('fails on the empty Postgres password and the entry without one', async () => {
    const outcome = await run('setup.env-required')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('postgres.password')
    expect(outcome.summary).toContain('couchdbs[1].password')
  })

  it('fails on dbt_threads, warns on #main and on https to 5984', async () => {
    const threads = await run('setup.env-threads')
    expect(threads.verdict).toBe('fail')
    expect(threads.remedy?.text).toContain('dbt_thread_count: 3')
    expect((await run('setup.env-pipeline-tag')).verdict).toBe('warn')
    const secure = await run('setup.env-secure-port')
    expect(secure.verdict).toBe('warn')
    expect(secure.summary).toContain('couchdb.port is 5984 for couchdbs[0] (cht.example.org)')
  })

  it('fails the passwords check on the empty and the missing password', async () => {
    const outcome = await run('production.passwords')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('postgres.password is empty')
    expect(outcome.summary).toContain('couchdbs[1].password is not set')
  })
})
