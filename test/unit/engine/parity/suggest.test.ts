import { describe, expect, it } from 'vitest'
import { deliveryFormOf } from '../../../../src/main/engine/parity/suggest'

describe('deliveryFormOf', () => {
  it('prefers the default form code', () => {
    expect(deliveryFormOf(['pregnancy', 'delivery', 'home_delivery'])).toBe('delivery')
  })
  it('falls back to a code naming deliveries, the same whatever the order', () => {
    expect(deliveryFormOf(['zz_delivery_v2', 'pnc', 'anc_delivery'])).toBe('anc_delivery')
    expect(deliveryFormOf(['anc_delivery', 'zz_delivery_v2'])).toBe('anc_delivery')
  })
  it('answers null when no form is about deliveries', () => {
    expect(deliveryFormOf([])).toBeNull()
    expect(deliveryFormOf(['pregnancy', 'pnc'])).toBeNull()
  })
})
