import { describe, expect, it } from 'vitest'
import { keyColumnOf } from '../../../../../src/main/engine/inventory/scaffold/key-column'
import { parityComparisonFor } from '../../../../../src/main/engine/inventory/scaffold/parity-comparison'
import { modelDefinitionSchema } from '../../../../../src/shared/parity-definitions'
import { fn, makeObject, matview, table, view } from '../../../../support/inventory-objects'

describe('parityComparisonFor', () => {
  it('compares the old relation with the new model on the key, other columns by name', () => {
    const pregnancy = view('formview_pregnancy', {
      columns: [
        { name: 'uuid', type: 'text' },
        { name: 'reported', type: 'timestamp with time zone' },
        { name: 'edd', type: 'date' },
      ],
    })
    const definition = parityComparisonFor(pregnancy, 'anc_pregnancy', { schema: 'v1' })
    expect(definition).toEqual({
      id: 'inventory.anc_pregnancy',
      title: 'formview_pregnancy → anc_pregnancy',
      old: { kind: 'relation', schema: 'public', name: 'formview_pregnancy' },
      new: { kind: 'relation', schema: 'v1', name: 'anc_pregnancy' },
      keys: [{ old: 'uuid', new: 'uuid' }],
      columns: [
        { old: 'reported', new: 'reported', tolerance: { unit: 'second' } },
        { old: 'edd', new: 'edd' },
      ],
      nullEqualsNull: true,
    })
    expect(modelDefinitionSchema.parse(definition)).toEqual(definition)
  })

  it('takes _id or id as the key, else a one-column unique index', () => {
    const byId = matview('m', { schema: 'reports', columns: ['_id', 'n'] })
    expect(parityComparisonFor(byId, 'm', { schema: 'v1' })!.keys).toEqual([
      { old: '_id', new: '_id' },
    ])
    const targets = table('targets', { columns: ['area_uuid', 'target'] })
    const unique = makeObject('index', 'targets_area', {
      dependsOn: [targets.key],
      definition: 'CREATE UNIQUE INDEX targets_area ON public.targets USING btree (area_uuid)',
    })
    const twoColumns = makeObject('index', 'targets_pair', {
      dependsOn: [targets.key],
      definition:
        'CREATE UNIQUE INDEX targets_pair ON public.targets USING btree (area_uuid, target)',
    })
    expect(keyColumnOf(targets, [twoColumns])).toBeNull()
    expect(keyColumnOf(targets, [twoColumns, unique])).toBe('area_uuid')
    const definition = parityComparisonFor(targets, 'targets', { schema: 'v1' }, [unique])
    expect(modelDefinitionSchema.parse(definition)).toMatchObject({
      keys: [{ old: 'area_uuid', new: 'area_uuid' }],
      columns: [{ old: 'target', new: 'target' }],
    })
  })

  it('is null without a key column, for a function, and for names PostgreSQL cannot hold', () => {
    expect(
      parityComparisonFor(view('v', { columns: ['month', 'n'] }), 'v', { schema: 'v1' }),
    ).toBeNull()
    expect(parityComparisonFor(fn('f', { columns: ['uuid'] }), 'f', { schema: 'v1' })).toBeNull()
    const wide = view('v', { columns: ['uuid'] })
    expect(parityComparisonFor(wide, 'x'.repeat(64), { schema: 'v1' })).toBeNull()
  })
})
