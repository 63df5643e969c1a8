import { describe, expect, it } from 'vitest'
import {
  compatibleTypes,
  describeSuggestion,
  suggestMapping,
  typeKind,
  type CatalogColumn,
} from '../../../src/renderer/src/lib/parity-edit-mapping'

const cols = (...pairs: [string, string][]): CatalogColumn[] =>
  pairs.map(([name, type]) => ({ name, type }))

/** couch2pg's `form_metadata` and cht-pipeline's `data_record`, as `parity.columns` reads them. */
const FORM_METADATA = cols(
  ['uuid', 'text'],
  ['chw', 'text'],
  ['chw_area', 'text'],
  ['formname', 'text'],
  ['reported', 'timestamp without time zone'],
  ['patient_id', 'text'],
  ['xmlforms', 'text'],
)
const DATA_RECORD = cols(
  ['uuid', 'character varying(36)'],
  ['saved_timestamp', 'timestamp without time zone'],
  ['contact_uuid', 'text'],
  ['parent_uuid', 'text'],
  ['form', 'text'],
  ['reported', 'timestamp with time zone'],
  ['patient_id', 'text'],
)

describe('typeKind and compatibleTypes', () => {
  it.each([
    ['integer', 'number'],
    ['numeric(10,2)', 'number'],
    ['double precision', 'number'],
    ['timestamp(3) without time zone', 'time'],
    ['timestamp with time zone', 'time'],
    ['date', 'time'],
    ['daterange', 'other'],
    ['character varying(36)', 'text'],
    ['text', 'text'],
    ['text[]', 'other'],
    ['jsonb', 'other'],
    ['uuid', 'other'],
  ])('%s is %s', (type, kind) => {
    expect(typeKind(type)).toBe(kind)
  })

  it('compares kinds like the engine: the same kind, or one read as text', () => {
    expect(compatibleTypes('integer', 'numeric')).toBe(true)
    expect(compatibleTypes('timestamp without time zone', 'date')).toBe(true)
    expect(compatibleTypes('uuid', 'text')).toBe(true)
    expect(compatibleTypes('text', 'timestamp with time zone')).toBe(false)
    expect(compatibleTypes('bigint', 'text')).toBe(false)
  })
})

describe('suggestMapping', () => {
  it('pairs form_metadata with data_record by name, then by the CHT renames', () => {
    const s = suggestMapping(FORM_METADATA, DATA_RECORD)
    expect(s.keys).toEqual([{ old: 'uuid', new: 'uuid' }])
    expect(s.columns).toEqual([
      { old: 'chw', new: 'contact_uuid' },
      { old: 'chw_area', new: 'parent_uuid' },
      { old: 'formname', new: 'form' },
      { old: 'reported', new: 'reported', tolerance: { unit: 'second' } },
      { old: 'patient_id', new: 'patient_id' },
    ])
    expect(s.onlyInOld).toEqual(['xmlforms'])
    expect(s.onlyInNew).toEqual(['saved_timestamp'])
  })

  it('prefers the exact name, then another case of a compatible type', () => {
    const s = suggestMapping(
      cols(['Name', 'text'], ['name', 'text'], ['Total', 'bigint']),
      cols(['NAME', 'text'], ['name', 'text'], ['total', 'text'], ['TOTAL', 'integer']),
    )
    expect(s.columns).toEqual([
      { old: 'Name', new: 'NAME' },
      { old: 'name', new: 'name' },
      { old: 'Total', new: 'TOTAL' },
    ])
    expect(s.onlyInNew).toEqual(['total'])
  })

  it('pairs equal names even when their types differ, but renames only to a compatible type', () => {
    const s = suggestMapping(
      cols(['reported', 'text'], ['chw', 'bigint']),
      cols(['reported', 'timestamp with time zone'], ['contact_uuid', 'text']),
    )
    // No tolerance: `reported` is not a time on both sides.
    expect(s.columns).toEqual([{ old: 'reported', new: 'reported' }])
    expect(s.onlyInOld).toEqual(['chw'])
    expect(s.onlyInNew).toEqual(['contact_uuid'])
  })

  it('never uses a new column twice: a rename does not take an equal name', () => {
    const s = suggestMapping(cols(['formname', 'text'], ['form', 'text']), cols(['form', 'text']))
    expect(s.columns).toEqual([{ old: 'form', new: 'form' }])
    expect(s.onlyInOld).toEqual(['formname'])
  })

  it('takes _id or id as the key when there is no uuid, and none when nothing fits', () => {
    expect(suggestMapping(cols(['_id', 'text']), cols(['_id', 'text'])).keys).toEqual([
      { old: '_id', new: '_id' },
    ])
    expect(suggestMapping(cols(['ID', 'int']), cols(['id', 'int'])).keys).toEqual([
      { old: 'ID', new: 'id' },
    ])
    const none = suggestMapping(cols(['a', 'text']), cols(['b', 'text']))
    expect(none).toEqual({ keys: [], columns: [], onlyInOld: ['a'], onlyInNew: ['b'] })
  })

  it('describes what it did', () => {
    expect(describeSuggestion(suggestMapping(FORM_METADATA, DATA_RECORD))).toBe(
      'Paired 5 columns and the key uuid = uuid. Only in old: xmlforms. Only in new: saved_timestamp.',
    )
    const many = cols(...Array.from({ length: 10 }, (_, i): [string, string] => [`c${i}`, 'text']))
    expect(describeSuggestion(suggestMapping(many, []))).toBe(
      'Paired 0 columns. Only in old: c0, c1, c2, c3, c4, c5, c6, c7 and 2 more.',
    )
  })
})
