import { describe, expect, it } from 'vitest'
import { groupText, withinTolerance } from '../../../../src/main/engine/parity/metric-compare'
import { metricStarters } from '../../../../src/main/engine/parity/metric-starters'

describe('metric comparison rules', () => {
  it('writes group values the same on both sides', () => {
    expect(groupText(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z')
    expect(groupText('42')).toBe('42')
    expect(groupText('042.50')).toBe('42.5')
    expect(groupText(42)).toBe('42')
    expect(groupText(null)).toBe('(null)')
    expect(groupText('anc_visit')).toBe('anc_visit')
  })

  it('accepts a difference within either the absolute or the relative tolerance', () => {
    expect(withinTolerance(100, 100, {})).toBe(true)
    expect(withinTolerance(100, 101, {})).toBe(false)
    expect(withinTolerance(100, 102, { absolute: 2 })).toBe(true)
    expect(withinTolerance(100, 103, { absolute: 2 })).toBe(false)
    expect(withinTolerance(100, 103, { absolute: 2, relative: 0.05 })).toBe(true)
    expect(withinTolerance(0, 0.1, { relative: 0.5 })).toBe(false)
  })
})

describe('metric starters', () => {
  const base = {
    old: { schema: 'public', formMetadata: null, contactviewMetadata: null },
    new: { schema: 'v1', table: 'couchdb', dataRecord: false, contact: false },
    deliveryForm: null,
  }
  it('falls back to the raw tables when the views and models are missing', () => {
    const starters = metricStarters(base)
    expect(starters.map((s) => s.id)).toEqual([
      'reports-per-form-month',
      'active-chws-per-month',
      'new-contacts-per-month',
    ])
    expect(starters[0]!.oldSql).toContain('"public"."couchdb"')
    expect(starters[0]!.newSql).toContain('NOT _deleted')
  })

  it('reads form_metadata and data_record when they exist, and adds deliveries', () => {
    const starters = metricStarters({
      ...base,
      old: { ...base.old, formMetadata: { reported: 'timestamp' } },
      new: { ...base.new, dataRecord: true },
      deliveryForm: "de'livery",
    })
    expect(starters[0]!.oldSql).toContain('"public"."form_metadata"')
    expect(starters[0]!.newSql).toContain('"v1"."data_record"')
    expect(starters.at(-1)!.oldSql).toContain("'de''livery'")
  })
})
