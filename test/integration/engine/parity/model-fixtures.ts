import type pg from 'pg'
import type { ModelSide, ModelSource } from '../../../../src/main/engine/parity/model-types'
import { createTestDatabase } from '../../../support/test-postgres'
import { harnessPools } from '../../../support/test-pools'

/**
 * Two databases of the run's PostgreSQL standing in for couch2pg's and CHT Sync's servers: an
 * admin client on each to build fixtures, and the engine's read-only pools to compare through.
 */
export interface TwoSides {
  oldAdmin: pg.Client
  newAdmin: pg.Client
  oldPool: pg.Pool
  newPool: pg.Pool
  side(which: 'old' | 'new', source: ModelSource): ModelSide
  close(): Promise<void>
}

export async function twoSides(prefix: string): Promise<TwoSides> {
  const [oldDb, newDb] = await Promise.all([
    createTestDatabase(`${prefix}_old`),
    createTestDatabase(`${prefix}_new`),
  ])
  const [oldAdmin, newAdmin] = await Promise.all([oldDb.client(), newDb.client()])
  const oldHarness = harnessPools(oldDb.name)
  const newHarness = harnessPools(newDb.name)
  const [oldPool, newPool] = await Promise.all([oldHarness.pool(), newHarness.pool()])
  return {
    oldAdmin,
    newAdmin,
    oldPool,
    newPool,
    side: (which, source) => ({
      pool: which === 'old' ? oldPool : newPool,
      label: which,
      endpoint: which === 'old' ? 'couch2pg' : 'chtSync',
      source,
    }),
    close: async () => {
      await Promise.all([oldHarness.close(), newHarness.close()])
      await Promise.all([oldAdmin.end(), newAdmin.end()])
      await Promise.all([oldDb.drop(), newDb.drop()])
    },
  }
}

/** `public.name` as a relation source. */
export const rel = (name: string, schema = 'public'): ModelSource => ({
  kind: 'relation',
  schema,
  name,
})
