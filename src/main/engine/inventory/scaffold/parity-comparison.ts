import { objectLabel } from '../../../../shared/inventory/object-key'
import type { ModelDefinition } from '../../../../shared/parity-definitions'
import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import type { InventoryObject } from '../../../../shared/results/inventory-result'
import { keyColumnOf } from './key-column'

const MAX_IDENTIFIER = 63
const MAX_COLUMNS = 1_600
const TIMESTAMP = /^timestamp\b/i

/**
 * The prepared Parity comparison of an object rebuilt as `modelName` in `target.schema`: the old
 * relation against the new model, matched on the object's key column (`keyColumnOf`: `uuid`,
 * `_id` or `id`, else a one-column unique index among `objects`), comparing every other column
 * under the same name (the scaffold keeps the old column names). Timestamps are compared to the
 * second, as cht-pipeline's `reported` drops milliseconds. Its id is `inventory.<modelName>`.
 *
 * Null when there is nothing to compare row by row: a function or procedure (not a relation: its
 * output needs a query with arguments), an object with no key column (rows cannot be matched),
 * or names longer than PostgreSQL's 63 characters.
 */
export function parityComparisonFor(
  object: InventoryObject,
  modelName: string,
  target: { schema: string },
  objects: readonly InventoryObject[] = [],
): ModelDefinition | null {
  if (object.kind !== 'table' && object.kind !== 'view' && object.kind !== 'materialized_view') {
    return null
  }
  const key = keyColumnOf(object, objects)
  const names = [object.schema, object.name, target.schema, modelName]
  if (key === null || names.some((n) => n.length === 0 || n.length > MAX_IDENTIFIER)) return null
  const columns = object.columns
    .filter((c) => c.name !== key && c.name.length <= MAX_IDENTIFIER)
    .slice(0, MAX_COLUMNS)
    .map((c) =>
      TIMESTAMP.test(c.type)
        ? { old: c.name, new: c.name, tolerance: { unit: 'second' as const } }
        : { old: c.name, new: c.name },
    )
  return {
    id: clipText(`inventory.${modelName}`, TEXT_LIMITS.short),
    title: clipText(`${objectLabel(object)} → ${modelName}`, TEXT_LIMITS.short),
    old: { kind: 'relation', schema: object.schema, name: object.name },
    new: { kind: 'relation', schema: target.schema, name: modelName },
    keys: [{ old: key, new: key }],
    columns,
    nullEqualsNull: true,
  }
}
