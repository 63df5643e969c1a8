import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseValuesFile } from '../../../../src/main/engine/checks/config/values-file'
import {
  CHT_SYNC_FIXTURES,
  runOnConfig,
  runOnEnv,
  settingShown,
} from '../../../support/config-check-run'

/** The good fixture with some lines replaced (`NAME=…` by name) or removed (`NAME=null`). */
function goodWith(changes: Record<string, string | null>): string {
  let text = readFileSync(join(CHT_SYNC_FIXTURES, 'good.env'), 'utf8')
  for (const [name, value] of Object.entries(changes)) {
    const line = new RegExp(`^${name}=.*$`, 'm')
    text = line.test(text)
      ? text.replace(line, value === null ? '' : `${name}=${value}`)
      : `${text}\n${name}=${value ?? ''}\n`
  }
  return text
}

describe('setup.config-read', () => {
  it('fails on an empty file and on a file with no CHT Sync setting', async () => {
    const empty = await runOnEnv('setup.config-read', '# nothing here\n')
    expect(empty.verdict).toBe('fail')
    expect(empty.summary).toBe('Nothing in .env could be read as a setting.')
    expect(empty.remedy?.text).toContain('NAME=value')
    const other = await runOnEnv('setup.config-read', 'PATH=/usr/bin\nHOME=/root\n')
    expect(other.verdict).toBe('fail')
    expect(other.summary).toContain('none that CHT Sync reads')
  })

  it('warns on unreadable lines and duplicates, listing them with their lines', async () => {
    const outcome = await runOnEnv(
      'setup.config-read',
      goodWith({ COUCHDB_PORT: '5984\noops, a stray line\nPOSTGRES_DB=x' }),
    )
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toContain('one problem and one setting written more than once')
    const tables = outcome.evidence?.filter((e) => e.type === 'table') ?? []
    expect(tables.map((t) => (t.type === 'table' ? t.rows : []))).toEqual([
      [[25, expect.stringContaining('Not a setting')]],
      [['POSTGRES_DB', '6, 26']],
    ])
  })
})

describe('setup.env-required', () => {
  it('counts an empty value as missing and needs a dbt package source', async () => {
    const outcome = await runOnEnv(
      'setup.env-required',
      goodWith({ POSTGRES_PASSWORD: '', CHT_PIPELINE_BRANCH_URL: null, DBT_LOCAL_PATH: null }),
    )
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toBe(
      'Missing or empty: POSTGRES_PASSWORD and CHT_PIPELINE_BRANCH_URL or DBT_LOCAL_PATH.',
    )
    expect(settingShown(outcome, 'POSTGRES_PASSWORD')).toBe('(empty)')
  })

  it('fails on a port in COUCHDB_HOST and on a port that is not a number', async () => {
    const outcome = await runOnEnv(
      'setup.env-required',
      goodWith({ COUCHDB_HOST: 'cht.example.org:443', POSTGRES_PORT: 'five' }),
    )
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('COUCHDB_HOST has a port (:) in it')
    expect(outcome.summary).toContain('POSTGRES_PORT is not a port number')
  })

  it('never shows a password written into COUCHDB_HOST', async () => {
    const outcome = await runOnEnv(
      'setup.env-required',
      goodWith({ COUCHDB_HOST: 'admin:s3cret-pw@cht.example.org' }),
    )
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('COUCHDB_HOST holds a user name (@)')
    expect(JSON.stringify(outcome)).not.toContain('s3cret-pw')
  })

  it('asks a values.yaml without couchdbs for its instances', async () => {
    const config = parseValuesFile('postgres:\n  user: a\n', '/x/values.yaml')
    const outcome = await runOnConfig('setup.env-required', config)
    expect(outcome.summary).toContain('couchdbs (one entry per CHT instance)')
  })
})

describe('setup.env-renamed', () => {
  it('warns on an unknown CHT Sync-looking name, suggesting the one meant', async () => {
    const outcome = await runOnEnv(
      'setup.env-renamed',
      goodWith({ COUCHDB_DBZ: 'medic', OTHER: 'x' }),
    )
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toBe(
      '.env sets COUCHDB_DBZ (COUCHDB_DBS?), which CHT Sync does not read.',
    )
  })

  it('warns on a key the chart does not read', async () => {
    const config = parseValuesFile('postgres:\n  passwd: x\nredis:\n  host: r\n', '/x/values.yaml')
    const outcome = await runOnConfig('setup.env-renamed', config)
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toContain('postgres.passwd (postgres.password?)')
    expect(outcome.summary).toContain('redis.host')
  })
})

describe('setup.env-secure-port', () => {
  it('fails on a value other than true or false', async () => {
    const outcome = await runOnEnv('setup.env-secure-port', goodWith({ COUCHDB_SECURE: 'yes' }))
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('COUCHDB_SECURE is "yes"')
    expect(outcome.remedy?.text).toContain('as true (https')
  })

  it('passes http to a private address and https to 443; says when Compose’s default applies', async () => {
    const lan = await runOnEnv('setup.env-secure-port', goodWith({ COUCHDB_HOST: '192.168.1.20' }))
    expect(lan.verdict).toBe('pass')
    const unset = await runOnEnv(
      'setup.env-secure-port',
      goodWith({ COUCHDB_SECURE: null, COUCHDB_HOST: 'cht.example.org', COUCHDB_PORT: '443' }),
    )
    expect(unset.verdict).toBe('pass')
    expect(unset.summary).toContain('COUCHDB_SECURE is not set: Docker Compose uses https')
  })

  it('reads an unset secure in values.yaml as http, as the chart passes it', async () => {
    const config = parseValuesFile(
      'couchdbs:\n  - host: cht.example.org\n    password: p\n    port: 443\n',
      '/x/values.yaml',
    )
    const outcome = await runOnConfig('setup.env-secure-port', config)
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('the chart passes an empty value and CHT Sync uses http')
  })
})

describe('setup.env-interval and setup.env-threads', () => {
  it.each([
    ['2', 'warn', 'DATAEMON_INTERVAL=120'],
    ['0', 'warn', '0 runs dbt without a pause'],
    ['5 minutes', 'fail', 'DATAEMON_INTERVAL=300 (5 minutes)'],
    ['1h', 'fail', 'DATAEMON_INTERVAL=3600 (60 minutes)'],
    ['-5', 'fail', 'whole number of seconds'],
  ])('DATAEMON_INTERVAL=%s gives %s', async (value, verdict, fix) => {
    const outcome = await runOnEnv('setup.env-interval', goodWith({ DATAEMON_INTERVAL: value }))
    expect(outcome.verdict).toBe(verdict)
    expect(outcome.remedy?.text).toContain(fix)
  })

  it('passes an unset interval (5 seconds) and one in minutes', async () => {
    const unset = await runOnEnv('setup.env-interval', goodWith({ DATAEMON_INTERVAL: null }))
    expect(unset.summary).toContain('5 seconds (the default)')
    const long = await runOnEnv('setup.env-interval', goodWith({ DATAEMON_INTERVAL: '600' }))
    expect(long.verdict).toBe('pass')
    expect(long.summary).toBe('dbt pauses 600 seconds (10 minutes) between runs.')
  })

  it('warns on an unset thread count and fails on one that is not a whole number', async () => {
    const unset = await runOnEnv('setup.env-threads', goodWith({ DBT_THREAD_COUNT: null }))
    expect(unset.verdict).toBe('warn')
    expect(unset.remedy?.text).toContain('Set DBT_THREAD_COUNT to 3')
    const bad = await runOnEnv('setup.env-threads', goodWith({ DBT_THREAD_COUNT: 'three' }))
    expect(bad.verdict).toBe('fail')
  })
})

describe('setup.env-pipeline-tag', () => {
  it.each([
    ['https://github.com/medic/cht-pipeline.git', 'warn', 'names no tag'],
    ['https://github.com/medic/cht-pipeline.git#4f2c9e1', 'warn', 'pinned to a commit'],
    ['git@github.com:medic/cht-pipeline.git#v2.0.0', 'fail', 'not an http(s) address'],
    ['https://github.com/medic/cht-pipeline.git#2.1.0', 'pass', 'pinned to 2.1.0'],
  ])('%s gives %s', async (url, verdict, said) => {
    const outcome = await runOnEnv(
      'setup.env-pipeline-tag',
      goodWith({ CHT_PIPELINE_BRANCH_URL: url }),
    )
    expect(outcome.verdict).toBe(verdict)
    expect(outcome.summary).toContain(said)
  })

  it('hides a token in the address and passes a local package', async () => {
    const token = 'github_pat_11ABCDEFG0123456789'
    const outcome = await runOnEnv(
      'setup.env-pipeline-tag',
      goodWith({ CHT_PIPELINE_BRANCH_URL: `https://${token}@github.com/org/pipeline.git#v2.0.0` }),
    )
    expect(JSON.stringify(outcome)).not.toContain(token)
    expect(settingShown(outcome, 'CHT_PIPELINE_BRANCH_URL')).toBe(
      'https://••••@github.com/org/pipeline.git#v2.0.0',
    )
    const local = await runOnEnv(
      'setup.env-pipeline-tag',
      goodWith({ CHT_PIPELINE_BRANCH_URL: null }),
    )
    expect(local.verdict).toBe('pass')
    expect(local.summary).toContain('nothing to pin')
  })
})

describe('production.passwords', () => {
  it('fails on a password equal to the user and on a placeholder, never showing either', async () => {
    const outcome = await runOnEnv(
      'production.passwords',
      goodWith({ POSTGRES_PASSWORD: 'cht_sync', COUCHDB_PASSWORD: '<your-password>' }),
    )
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain(
      'POSTGRES_PASSWORD is the same as the user name (POSTGRES_USER)',
    )
    expect(outcome.summary).toContain('COUCHDB_PASSWORD is still a placeholder')
    expect(JSON.stringify(outcome)).not.toContain('your-password')
  })
})
