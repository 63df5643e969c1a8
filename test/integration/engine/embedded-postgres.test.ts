import { describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../support/test-postgres'

describe('the test harness PostgreSQL', () => {
  it('is a real server that gives each test its own database', async () => {
    const a = await createTestDatabase('harness')
    const b = await createTestDatabase('harness')
    expect(a.name).not.toBe(b.name)
    const client = await a.client()
    try {
      const { rows } = await client.query('SELECT current_database() AS db, version() AS v')
      expect(rows[0].db).toBe(a.name)
      expect(rows[0].v).toMatch(/^PostgreSQL 16/)
    } finally {
      await client.end()
      await a.drop()
      await b.drop()
    }
  })
})
