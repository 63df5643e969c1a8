/**
 * What the Plan step inventories, and the ids its results are stored under in the project.
 */
export const INVENTORY_SOURCES = ['couch2pg', 'couchdb'] as const
export type InventorySource = (typeof INVENTORY_SOURCES)[number]

export const INVENTORY_RESULT_IDS: Readonly<Record<InventorySource, string>> = {
  couch2pg: 'inventory.couch2pg',
  couchdb: 'inventory.couchdb',
}

/** The checklist item both inventories are evidence for. */
export const INVENTORY_ITEM_ID = 'plan.inventory'
