import { describe, expect, it } from 'vitest'
import {
  PIPELINE_META_MODEL_NAMES,
  PIPELINE_MODEL_NAMES,
  PIPELINE_MODELS,
} from '../../../../src/shared/inventory/cht-pipeline-models'
import { PIPELINE_COLUMNS } from '../../../support/cht-pipeline-reference'

/**
 * The models the inventory maps onto and the scaffolds `ref()` (the product's list) against the
 * tests' own reading of cht-pipeline v2.0.0 (the demo's CHT Sync layout is checked against the
 * latter), so neither list can gain, lose or rename a model or a column without the other.
 */
describe('cht-pipeline models', () => {
  it('names the same models as the reference the demo layout is tested against', () => {
    const names = [...PIPELINE_MODEL_NAMES, ...PIPELINE_META_MODEL_NAMES]
    expect([...names].sort()).toEqual(Object.keys(PIPELINE_COLUMNS).sort())
    expect(new Set(names).size).toBe(names.length)
  })

  it('gives each model the reference columns', () => {
    for (const model of PIPELINE_MODELS) {
      expect([...model.columns].sort(), model.name).toEqual(
        Object.keys(PIPELINE_COLUMNS[model.name] ?? {}).sort(),
      )
    }
  })
})
