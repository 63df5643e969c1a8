import { describe, expect, it } from 'vitest'
import { bucketsFor } from '../../../../src/main/engine/parity/model-compare'
import {
  compareSchemas,
  resolveMapping,
  suggestKeys,
  suggestMapping,
} from '../../../../src/main/engine/parity/model-schema'
import { columnKind } from '../../../../src/main/engine/parity/model-side'
import type { ModelSide, SideColumn } from '../../../../src/main/engine/parity/model-types'
import { AppError } from '../../../../src/shared/result'
import { comparisonDetailsSchema } from '../../../../src/shared/results/comparison-result'

const col = (name: string, type: string, kind: SideColumn['kind']): SideColumn => ({
  name,
  type,
  kind,
  typeName: type,
})
const FORM_METADATA = [
  col('uuid', 'text', 'text'),
  col('chw', 'text', 'text'),
  col('chw_area', 'text', 'text'),
  col('formname', 'text', 'text'),
  col('reported', 'timestamp without time zone', 'time'),
]
const DATA_RECORD = [
  col('UUID', 'text', 'text'),
  col('saved_timestamp', 'timestamp with time zone', 'time'),
  col('reported', 'timestamp with time zone', 'time'),
  col('form', 'text', 'text'),
  col('contact_uuid', 'text', 'text'),
  col('parent_uuid', 'text', 'text'),
]

describe('schema comparison and suggestions', () => {
  it('lists columns on one side only and type differences, by name regardless of case', () => {
    const schema = compareSchemas(FORM_METADATA, DATA_RECORD)
    expect(schema.onlyInOld).toEqual(['chw', 'chw_area', 'formname'])
    expect(schema.onlyInNew).toEqual(['saved_timestamp', 'form', 'contact_uuid', 'parent_uuid'])
    expect(schema.typeDifferences).toEqual([
      {
        old: { name: 'reported', type: 'timestamp without time zone' },
        new: { name: 'reported', type: 'timestamp with time zone' },
      },
    ])
  })

  it('suggests a mapping by name, then by known couch2pg renames of the same kind, and a key', () => {
    const mapping = suggestMapping(FORM_METADATA, DATA_RECORD)
    expect(mapping).toEqual([
      { old: 'uuid', new: 'UUID' },
      { old: 'reported', new: 'reported' },
      { old: 'chw', new: 'contact_uuid' },
      { old: 'chw_area', new: 'parent_uuid' },
      { old: 'formname', new: 'form' },
    ])
    expect(suggestKeys(mapping)).toEqual([{ old: 'uuid', new: 'UUID' }])
    expect(suggestKeys([{ old: 'name', new: 'name' }])).toEqual([])
    // A rename to a column of another kind is not suggested.
    expect(
      suggestMapping([col('chw', 'text', 'text')], [col('contact_uuid', 'int4', 'number')]),
    ).toEqual([])
  })

  it('classifies types into the kinds tolerances apply to', () => {
    expect(columnKind('N', 'numeric')).toBe('number')
    expect(columnKind('N', 'oid')).toBe('other')
    expect(columnKind('D', 'timestamptz')).toBe('time')
    expect(columnKind('D', 'interval')).toBe('other')
    expect(columnKind('S', 'varchar')).toBe('text')
    expect(columnKind('B', 'bool')).toBe('other')
  })
})

describe('resolveMapping', () => {
  const side = (label: string): ModelSide => ({
    pool: null as never,
    label,
    endpoint: null,
    source: { kind: 'relation', schema: 'public', name: 't' },
  })
  const input = (
    keys: { old: string; new: string }[],
    columns: { old: string; new: string }[],
  ) => ({
    old: side('old'),
    new: side('new'),
    keys,
    columns,
  })
  const refusal = (f: () => unknown) => {
    try {
      f()
    } catch (e) {
      expect(e).toBeInstanceOf(AppError)
      return (e as AppError).message
    }
    throw new Error('expected a refusal')
  }

  it('leaves the key out of the compared columns', () => {
    const { keys, columns } = resolveMapping(
      input([{ old: 'uuid', new: 'UUID' }], suggestMapping(FORM_METADATA, DATA_RECORD)),
      FORM_METADATA,
      DATA_RECORD,
    )
    expect(keys.map((k) => k.new.name)).toEqual(['UUID'])
    expect(columns.map((c) => c.pair.old)).toEqual(['reported', 'chw', 'chw_area', 'formname'])
  })

  it('refuses no key, a missing column, and a pair mapped twice', () => {
    expect(refusal(() => resolveMapping(input([], []), FORM_METADATA, DATA_RECORD))).toMatch(
      /at least one key/,
    )
    expect(
      refusal(() =>
        resolveMapping(
          input([{ old: 'uuid', new: 'UUID' }], [{ old: 'chw', new: 'chw' }]),
          FORM_METADATA,
          DATA_RECORD,
        ),
      ),
    ).toMatch(
      /^The mapping names column “chw”, which the new side does not have; its columns are: UUID,/,
    )
    expect(
      refusal(() =>
        resolveMapping(
          input(
            [{ old: 'uuid', new: 'UUID' }],
            [
              { old: 'chw', new: 'form' },
              { old: 'chw', new: 'form' },
            ],
          ),
          FORM_METADATA,
          DATA_RECORD,
        ),
      ),
    ).toMatch(/twice/)
  })
})

describe('sizes and stored shape', () => {
  it('sizes buckets at about 16 rows, a power of two between 256 and 65,536', () => {
    expect(bucketsFor(0)).toBe(256)
    expect(bucketsFor(200_000)).toBe(16_384)
    expect(bucketsFor(1_000_000)).toBe(65_536)
    expect(bucketsFor(50_000_000)).toBe(65_536)
  })

  it('still reads a comparison saved before model parity added its fields', () => {
    const old = {
      kind: 'comparison',
      mode: 'documents',
      old: { label: 'couch2pg', endpoint: 'couch2pg', relation: null },
      new: { label: 'CHT Sync', endpoint: 'chtSync', relation: 'v1.couchdb' },
      counts: [],
      differences: [],
      checkpoints: [],
    }
    const parsed = comparisonDetailsSchema.parse(old)
    expect(parsed.columns).toBeUndefined()
    expect(parsed.schema).toBeUndefined()
  })
})
