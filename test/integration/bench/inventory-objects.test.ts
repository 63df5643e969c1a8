import { afterEach, describe, expect, it } from 'vitest'
import { createInventoryObjects } from '../../../bench/support/inventory-objects'
import { inventoryOf } from '../../support/inventory-scan'
import { createTestDatabase } from '../../support/test-postgres'

/**
 * The benchmark's generated couch2pg database has exactly the number of objects asked for (the
 * issue's 1,000), whether what is left after the layered views is even or odd, and the inventory
 * lists every one of them.
 */
let drop: (() => Promise<void>) | null = null
afterEach(async () => {
  await drop?.()
  drop = null
})

describe('the inventory benchmark database', () => {
  it.each([1000, 1001])(
    'has exactly %i objects, all inventoried',
    async (target) => {
      const db = await createTestDatabase('bench_objects')
      drop = () => db.drop()
      const client = await db.client()
      try {
        expect(await createInventoryObjects(client, target)).toBe(target)
      } finally {
        await client.end()
      }
      const { details } = await inventoryOf(db.name)
      expect(details.objects).toHaveLength(target)
    },
    120_000,
  )
})
