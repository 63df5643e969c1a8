import type { InventoryObject } from '../../../../shared/results/inventory-result'
import { topologicalOrder } from './migration-order'
import { indexByKey, isCustom, isMappedKind } from './object-graph'

/**
 * The longest chain of custom objects upstream of each mapped object (0: none; a view over a
 * custom view over a custom view: 2), worked out upstream first without recursion. Inside a cycle
 * an object does not count the members ordered after it, so a cycle never counts twice.
 */
export function customDepths(objects: readonly InventoryObject[]): Map<string, number> {
  const byKey = indexByKey(objects)
  const depths = new Map<string, number>()
  for (const key of topologicalOrder(objects.filter(isMappedKind))) {
    let depth = 0
    for (const dep of byKey.get(key)!.dependsOn) {
      const upstream = byKey.get(dep)
      const below = depths.get(dep)
      if (!upstream || below === undefined || !isCustom(upstream)) continue
      depth = Math.max(depth, 1 + below)
    }
    depths.set(key, depth)
  }
  return depths
}
