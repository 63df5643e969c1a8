import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import type { InventoryObject, ObjectMapping } from '../../../../shared/results/inventory-result'
import { chooseBaseModels } from './base-models'
import { complexityFacts, complexityOf } from './complexity'
import { knownMapping } from './couch2pg-objects'
import { leftoverOf } from './leftover'
import { topologicalOrder } from './migration-order'
import { customDepths } from './custom-depth'
import { indexByKey, isMappedKind } from './object-graph'

/**
 * How each table, view, materialized view, function and procedure maps onto CHT Sync and
 * cht-pipeline, keyed by object key (indexes, triggers, sequences and extensions get none).
 *
 * couch2pg's own objects map as reference 7 says (`COUCH2PG_MAPPINGS`; one changed from couch2pg's
 * definition is at least `medium`, and its leftover says so). Every other object gets
 * the base models that cover what it reads (`chooseBaseModels`), what they leave uncovered
 * (`leftoverOf`) and a complexity band with its reasons (`complexityOf`). Objects are mapped
 * upstream first, so one reading a custom view inherits that view's models; inside a cycle of
 * dependencies an object may not see the models of the ones mapped after it.
 */
export function mapObjects(objects: readonly InventoryObject[]): Map<string, ObjectMapping> {
  const byKey = indexByKey(objects)
  const depths = customDepths(objects)
  const mappings = new Map<string, ObjectMapping>()
  for (const key of topologicalOrder(objects.filter(isMappedKind))) {
    const object = byKey.get(key)!
    mappings.set(key, mapOne(object, byKey, mappings, depths.get(key) ?? 0))
  }
  return mappings
}

function mapOne(
  object: InventoryObject,
  byKey: Map<string, InventoryObject>,
  mappings: ReadonlyMap<string, ObjectMapping>,
  depth: number,
): ObjectMapping {
  const known = object.origin.origin === 'couch2pg' ? knownMapping(object) : null
  if (known) {
    if (!object.origin.modified) {
      return {
        models: [...known.models],
        forms: [],
        leftover: known.leftover,
        complexity: known.complexity,
        reasons: [known.reason],
      }
    }
    // Someone changed couch2pg's object: what replaces it may not hold the change.
    const changed = `It differs from couch2pg's definition${object.origin.note ? ` (${object.origin.note})` : ''}: check that the replacement holds the change.`
    return {
      models: [...known.models],
      forms: [],
      leftover: clipText([known.leftover, changed].filter(Boolean).join(' '), TEXT_LIMITS.line),
      complexity: known.complexity === 'simple' ? 'medium' : known.complexity,
      reasons: [known.reason, "Modified from couch2pg's definition."],
    }
  }
  const choice = chooseBaseModels(object, byKey, mappings)
  return {
    models: choice.models,
    forms: choice.forms,
    leftover: leftoverOf(object, choice),
    ...complexityOf(complexityFacts(object, depth)),
  }
}
