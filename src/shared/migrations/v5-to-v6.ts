import { emptyInventorySettings } from '../inventory/decisions'

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Schema 5 → 6: adds the Plan step's decisions (none) and drops any stored result of kind
 * `inventory` (schema 5 had only a placeholder shape for it and no build stored one; a scan
 * recreates it). Every other result is kept as it is.
 */
export function migrateV5toV6(doc: Record<string, unknown>): Record<string, unknown> {
  const results = isRecord(doc.results) ? doc.results : {}
  const kept = Object.fromEntries(
    Object.entries(results).filter(
      ([, r]) => !(isRecord(r) && isRecord(r.details) && r.details.kind === 'inventory'),
    ),
  )
  return { ...doc, results: kept, inventory: emptyInventorySettings() }
}
