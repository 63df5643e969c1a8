import { z } from 'zod'
import { lineText, shortText, TEXT_LIMITS } from './common'

/**
 * The typed details of an inventory of the couch2pg database (`kind: 'inventory'`): one stored
 * result holding every object found and what the SQL analysis learnt of it. The inventory issue
 * fills these in; decisions about objects are the user's and live elsewhere in the project, so a
 * new scan never overwrites them.
 */
export const INVENTORY_OBJECT_KINDS = [
  'table',
  'view',
  'materialized_view',
  'function',
  'procedure',
  'index',
  'trigger',
  'sequence',
  'extension',
] as const

export const OBJECT_ORIGINS = ['couch2pg', 'custom', 'unknown'] as const

export const inventoryObjectSchema = z.object({
  schema: shortText,
  name: shortText,
  kind: z.enum(INVENTORY_OBJECT_KINDS),
  owner: shortText.nullable(),
  definition: z.string().max(TEXT_LIMITS.block).nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  rows: z.number().int().nonnegative().nullable(),
  /** `schema.name` of the objects this one reads or calls, and of those that read it. */
  dependsOn: z.array(shortText).max(500),
  usedBy: z.array(shortText).max(500),
  origin: z.enum(OBJECT_ORIGINS),
  /** Null when readable; otherwise why the wizard could not read it. */
  unreadable: lineText.nullable(),
  analysis: z
    .object({
      jsonPaths: z.array(shortText).max(500),
      filters: z.array(z.object({ path: shortText, values: z.array(shortText).max(100) })).max(100),
      references: z.array(shortText).max(500),
      /** Why a person must read this one (PL/pgSQL, dynamic SQL…), or null. */
      manualReview: lineText.nullable(),
    })
    .nullable(),
})
export type InventoryObject = z.infer<typeof inventoryObjectSchema>

export const inventoryDetailsSchema = z.object({
  kind: z.literal('inventory'),
  objects: z.array(inventoryObjectSchema).max(50_000),
})
export type InventoryDetails = z.infer<typeof inventoryDetailsSchema>
