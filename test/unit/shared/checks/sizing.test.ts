import { describe, expect, it } from 'vitest'
import { project } from '../../../../src/main/engine/checks/production/sizing-check'
import { projectSizing } from '../../../../src/renderer/src/lib/sizing'
import { projectSize } from '../../../../src/shared/checks/sizing'

const GIB = 1024 ** 3

describe('projectSize (the guide’s method)', () => {
  it('scales the synced sample up, grows it over the years and adds 20% for indexes', () => {
    // 1 GB synced at 10%: 10 GB today; 20% a year for 5 years: × 1.2^5; + 20%.
    const p = projectSize(
      { chtSyncBytes: GIB, syncedFraction: 0.1, couch2pgBytes: 3 * GIB },
      { growthPerYear: 0.2, years: 5 },
    )
    expect(p?.basis).toBe('sample')
    expect(p!.fullBytes / GIB).toBeCloseTo(10, 6)
    expect(p!.projectedBytes / GIB).toBeCloseTo(10 * 1.2 ** 5 * 1.2, 6)
  })

  it('takes the sample as whole without a fraction, and couch2pg without a CHT Sync size', () => {
    const growth = { growthPerYear: 0, years: 0 }
    const none = { chtSyncBytes: null, syncedFraction: null, couch2pgBytes: null }
    expect(projectSize({ ...none, chtSyncBytes: GIB }, growth)).toMatchObject({ basis: 'whole' })
    expect(projectSize({ ...none, couch2pgBytes: GIB }, growth)).toMatchObject({
      basis: 'couch2pg',
      projectedBytes: GIB * 1.2,
    })
    expect(projectSize(none, growth)).toBeNull()
  })

  it('gives the check and the calculator one figure', () => {
    const growth = { growthPerYear: 0.15, years: 3 }
    const check = project(2 * GIB, 0.4, 5 * GIB, growth)
    const calculator = projectSizing(
      {
        chtSyncBytes: 2 * GIB,
        syncedFraction: 0.4,
        couch2pgBytes: 5 * GIB,
        couchdbBytes: null,
        freeDiskBytes: null,
      },
      { ...growth, freeDiskGb: null },
    )
    expect(calculator.ok && calculator.projectedBytes).toBe(check.bytes)
  })
})
