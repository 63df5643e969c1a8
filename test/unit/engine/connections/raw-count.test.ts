import { describe, expect, it } from 'vitest'
import { trueFraction } from '../../../../src/main/engine/connections/raw-count'

/** CHT Sync's `_deleted` share from `pg_stats`, for raw tables too large to count in a probe. */
describe('trueFraction', () => {
  it('reads the frequency of true among the most common values', () => {
    expect(trueFraction({ nullFrac: 0, values: ['f', 't'], freqs: [0.9, 0.1] })).toBeCloseTo(0.1)
    expect(trueFraction({ nullFrac: 0, values: ['t'], freqs: [1] })).toBe(1)
  })

  it('takes what false and NULL leave when true is not listed', () => {
    expect(trueFraction({ nullFrac: 0.05, values: ['f'], freqs: [0.9] })).toBeCloseTo(0.05)
    expect(trueFraction({ nullFrac: 0, values: ['f'], freqs: [1] })).toBe(0)
  })

  it('says 0 for a column of NULLs, and nothing when the statistics cannot tell', () => {
    expect(trueFraction({ nullFrac: 1, values: null, freqs: null })).toBe(0)
    expect(trueFraction({ nullFrac: 0.2, values: null, freqs: null })).toBeNull()
    expect(trueFraction({ nullFrac: 0, values: ['f', 't'], freqs: [0.5] })).toBeNull()
  })

  it('stays within 0 and 1 whatever the statistics round to', () => {
    expect(trueFraction({ nullFrac: 0.1, values: ['f'], freqs: [0.95] })).toBe(0)
  })
})
