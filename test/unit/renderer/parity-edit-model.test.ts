import { describe, expect, it } from 'vitest'
import type { ModelDefinition } from '../../../src/shared/parity-definitions'
import type { FormOutcome } from '../../../src/renderer/src/lib/parity-edit-common'
import {
  applySuggestion,
  columnRow,
  emptyModelForm,
  formToModel,
  modelToForm,
  NO_TOLERANCE,
  pairRow,
  toleranceFromForm,
  toleranceToForm,
  type ModelForm,
} from '../../../src/renderer/src/lib/parity-edit-model'

const DEFINITION: ModelDefinition = {
  id: 'form-metadata',
  title: 'form_metadata → data_record',
  old: { kind: 'relation', schema: 'public', name: 'form_metadata' },
  new: { kind: 'query', sql: 'SELECT * FROM v1.data_record' },
  keys: [{ old: 'uuid', new: 'uuid' }],
  columns: [
    { old: 'formname', new: 'form', tolerance: { trim: true, ignoreCase: true } },
    { old: 'reported', new: 'reported', tolerance: { unit: 'minute', timeZone: 'Africa/Nairobi' } },
    { old: 'amount', new: 'amount', tolerance: { absolute: 0.01, relative: 0.05 } },
    { old: 'weight', new: 'weight', tolerance: { relative: 0.001 } },
    { old: 'chw', new: 'contact_uuid' },
  ],
  nullEqualsNull: false,
}

const NONE = new Set<string>()

function errorsOf<T>(outcome: FormOutcome<T>) {
  if (outcome.ok) throw new Error('expected problems')
  return outcome.errors
}

function valueOf<T>(outcome: FormOutcome<T>): T {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors))
  return outcome.value
}

/** A new form with the given sides' names, one key row and the given column rows. */
function newForm(patch: Partial<ModelForm> = {}): ModelForm {
  const form = emptyModelForm({ old: 'public', new: 'v1' })
  return {
    ...form,
    title: 'Reports',
    old: { ...form.old, name: 'form_metadata' },
    new: { ...form.new, name: 'data_record' },
    keys: [pairRow('uuid', 'uuid')],
    ...patch,
  }
}

describe('model form ↔ definition', () => {
  it('round-trips a definition with every tolerance family exactly', () => {
    const form = modelToForm(DEFINITION)
    expect(form.columns.map((c) => c.tolerance.kind)).toEqual([
      'text',
      'time',
      'number',
      'number',
      'none',
    ])
    expect(form.columns[2]!.tolerance).toMatchObject({ absolute: '0.01', relativePercent: '5' })
    expect(form.columns[3]!.tolerance.relativePercent).toBe('0.1')
    expect(form.new).toMatchObject({ kind: 'query', sql: 'SELECT * FROM v1.data_record' })
    expect(valueOf(formToModel(form, new Set([DEFINITION.id])))).toEqual(DEFINITION)
  })

  it('gives a new pair an id from its title, unique among the pairs set up', () => {
    const model = valueOf(formToModel(newForm({ title: 'Reports: per form!' }), NONE))
    expect(model.id).toBe('reports-per-form')
    const again = valueOf(
      formToModel(newForm({ title: 'Reports per form' }), new Set(['reports-per-form'])),
    )
    expect(again.id).toBe('reports-per-form-2')
    expect(valueOf(formToModel(newForm({ title: '→' }), NONE)).id).toBe('model')
  })

  it('trims names, drops blank rows, and leaves exact columns without a tolerance', () => {
    const model = valueOf(
      formToModel(
        newForm({
          old: { kind: 'relation', schema: ' public ', name: ' form_metadata ', sql: '' },
          keys: [pairRow(' uuid', 'uuid '), pairRow()],
          columns: [
            { ...pairRow('chw', 'contact_uuid'), tolerance: NO_TOLERANCE },
            { ...pairRow(' ', ''), tolerance: NO_TOLERANCE },
          ],
        }),
        NONE,
      ),
    )
    expect(model.old).toEqual({ kind: 'relation', schema: 'public', name: 'form_metadata' })
    expect(model.keys).toEqual([{ old: 'uuid', new: 'uuid' }])
    expect(model.columns).toEqual([{ old: 'chw', new: 'contact_uuid' }])
  })

  it('places the schema’s problems beside their fields', () => {
    const keyRow = pairRow()
    const long = { ...pairRow('x'.repeat(64), 'n'), tolerance: NO_TOLERANCE }
    const rel = {
      ...pairRow('a', 'a'),
      tolerance: { ...NO_TOLERANCE, kind: 'number' as const, relativePercent: '150' },
    }
    const neg = {
      ...pairRow('b', 'b'),
      tolerance: { ...NO_TOLERANCE, kind: 'number' as const, absolute: '-1' },
    }
    const errors = errorsOf(
      formToModel(
        newForm({
          title: ' ',
          old: { kind: 'relation', schema: '', name: 'form_metadata', sql: '' },
          new: { kind: 'query', schema: '', name: '', sql: '  ' },
          keys: [keyRow],
          columns: [long, rel, neg],
        }),
        NONE,
      ),
    )
    expect(errors).toEqual({
      title: 'Give the pair a title.',
      'old.schema': 'Required.',
      'new.sql': 'Required.',
      [`keys.${keyRow.rowId}.old`]: 'Give a key column pair to match rows by.',
      [`columns.${long.rowId}.old`]: 'At most 63 characters.',
      [`columns.${rel.rowId}.relative`]: 'At most 100%.',
      [`columns.${neg.rowId}.absolute`]: 'Must be 0 or more.',
    })
  })

  it('checks typed numbers and repeated pairs before the schema', () => {
    const bad = {
      ...pairRow('a', 'a'),
      tolerance: {
        ...NO_TOLERANCE,
        kind: 'number' as const,
        absolute: 'abc',
        relativePercent: 'x',
      },
    }
    const empty = { ...pairRow('b', 'b'), tolerance: { ...NO_TOLERANCE, kind: 'number' as const } }
    const twice = { ...pairRow('b', 'b'), tolerance: NO_TOLERANCE }
    const errors = errorsOf(formToModel(newForm({ columns: [bad, empty, twice] }), NONE))
    expect(errors).toEqual({
      [`columns.${bad.rowId}.absolute`]: 'Give a number, such as 0.01.',
      [`columns.${bad.rowId}.relative`]: 'Give a percentage, such as 1.',
      [`columns.${empty.rowId}.absolute`]:
        'Give an absolute or a relative tolerance, or choose Exact.',
      [`columns.${twice.rowId}.old`]: 'This pair is already mapped above.',
    })
  })
})

describe('tolerances', () => {
  it('reads a decimal comma and a percentage', () => {
    const errors = {}
    const form = {
      ...NO_TOLERANCE,
      kind: 'number' as const,
      absolute: '0,5',
      relativePercent: '2.5',
    }
    expect(toleranceFromForm(form, 'c', errors)).toEqual({ absolute: 0.5, relative: 0.025 })
    expect(errors).toEqual({})
  })

  it('drops an empty time or text tolerance, and keeps only its own family’s fields', () => {
    const errors = {}
    const time = { ...NO_TOLERANCE, kind: 'time' as const, trim: true }
    expect(toleranceFromForm(time, 'c', errors)).toBeUndefined()
    const zone = { ...time, timeZone: ' UTC ' }
    expect(toleranceFromForm(zone, 'c', errors)).toEqual({ timeZone: 'UTC' })
    const text = { ...NO_TOLERANCE, kind: 'text' as const, unit: 'day' as const, ignoreCase: true }
    expect(toleranceFromForm(text, 'c', errors)).toEqual({ ignoreCase: true })
    expect(toleranceFromForm({ ...text, kind: 'none' }, 'c', errors)).toBeUndefined()
  })

  it('shows an absent or empty tolerance as Exact', () => {
    expect(toleranceToForm(undefined)).toEqual(NO_TOLERANCE)
    expect(toleranceToForm({})).toEqual(NO_TOLERANCE)
    expect(toleranceToForm({ trim: false })).toEqual(NO_TOLERANCE)
    expect(toleranceToForm({ absolute: 0 }).kind).toBe('number')
  })
})

describe('applySuggestion', () => {
  const suggestion = {
    keys: [{ old: 'uuid', new: 'uuid' }],
    columns: [
      { old: 'chw', new: 'contact_uuid' },
      { old: 'reported', new: 'reported', tolerance: { unit: 'second' as const } },
    ],
    onlyInOld: [],
    onlyInNew: [],
  }

  it('fills an empty key and replaces the column rows', () => {
    const form = newForm({ keys: [pairRow()], columns: [columnRow({ old: 'x', new: 'y' })] })
    const next = applySuggestion(form, suggestion)
    expect(next.keys.map((k) => [k.old, k.new])).toEqual([['uuid', 'uuid']])
    expect(next.columns.map((c) => [c.old, c.new, c.tolerance.kind, c.tolerance.unit])).toEqual([
      ['chw', 'contact_uuid', 'none', ''],
      ['reported', 'reported', 'time', 'second'],
    ])
  })

  it('keeps a typed key and leaves it out of the column rows', () => {
    const form = newForm({ keys: [pairRow('chw', 'contact_uuid')] })
    const next = applySuggestion(form, suggestion)
    expect(next.keys.map((k) => [k.old, k.new])).toEqual([['chw', 'contact_uuid']])
    expect(next.columns.map((c) => c.old)).toEqual(['reported'])
  })
})
