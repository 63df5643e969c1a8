import { describe, expect, it } from 'vitest'
import {
  dependencyNeighbourhood,
  layoutNeighbourhood,
  NODE_WIDTH,
} from '../../../../src/renderer/src/lib/inventory-graph'
import { objectsByKey } from '../../../../src/renderer/src/lib/inventory-view'
import { obj, smallInventory } from './fixtures'

describe('the dependency graph', () => {
  it('walks what an object reads and what reads it, with unknown keys marked', () => {
    const inv = smallInventory()
    const byKey = objectsByKey(inv.objects)
    const metadata = inv.objects[1]!
    const n = dependencyNeighbourhood(metadata, byKey)
    const sides = Object.fromEntries(n.members.map((m) => [m.label, [m.side, m.depth, m.known]]))
    expect(sides).toEqual({
      contactview_metadata: ['focus', 0, true],
      couchdb: ['upstream', 1, true],
      // The raw table's other reader is neither upstream nor downstream of this view.
      get_form_submissions: ['downstream', 1, true],
    })
    expect(n.edges).toEqual(
      expect.arrayContaining([
        { from: 'table:public.couchdb', to: metadata.key },
        { from: metadata.key, to: 'function:public.get_form_submissions(date)' },
      ]),
    )
    expect(n.edges).toHaveLength(2)
    const fn = dependencyNeighbourhood(inv.objects[3]!, byKey)
    expect(fn.members.find((m) => m.key === 'view:public.gone_view')).toMatchObject({
      known: false,
      kind: null,
      label: 'gone_view',
      side: 'upstream',
    })
  })

  it('stops at its depth and size limits and counts what it left out', () => {
    // A chain v0 ← v1 ← … ← v9: each reads the one before.
    const chain = Array.from({ length: 10 }, (_, i) =>
      obj('view', `v${i}`, {
        dependsOn: i > 0 ? [`view:public.v${i - 1}`] : [],
        usedBy: i < 9 ? [`view:public.v${i + 1}`] : [],
      }),
    )
    const byKey = objectsByKey(chain)
    const n = dependencyNeighbourhood(chain[5]!, byKey, { depth: 2 })
    expect(n.members.map((m) => m.label).sort()).toEqual(['v3', 'v4', 'v5', 'v6', 'v7'])
    expect(n.hidden).toBe(2)
    const wide = obj('table', 'raw', {
      usedBy: Array.from({ length: 30 }, (_, i) => `view:public.w${i}`),
    })
    const limited = dependencyNeighbourhood(wide, objectsByKey([wide]), { limit: 5 })
    expect(limited.members).toHaveLength(6)
    expect(limited.hidden).toBe(25)
  })

  it('lays the graph out left to right: what is read before what reads it', () => {
    const inv = smallInventory()
    const byKey = objectsByKey(inv.objects)
    const layout = layoutNeighbourhood(dependencyNeighbourhood(inv.objects[1]!, byKey))
    const x = (label: string) => layout.nodes.find((n) => n.label === label)!.x
    expect(x('couchdb')).toBeLessThan(x('contactview_metadata'))
    expect(x('contactview_metadata')).toBeLessThan(x('get_form_submissions'))
    expect(layout.width).toBeGreaterThanOrEqual(3 * NODE_WIDTH)
    for (const e of layout.edges) expect(e.path).toMatch(/^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+)+$/)
    const long = layoutNeighbourhood({
      members: [
        {
          key: 'k',
          label: 'a_really_long_view_name_that_goes_on',
          kind: 'view',
          side: 'focus',
          depth: 0,
          known: true,
        },
      ],
      edges: [],
      hidden: 0,
    })
    expect(long.nodes[0]!.shortLabel).toBe('a_really_long_view_na…')
  })
})
