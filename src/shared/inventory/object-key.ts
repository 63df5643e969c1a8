import type { InventoryObjectKind } from '../results/inventory-result'

/**
 * The stable key of an inventory object, `kind:schema.name`, with a function's argument types
 * (`function:public.get_iccm_summary(date, date)`) since functions may be overloaded. Decisions,
 * dependencies and the migration order refer to objects by it.
 */
export function objectKey(
  kind: InventoryObjectKind,
  schema: string,
  name: string,
  args?: string,
): string {
  const base = `${kind}:${schema}.${name}`
  return args === undefined ? base : `${base}(${args})`
}

/** The label people read: `schema.name`, the schema left out when it is `public`. */
export function objectLabel(o: { schema: string; name: string }): string {
  return o.schema === 'public' ? o.name : `${o.schema}.${o.name}`
}
