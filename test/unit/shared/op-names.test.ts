import { describe, expect, it } from 'vitest'
import { contract } from '../../../src/shared/contract'
import { OP_NAME_LIST } from '../../../src/shared/op-names'

describe('OP_NAME_LIST', () => {
  it('lists exactly the operations of the contract, in the same order', () => {
    expect([...OP_NAME_LIST]).toEqual(Object.keys(contract))
  })
})
