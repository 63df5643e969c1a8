import { describe, expect, it } from 'vitest'
import type { EvidenceItem } from '../../../src/shared/results/check-result'
import {
  formatBytes,
  parseNumberField,
  percentText,
  projectSizing,
  sizingFigures,
  SIZING_LABELS,
  type SizingFigures,
} from '../../../src/renderer/src/lib/sizing'

const measure = (label: string, value: number | null, unit: string): EvidenceItem => ({
  type: 'measure',
  label,
  value,
  unit,
  limit: null,
})

const GB = 1024 ** 3
const inputs = { growthPerYear: 0.2, years: 5, freeDiskGb: null }
const figures = (over: Partial<SizingFigures> = {}): SizingFigures => ({
  chtSyncBytes: 10 * GB,
  couch2pgBytes: 40 * GB,
  couchdbBytes: 100 * GB,
  syncedFraction: 0.5,
  freeDiskBytes: null,
  ...over,
})

describe('sizingFigures', () => {
  it('reads the measures by their labels', () => {
    expect(
      sizingFigures([
        measure(SIZING_LABELS.chtSync, 1_000, 'bytes'),
        { type: 'fact', label: 'CHT Sync database size', value: 'not a measure' },
        measure(SIZING_LABELS.couch2pg, 2_000, 'bytes'),
        measure(SIZING_LABELS.couchdb, 3_000, 'bytes'),
        measure(SIZING_LABELS.fraction, 0.25, 'ratio'),
        measure(SIZING_LABELS.freeDisk, 4_000, 'bytes'),
      ]),
    ).toEqual({
      chtSyncBytes: 1_000,
      couch2pgBytes: 2_000,
      couchdbBytes: 3_000,
      syncedFraction: 0.25,
      freeDiskBytes: 4_000,
    })
  })

  it('answers null for what is absent or unknown', () => {
    expect(sizingFigures([measure(SIZING_LABELS.chtSync, null, 'bytes')])).toEqual({
      chtSyncBytes: null,
      couch2pgBytes: null,
      couchdbBytes: null,
      syncedFraction: null,
      freeDiskBytes: null,
    })
  })
})

describe('projectSizing', () => {
  it('divides by the fraction, grows over the years, adds 20% and the couch2pg database', () => {
    const p = projectSizing(figures(), inputs)
    if (!p.ok) throw new Error(p.reason)
    expect(p.basis).toBe('sample')
    expect(p.fullBytes).toBe(20 * GB)
    expect(p.projectedBytes).toBeCloseTo(20 * GB * 1.2 ** 5 * 1.2, -3)
    expect(p.neededBytes).toBeCloseTo(p.projectedBytes + 40 * GB, -3)
    expect(p.fit).toBeNull()
    expect(p.freeSource).toBeNull()
  })

  it('holds the need against the free disk entered, with a 20% margin', () => {
    // Needed: 20 GB × 1.2 (no growth) + 40 GB = 64 GB.
    const noGrowth = { growthPerYear: 0, years: 0 }
    const fit = (freeDiskGb: number) => {
      const p = projectSizing(figures(), { ...noGrowth, freeDiskGb })
      return p.ok ? [p.fit, p.freeSource, p.freeBytes] : null
    }
    expect(fit(100)).toEqual(['fits', 'entered', 100 * GB])
    expect(fit(70)).toEqual(['tight', 'entered', 70 * GB])
    expect(fit(60)).toEqual(['short', 'entered', 60 * GB])
  })

  it('falls back on the free disk the check found', () => {
    const p = projectSizing(figures({ freeDiskBytes: 500 * GB }), inputs)
    expect(p.ok && [p.fit, p.freeSource]).toEqual(['fits', 'measured'])
  })

  it('takes the sample as the whole without a fraction (or with 0), and clamps one above 1', () => {
    for (const syncedFraction of [null, 0]) {
      const p = projectSizing(figures({ syncedFraction, couch2pgBytes: null }), {
        ...inputs,
        years: 0,
      })
      if (!p.ok) throw new Error(p.reason)
      expect(p.basis).toBe('whole')
      expect(p.projectedBytes).toBeCloseTo(12 * GB, -3)
      expect(p.neededBytes).toBe(p.projectedBytes)
    }
    const over = projectSizing(figures({ syncedFraction: 1.5 }), inputs)
    expect(over.ok && over.fullBytes).toBe(10 * GB)
  })

  it('lets the couch2pg database stand in without a CHT Sync size, and needs one of them', () => {
    const p = projectSizing(figures({ chtSyncBytes: null }), { ...inputs, years: 0 })
    expect(p.ok && [p.basis, p.fullBytes]).toEqual(['couch2pg', 40 * GB])
    expect(projectSizing(figures({ chtSyncBytes: null, couch2pgBytes: null }), inputs)).toEqual({
      ok: false,
      reason: 'no database size was measured.',
    })
  })
})

describe('formatBytes and percentText', () => {
  it('writes sizes as the engine does: GB of 1024³ bytes with one decimal, MB, kB', () => {
    expect(formatBytes(0)).toBe('0 kB')
    expect(formatBytes(1_536)).toBe('2 kB')
    expect(formatBytes(42 * 1024 ** 2)).toBe('42 MB')
    expect(formatBytes(157 * 1024 ** 2)).toBe('157 MB')
    expect(formatBytes(GB)).toBe('1.0 GB')
    expect(formatBytes(6.389 * GB)).toBe('6.4 GB')
    expect(formatBytes(2_048 * GB)).toBe('2,048.0 GB')
    expect(formatBytes(-1)).toBe('unknown')
    expect(formatBytes(Number.NaN)).toBe('unknown')
  })

  it('shows a fraction as a percentage', () => {
    expect(percentText(0.2)).toBe('20%')
    expect(percentText(0.125)).toBe('12.5%')
  })
})

describe('parseNumberField', () => {
  const bounds = { min: 0, max: 100 }
  it('reads numbers within bounds, a comma as a decimal point', () => {
    expect(parseNumberField(' 42 ', bounds)).toBe(42)
    expect(parseNumberField('2,5', bounds)).toBe(2.5)
    expect(parseNumberField('', bounds)).toBeNull()
  })

  it('refuses what is not a number, out of bounds or not whole when it must be', () => {
    expect(parseNumberField('abc', bounds)).toBe('invalid')
    expect(parseNumberField('-1', bounds)).toBe('invalid')
    expect(parseNumberField('101', bounds)).toBe('invalid')
    expect(parseNumberField('1e3', bounds)).toBe('invalid')
    expect(parseNumberField('2.5', { ...bounds, integer: true })).toBe('invalid')
    expect(parseNumberField('3', { ...bounds, integer: true })).toBe(3)
  })
})
