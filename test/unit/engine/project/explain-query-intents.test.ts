import { describe, expect, it } from 'vitest'
import { applyIntents } from '../../../../src/main/engine/project/apply-intents'
import { EXPLAIN_QUERY_LIMIT } from '../../../../src/shared/checks/check-settings'
import { intentSchema } from '../../../../src/shared/intents'
import { AppError } from '../../../../src/shared/result'
import { sampleDocument } from '../../../support/project-fixtures'

let ids = 0
const ctx = {
  who: 'amina',
  now: new Date('2026-12-01T10:00:00Z'),
  isKnownItem: () => true,
  newId: () => `query-${++ids}`,
}
const add = (label: string, sql: string) =>
  ({ type: 'checks.setExplainQuery', label, sql }) as const

describe('the dashboard query intents', () => {
  it('adds queries with new ids, in order, and updates one in place by id', () => {
    let doc = applyIntents(
      sampleDocument(),
      [add('ANC visits', 'SELECT count(*) FROM v1.data_record'), add('Births', 'SELECT 1')],
      ctx,
    )
    const [first, second] = doc.checks.explainQueries
    expect(first).toEqual({
      id: expect.stringMatching(/^query-/),
      label: 'ANC visits',
      sql: 'SELECT count(*) FROM v1.data_record',
    })
    expect(second!.id).not.toBe(first!.id)
    doc = applyIntents(
      doc,
      [
        {
          type: 'checks.setExplainQuery',
          id: first!.id,
          label: 'ANC visits (month)',
          sql: 'SELECT 2',
        },
      ],
      ctx,
    )
    expect(doc.checks.explainQueries.map((q) => [q.id, q.label, q.sql])).toEqual([
      [first!.id, 'ANC visits (month)', 'SELECT 2'],
      [second!.id, 'Births', 'SELECT 1'],
    ])
  })

  it('removes a query by id and leaves the others', () => {
    const doc = applyIntents(sampleDocument(), [add('a', 'SELECT 1'), add('b', 'SELECT 2')], ctx)
    const [a, b] = doc.checks.explainQueries
    const after = applyIntents(doc, [{ type: 'checks.removeExplainQuery', id: a!.id }], ctx)
    expect(after.checks.explainQueries).toEqual([b])
    expect(doc.checks.explainQueries).toHaveLength(2)
  })

  it('refuses to update or remove an unknown id, changing nothing', () => {
    const doc = applyIntents(sampleDocument(), [add('a', 'SELECT 1')], ctx)
    for (const intent of [
      { type: 'checks.setExplainQuery', id: 'nope', label: 'x', sql: 'SELECT 1' } as const,
      { type: 'checks.removeExplainQuery', id: 'nope' } as const,
    ]) {
      let error: unknown
      try {
        applyIntents(doc, [add('b', 'SELECT 2'), intent], ctx)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('NOT_FOUND')
    }
    expect(doc.checks.explainQueries.map((q) => q.label)).toEqual(['a'])
  })

  it(`keeps at most ${EXPLAIN_QUERY_LIMIT} queries`, () => {
    const full = applyIntents(
      sampleDocument(),
      Array.from({ length: EXPLAIN_QUERY_LIMIT }, (_, i) => add(`q${i}`, `SELECT ${i}`)),
      ctx,
    )
    expect(full.checks.explainQueries).toHaveLength(EXPLAIN_QUERY_LIMIT)
    expect(() => applyIntents(full, [add('one more', 'SELECT 0')], ctx)).toThrow()
    const replaced = applyIntents(
      full,
      [{ ...add('same id', 'SELECT 42'), id: full.checks.explainQueries[0]!.id }],
      ctx,
    )
    expect(replaced.checks.explainQueries[0]!.sql).toBe('SELECT 42')
  })

  it('validates label and SQL on the way in: trimmed, not blank, bounded', () => {
    const parsed = intentSchema.parse(add('  ANC  ', '  SELECT 1  '))
    expect(parsed).toMatchObject({ label: 'ANC', sql: 'SELECT 1' })
    expect(intentSchema.safeParse(add('   ', 'SELECT 1')).success).toBe(false)
    expect(intentSchema.safeParse(add('a', '  ')).success).toBe(false)
    expect(intentSchema.safeParse(add('a'.repeat(201), 'SELECT 1')).success).toBe(false)
    expect(intentSchema.safeParse(add('a', 'x'.repeat(20_001))).success).toBe(false)
  })
})
