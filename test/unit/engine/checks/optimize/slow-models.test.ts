import { describe, expect, it } from 'vitest'
import {
  GROWTH_MIN_MEDIAN_SECONDS,
  judgeSlowModels,
  SLOW_MEDIAN_SECONDS,
  SLOW_SHOWN,
  slowBecause,
  type ModelTiming,
} from '../../../../../src/main/engine/checks/optimize/slow-models'

const timing = (name: string, over: Partial<ModelTiming> = {}): ModelTiming => ({
  name,
  runs: 20,
  medianSeconds: 5,
  latestSeconds: 5,
  growth: 0,
  totalSeconds: 100,
  ...over,
})

describe('optimize.slow-models judge', () => {
  it('flags a median above the limit, not one at it', () => {
    expect(slowBecause(timing('a', { medianSeconds: SLOW_MEDIAN_SECONDS }))).toBeNull()
    expect(slowBecause(timing('a', { medianSeconds: SLOW_MEDIAN_SECONDS + 0.1 }))).toBe('slow')
  })

  it('flags growth above 50 % only with a median above 10 s', () => {
    const growing = { growth: 0.51 }
    expect(slowBecause(timing('a', { ...growing, medianSeconds: 10 }))).toBeNull()
    expect(slowBecause(timing('a', { ...growing, medianSeconds: 10.5 }))).toBe('getting slower')
    expect(slowBecause(timing('a', { growth: 0.5, medianSeconds: 30 }))).toBeNull()
    expect(slowBecause(timing('a', { growth: null, medianSeconds: 30 }))).toBeNull()
    expect(GROWTH_MIN_MEDIAN_SECONDS).toBe(10)
  })

  it('passes when nothing is slow, naming the slowest', () => {
    const o = judgeSlowModels([timing('contact', { medianSeconds: 3 }), timing('person')])
    expect(o.verdict).toBe('pass')
    expect(o.summary).toMatch(/the slowest, person, takes 5 s/)
    expect(o.remedy).toBeUndefined()
  })

  it('passes, saying so, when no run is recorded', () => {
    const o = judgeSlowModels([])
    expect(o.verdict).toBe('pass')
    expect(o.summary).toMatch(/no model run/)
  })

  it('warns with the slowest first, at most ten, and the incremental config', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      timing(`m${i}`, { medianSeconds: 61 + i, totalSeconds: 1000 }),
    )
    const o = judgeSlowModels([timing('fast'), ...many])
    expect(o.verdict).toBe('warn')
    const table = o.evidence?.find((e) => e.type === 'table')
    expect(table?.type === 'table' && table.rows.length).toBe(SLOW_SHOWN)
    expect(table?.type === 'table' && table.rows[0]![0]).toBe('m11')
    expect(o.summary).toMatch(/^12 models are slow/)
    expect(o.remedy?.text).toContain(
      "{{ config(materialized='incremental', unique_key='uuid', on_schema_change='append_new_columns') }}",
    )
    expect(o.remedy?.text).toMatch(/saved_timestamp >= \(SELECT MAX\(saved_timestamp\)/)
    expect(o.remedy?.docUrl).toMatch(/tuning-dbt/)
  })

  it('warns about a growing model and shows its trend', () => {
    const o = judgeSlowModels([timing('data_record', { medianSeconds: 20, growth: 1 })])
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(/data_record \(20 s median, getting slower\)/)
    const table = o.evidence?.find((e) => e.type === 'table')
    expect(table?.type === 'table' && table.rows[0]![4]).toBe('+100 %')
  })
})
