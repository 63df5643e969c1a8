import { describe, expect, it } from 'vitest'
import type { MetricDefinition } from '../../../src/shared/parity-definitions'
import type { StoredResult } from '../../../src/shared/project-schema'
import {
  issueText,
  newComparisonId,
  parseAmount,
  percentText,
  shareOf,
  type FormOutcome,
} from '../../../src/renderer/src/lib/parity-edit-common'
import {
  countText,
  hasDrillDown,
  keysText,
  modelDetails,
  scalarText,
} from '../../../src/renderer/src/lib/parity-edit-detail'
import {
  emptyMetricForm,
  formToMetric,
  metricToForm,
  splitColumns,
  type MetricForm,
} from '../../../src/renderer/src/lib/parity-edit-metric'
import { metricDefinitionSchema } from '../../../src/shared/parity-definitions'

const METRIC: MetricDefinition = {
  id: 'reports-per-form-month',
  title: 'Reports per form per month',
  oldSql: 'SELECT form, month, count(*) AS reports FROM r GROUP BY form, month',
  newSql: 'SELECT form, month, count(*) AS reports FROM s GROUP BY form, month',
  groupColumns: ['form', 'month'],
  valueColumn: 'reports',
  tolerance: { absolute: 0 },
}

function errorsOf<T>(outcome: FormOutcome<T>) {
  if (outcome.ok) throw new Error('expected problems')
  return outcome.errors
}

const filled = (patch: Partial<MetricForm>): MetricForm => ({
  ...emptyMetricForm(),
  title: 'Deliveries',
  oldSql: 'SELECT 1 AS n',
  newSql: 'SELECT 1 AS n',
  ...patch,
})

describe('metric form ↔ definition', () => {
  it('round-trips a definition', () => {
    const form = metricToForm(METRIC)
    expect(form.groupColumns).toBe('form, month')
    const back = formToMetric(form, new Set([METRIC.id]))
    expect(back).toEqual({ ok: true, value: METRIC })
  })

  it('round-trips both tolerances, as a percentage in the form', () => {
    const metric = { ...METRIC, tolerance: { absolute: 2, relative: 0.015 } }
    const form = metricToForm(metric)
    expect([form.absolute, form.relativePercent]).toEqual(['2', '1.5'])
    expect(formToMetric(form, new Set())).toEqual({ ok: true, value: metric })
  })

  it('makes a new metric exact, with its own id and no group for one figure', () => {
    const outcome = formToMetric(filled({}), new Set(['deliveries']))
    expect(outcome).toEqual({
      ok: true,
      value: {
        id: 'deliveries-2',
        title: 'Deliveries',
        oldSql: 'SELECT 1 AS n',
        newSql: 'SELECT 1 AS n',
        groupColumns: [],
        valueColumn: 'n',
        tolerance: { absolute: 0 },
      },
    })
  })

  it('places the problems beside their fields', () => {
    const errors = errorsOf(
      formToMetric(
        filled({
          title: '',
          newSql: ' ',
          groupColumns: 'a, b, c, d, e',
          valueColumn: '',
          absolute: 'many',
          relativePercent: '101',
        }),
        new Set(),
      ),
    )
    expect(errors).toEqual({
      title: 'Give the metric a title.',
      absolute: 'Give a number, such as 0 or 2.',
      newSql: 'Required.',
      groupColumns: 'At most 4 group columns.',
      valueColumn: 'Required.',
      relative: 'At most 100%.',
    })
  })

  it('names a group column that is too long, and one named twice', () => {
    const long = 'g'.repeat(64)
    expect(errorsOf(formToMetric(filled({ groupColumns: `a, ${long}` }), new Set()))).toEqual({
      groupColumns: `“${long}”: At most 63 characters.`,
    })
    expect(errorsOf(formToMetric(filled({ groupColumns: 'a, a' }), new Set()))).toEqual({
      groupColumns: 'Name each group column once.',
    })
  })

  it('splits group columns on commas, dropping blanks', () => {
    expect(splitColumns(' form ,, month ,')).toEqual(['form', 'month'])
    expect(splitColumns('')).toEqual([])
  })
})

describe('shared editor helpers', () => {
  it('reads amounts leniently but refuses words', () => {
    expect(parseAmount('')).toBeUndefined()
    expect(parseAmount(' 0,25 ')).toBe(0.25)
    expect(parseAmount('.5')).toBe(0.5)
    expect(parseAmount('1e-3')).toBe(0.001)
    expect(parseAmount('1.2.3')).toBeNaN()
    expect(parseAmount('Infinity')).toBeNaN()
  })

  it('converts percentages without binary noise', () => {
    expect(percentText(0.07)).toBe('7')
    expect(percentText(0.001)).toBe('0.1')
    expect(percentText(undefined)).toBe('')
    expect(shareOf(7)).toBe(0.07)
    expect(shareOf(0.1)).toBe(0.001)
  })

  it('makes ids from titles', () => {
    expect(newComparisonId('Café visits — per área', new Set(), 'metric')).toBe(
      'cafe-visits-per-area',
    )
    expect(newComparisonId('!!!', new Set(['metric']), 'metric')).toBe('metric-2')
    expect(newComparisonId('x'.repeat(100), new Set(), 'm')).toHaveLength(60)
  })

  it('words zod issues', () => {
    const issues = metricDefinitionSchema.safeParse({
      ...METRIC,
      title: 't'.repeat(201),
      tolerance: { absolute: -1 },
    }).error!.issues
    expect(issues.map(issueText)).toEqual(['At most 200 characters.', 'Must be 0 or more.'])
  })
})

describe('model drill-down helpers', () => {
  const result = (details: StoredResult['details']) => ({ details }) as StoredResult

  it('finds model details only', () => {
    const base = {
      kind: 'comparison' as const,
      old: { label: 'old', endpoint: null, relation: null },
      new: { label: 'new', endpoint: null, relation: null },
      counts: [],
      differences: [],
      checkpoints: [],
    }
    expect(modelDetails(result({ ...base, mode: 'metric' }))).toBeNull()
    expect(modelDetails(undefined)).toBeNull()
    const model = modelDetails(result({ ...base, mode: 'model' }))
    expect(model).not.toBeNull()
    expect(hasDrillDown(model!)).toBe(false)
    expect(hasDrillDown({ ...model!, keys: [{ old: 'uuid', new: 'uuid' }] })).toBe(true)
  })

  it('spells values, counts and keys', () => {
    expect([scalarText(null), scalarText(''), scalarText(1.5), scalarText(false)]).toEqual([
      'null',
      '(empty)',
      '1.5',
      'false',
    ])
    expect([countText(12345), countText(null)]).toEqual(['12,345', '–'])
    expect(
      keysText([
        { old: 'uuid', new: 'uuid' },
        { old: 'site', new: 'site_id' },
      ]),
    ).toBe('uuid, site = site_id')
  })
})
