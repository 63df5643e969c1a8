import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { quoteIdent, quoteLiteral } from '../../../src/shared/sql/quote'

const samples = ['medic', 'couch2pg "prod"', "o'brien", 'back\\slash', "both ' and \\", 'नेपाल', '']

describe('SQL quoting shared with the renderer', () => {
  it.each(samples)('quotes %j as pg.escapeIdentifier does', (s) => {
    expect(quoteIdent(s)).toBe(pg.escapeIdentifier(s))
  })
  it.each(samples)('quotes %j as pg.escapeLiteral does', (s) => {
    expect(quoteLiteral(s)).toBe(pg.escapeLiteral(s))
  })
})
