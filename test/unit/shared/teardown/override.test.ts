import { describe, expect, it } from 'vitest'
import { gate, type TeardownGateId } from '../../../../src/shared/teardown/gate-types'
import { executionPermission } from '../../../../src/shared/teardown/override'

const met = (id: TeardownGateId) => gate(id, id, 'met', [], null)
const unmet = (id: TeardownGateId) => gate(id, id, 'unmet', [], 'do it')
const unknown = (id: TeardownGateId) => gate(id, id, 'unknown', [], 'measure it')
const override = (gates: TeardownGateId[]) => ({
  reason: 'The ministry asked for it',
  by: 'Amina',
  at: '2026-12-01T10:00:00.000Z',
  gates,
})

describe('executionPermission', () => {
  it('allows the run when every gate is met, with or without an override', () => {
    expect(executionPermission([met('backup'), met('decisions')], null)).toEqual({
      allowed: true,
      by: 'gates',
      holding: [],
    })
  })

  it('holds the run on any gate not met (unknown too) when no override is recorded', () => {
    const gates = [met('backup'), unmet('dashboards'), unknown('no-reads')]
    const permission = executionPermission(gates, null)
    expect(permission.allowed).toBe(false)
    expect(permission.holding.map((g) => g.id)).toEqual(['dashboards', 'no-reads'])
  })

  it('allows the run through an override that covers every gate not met', () => {
    const gates = [met('backup'), unmet('dashboards'), unknown('no-reads')]
    expect(executionPermission(gates, override(['dashboards', 'no-reads']))).toEqual({
      allowed: true,
      by: 'override',
      holding: [],
    })
  })

  it('holds the run on a gate that became unmet after the override', () => {
    const gates = [unmet('backup'), unmet('dashboards')]
    const permission = executionPermission(gates, override(['dashboards']))
    expect(permission).toMatchObject({ allowed: false, by: null })
    expect(permission.holding.map((g) => g.id)).toEqual(['backup'])
  })
})
