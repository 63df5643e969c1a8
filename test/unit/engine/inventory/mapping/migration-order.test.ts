import { describe, expect, it } from 'vitest'
import { mapObjects } from '../../../../../src/main/engine/inventory/mapping/map-objects'
import {
  migrationOrder,
  topologicalOrder,
} from '../../../../../src/main/engine/inventory/mapping/migration-order'
import type { InventoryObject } from '../../../../../src/shared/results/inventory-result'
import {
  couchdbTable,
  fn,
  formview,
  makeObject,
  matview,
  table,
  view,
} from '../../../../support/inventory-objects'

const order = (objects: InventoryObject[]) => migrationOrder(objects, mapObjects(objects))
const v = (name: string, ...deps: string[]) =>
  view(name, { dependsOn: deps.map((d) => `view:public.${d}`) })

describe('migrationOrder', () => {
  it('puts dependencies first and leaves couch2pg’s objects and indexes out', () => {
    const metadata = matview('contactview_metadata', { origin: 'couch2pg' })
    const pregnancy = formview('pregnancy', ['edd'])
    const dashboard = matview('useview_dashboard', {
      dependsOn: [pregnancy.key, 'view:public.contactview_area'],
    })
    const area = view('contactview_area', { dependsOn: [metadata.key] })
    const getter = fn('get_dashboard', { args: 'date', dependsOn: [dashboard.key] })
    const index = makeObject('index', 'useview_dashboard_uuid', { dependsOn: [dashboard.key] })
    const objects = [getter, index, dashboard, area, pregnancy, metadata, couchdbTable()]
    expect(order(objects)).toEqual([
      'view:public.contactview_area',
      'view:public.formview_pregnancy',
      'materialized_view:public.useview_dashboard',
      'function:public.get_dashboard(date)',
    ])
  })

  it('includes objects of unknown origin (another tool’s table)', () => {
    const other = table('etl_log', { origin: 'unknown' })
    expect(order([other])).toEqual([other.key])
  })

  it('breaks ties by name, then schema, then key', () => {
    const objects = [
      v('b'),
      view('a', { schema: 'reports' }),
      v('a'),
      fn('a', { args: 'int' }),
      fn('a', { args: 'date' }),
    ]
    expect(order(objects)).toEqual([
      'function:public.a(date)',
      'function:public.a(int)',
      'view:public.a',
      'view:reports.a',
      'view:public.b',
    ])
  })

  it('does not hang on cycles, keeps every key once, and puts a cycle after what it reads', () => {
    // x ⇄ y read base; a reads the cycle; z reads nothing; self-loop s.
    const objects = [v('a', 'x'), v('x', 'y', 'base'), v('y', 'x'), v('base'), v('z'), v('s', 's')]
    const keys = order(objects)
    expect(keys).toEqual([
      'view:public.base',
      'view:public.s',
      'view:public.x',
      'view:public.y',
      'view:public.a',
      'view:public.z',
    ])
  })

  it('orders a cycle of three as one group, deterministically whatever the input order', () => {
    const objects = [v('c', 'a'), v('a', 'b'), v('b', 'c'), v('d', 'c')]
    const first = order(objects)
    expect(first).toEqual(['view:public.a', 'view:public.b', 'view:public.c', 'view:public.d'])
    expect(order([...objects].reverse())).toEqual(first)
  })

  it('counts a repeated key once and leaves out objects without a mapping', () => {
    const a = v('a')
    const keys = migrationOrder([a, a, v('b')], new Map([[a.key, mapObjects([a]).get(a.key)!]]))
    expect(keys).toEqual([a.key])
  })

  it('handles a long chain without deep recursion', () => {
    const n = 20_000
    const objects = Array.from({ length: n }, (_, i) =>
      i === 0 ? v(`v${i}`) : v(`v${String(i)}`, `v${i - 1}`),
    ).reverse()
    const keys = topologicalOrder(objects)
    expect(keys).toHaveLength(n)
    expect(keys[0]).toBe('view:public.v0')
    expect(keys[n - 1]).toBe(`view:public.v${n - 1}`)
  })
})
