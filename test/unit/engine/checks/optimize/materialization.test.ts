import { describe, expect, it } from 'vitest'
import { judgeMaterialization } from '../../../../../src/main/engine/checks/optimize/materialization'
import { relation, statsOf } from './stats-fixtures'

describe('optimize.materialization judge', () => {
  it('passes with tables only', () => {
    const o = judgeMaterialization(statsOf(relation('contact'), relation('my_model')))
    expect(o.verdict).toBe('pass')
  })

  it('warns on a plain view with the materialized_view config', () => {
    const o = judgeMaterialization(statsOf(relation('anc_visits', { kind: 'v', rows: null })))
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(/v1\.anc_visits is a plain view/)
    expect(o.remedy?.text).toContain("{{ config(materialized='materialized_view') }}")
    expect(o.remedy?.docUrl).toMatch(/building-dbt-models/)
  })

  it('leaves out cht-pipeline’s models and CHT Sync’s tables', () => {
    const o = judgeMaterialization(
      statsOf(
        relation('contact_type', { kind: 'v' }),
        relation('couchdb', { deletedTuples: 10 }),
        relation('dbt_results', { deletedTuples: 10 }),
        relation('couchdb_progress', { deletedTuples: 10 }),
        relation('person', { deletedTuples: 10 }),
      ),
    )
    expect(o.verdict).toBe('pass')
  })

  it('warns on a table rewritten whole, at the edge n_tup_del = n_live_tup', () => {
    const at = judgeMaterialization(statsOf(relation('agg', { liveTuples: 10, deletedTuples: 10 })))
    expect(at.verdict).toBe('warn')
    expect(at.remedy?.text).toContain("materialized='incremental', unique_key='uuid'")
    const below = judgeMaterialization(
      statsOf(relation('agg', { liveTuples: 10, deletedTuples: 9 })),
    )
    expect(below.verdict).toBe('pass')
    const empty = judgeMaterialization(
      statsOf(relation('agg', { liveTuples: 0, deletedTuples: 9 })),
    )
    expect(empty.verdict).toBe('pass')
  })
})
