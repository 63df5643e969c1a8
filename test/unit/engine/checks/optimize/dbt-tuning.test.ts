import { describe, expect, it } from 'vitest'
import type { ChtSyncConfig } from '../../../../../src/main/engine/checks/config/config-types'
import { parseEnvFile } from '../../../../../src/main/engine/checks/config/env-file'
import { dbtSettings, type DbtLoad } from '../../../../../src/main/engine/checks/optimize/dbt-load'
import {
  judgeDbtTuning,
  runDbtTuning,
  runsPerHour,
  tuningKeys,
} from '../../../../../src/main/engine/checks/optimize/dbt-tuning'
import { fakeCheckContext } from '../../../../support/fake-check-context'

const env = (text: string): ChtSyncConfig => parseEnvFile(text, '/srv/cht-sync/.env')
const values = (entries: Record<string, string>): ChtSyncConfig => ({
  kind: 'values',
  path: '/srv/cht-sync/values.yaml',
  entries: [],
  duplicates: [],
  problems: [],
  settings: Object.fromEntries(
    Object.entries(entries).map(([k, v]) => [k, { key: k.toLowerCase(), value: v, line: 3 }]),
  ),
  couchdbs: [],
})

const load = (over: Partial<DbtLoad> = {}): DbtLoad => ({
  waiting: 0,
  latencySeconds: 0,
  savedLastHour: 1_000,
  pending: 0,
  runs24h: 240,
  medianRunSeconds: 20,
  medianRunRows: 100,
  models: 5,
  modelSeconds: 15,
  longestModelSeconds: 6,
  ...over,
})

describe('dbt settings as CHT Sync passes them', () => {
  it('takes Compose’s defaults for a .env: 1 thread, no batching, 5 s', () => {
    const s = dbtSettings(env('POSTGRES_USER=x\n'))
    expect(s).toMatchObject({ threads: 1, batchSize: 0, intervalSeconds: 5 })
  })

  it('takes the Helm chart’s defaults for values.yaml: 1 thread, 100,000 rows', () => {
    expect(dbtSettings(values({}))).toMatchObject({ threads: 1, batchSize: 100_000 })
    expect(dbtSettings(values({ DBT_THREAD_COUNT: '0' })).threads).toBe(1)
  })

  it('reads the values written, and says null for what dbt cannot use', () => {
    const s = dbtSettings(env('DBT_THREAD_COUNT=4\nDBT_BATCH_SIZE=50000\nDATAEMON_INTERVAL=300\n'))
    expect(s).toMatchObject({ threads: 4, batchSize: 50_000, intervalSeconds: 300 })
    const bad = dbtSettings(env('DBT_THREAD_COUNT=three\nDBT_BATCH_SIZE=-5\n'))
    expect(bad).toMatchObject({ threads: null, batchSize: null })
  })
})

describe('optimize.dbt-tuning judge', () => {
  const keys = tuningKeys(env(''))

  it('passes when the settings fit the load, with the figures', () => {
    const o = judgeDbtTuning(dbtSettings(env('DBT_THREAD_COUNT=3\n')), load(), keys)
    expect(o.verdict).toBe('pass')
    expect(o.summary).toMatch(/3 threads and unbatched runs fit the load: 0 raw rows waiting/)
    expect(
      o.evidence?.find((e) => e.type === 'measure' && e.label === 'dbt threads'),
    ).toMatchObject({ value: 3 })
  })

  it('advises 3 threads when one thread runs models adding up to a minute or more', () => {
    const s = dbtSettings(env(''))
    const o = judgeDbtTuning(
      s,
      load({ models: 6, modelSeconds: 240, longestModelSeconds: 50 }),
      keys,
    )
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(
      /runs its 6 models one at a time \(DBT_THREAD_COUNT is 1\), and their medians add up to 4 min a run/,
    )
    // 240 s over 3 threads is 80 s, above the longest model's 50 s.
    expect(o.remedy?.text).toContain('Set DBT_THREAD_COUNT=3')
    expect(o.remedy?.text).toContain('from about 4 min toward 80 s')
    expect(judgeDbtTuning(s, load({ models: 6, modelSeconds: 59 }), keys).verdict).toBe('pass')
  })

  it('advises fewer threads than models only above the suggested 3', () => {
    const o = judgeDbtTuning(dbtSettings(env('DBT_THREAD_COUNT=12\n')), load({ models: 4 }), keys)
    expect(o.remedy?.text).toContain('Lower DBT_THREAD_COUNT to 4')
    const fine = judgeDbtTuning(dbtSettings(env('DBT_THREAD_COUNT=3\n')), load({ models: 2 }), keys)
    expect(fine.verdict).toBe('pass')
  })

  it('advises a batch size when a large backlog would be one run', () => {
    const o = judgeDbtTuning(dbtSettings(env('')), load({ waiting: 100_001 }), keys)
    expect(o.summary).toMatch(
      /DBT_BATCH_SIZE is not set, so dbt takes all more than 100,000 waiting rows/,
    )
    expect(o.remedy?.text).toContain('Set DBT_BATCH_SIZE=100000')
    expect(judgeDbtTuning(dbtSettings(env('')), load({ waiting: 99_999 }), keys).verdict).toBe(
      'pass',
    )
  })

  it('advises a larger batch when it is below the rows saved between runs', () => {
    // 24 runs a day is one an hour: 30,000 rows saved an hour arrive per run.
    const s = dbtSettings(env('DBT_BATCH_SIZE=20000\n'))
    const o = judgeDbtTuning(s, load({ runs24h: 24, savedLastHour: 30_000 }), keys)
    expect(o.summary).toMatch(
      /DBT_BATCH_SIZE \(20,000\) is below the rows saved between two runs \(about 30,000\)/,
    )
    expect(o.remedy?.text).toContain('Raise DBT_BATCH_SIZE to 60,000 or more')
  })

  it('advises a larger batch when the backlog takes hours to catch up', () => {
    // 10,000 a run, 1,000 arriving per run, 10 runs an hour: 90,000 waiting take 1 h.
    const s = dbtSettings(env('DBT_BATCH_SIZE=10000\n'))
    const slow = load({ runs24h: 240, savedLastHour: 10_000, waiting: 100_000 })
    const o = judgeDbtTuning(s, slow, keys)
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(
      /at 10,000 rows a run and 10 runs an hour, the 100,000 waiting rows take about 67 min/,
    )
    expect(o.remedy?.text).toContain('Raise DBT_BATCH_SIZE to about 20,000')
    expect(judgeDbtTuning(s, { ...slow, waiting: 80_000 }, keys).verdict).toBe('pass')
  })

  it('names the values.yaml keys in a Helm deployment', () => {
    const c = values({ DBT_BATCH_SIZE: '5000' })
    const o = judgeDbtTuning(
      dbtSettings(c),
      load({ runs24h: 24, savedLastHour: 30_000 }),
      tuningKeys(c),
    )
    expect(o.remedy?.text).toContain('Raise dbt_batch_size to 60,000')
  })

  it('counts runs an hour from the pause when dbt_results has none', () => {
    const s = dbtSettings(env('DATAEMON_INTERVAL=280\n'))
    expect(runsPerHour(s, load({ runs24h: 0, medianRunSeconds: 20 }))).toBe(12)
    expect(runsPerHour(s, load({ runs24h: null, medianRunSeconds: null }))).toBeNull()
  })

  it('is skipped without a CHT Sync configuration file', async () => {
    const o = await runDbtTuning(fakeCheckContext({ config: async () => null }))
    expect(o.verdict).toBe('skipped')
    expect(o.skippedBecause).toMatch(/choose it on the Set up step/)
  })
})
