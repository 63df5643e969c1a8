import { describe, expect, it } from 'vitest'
import { sortsLikeC } from '../../../../src/main/engine/parity/pg-index-order'

const db = (row: Record<string, unknown>) => ({ datcollate: 'en_US.UTF-8', ...row })

describe('sortsLikeC', () => {
  it('follows the database for the default collation', () => {
    expect(sortsLikeC(null, db({ datcollate: 'C' }))).toBe(true)
    expect(sortsLikeC(null, db({ datcollate: 'C.UTF-8' }))).toBe(true)
    expect(sortsLikeC(null, db({ datcollate: 'C.utf8', datlocprovider: 'c' }))).toBe(true)
    expect(sortsLikeC(null, db({ datcollate: 'POSIX' }))).toBe(true)
    expect(sortsLikeC(null, db({}))).toBe(false)
    // An ICU database: its libc datcollate does not decide.
    expect(
      sortsLikeC(null, db({ datcollate: 'C', datlocprovider: 'i', daticulocale: 'en-US' })),
    ).toBe(false)
    // PostgreSQL 17's builtin provider.
    expect(sortsLikeC(null, db({ datlocprovider: 'b', datlocale: 'C.UTF-8' }))).toBe(true)
    expect(sortsLikeC({ collprovider: 'd' }, db({ datcollate: 'C' }))).toBe(true)
  })

  it('reads a column or index collation of its own', () => {
    const c = { collprovider: 'c', collcollate: 'C', collisdeterministic: true }
    expect(sortsLikeC(c, db({}))).toBe(true)
    expect(sortsLikeC({ ...c, collcollate: 'de_DE.utf8' }, db({ datcollate: 'C' }))).toBe(false)
    expect(sortsLikeC({ collprovider: 'i', colliculocale: 'en-US' }, db({ datcollate: 'C' }))).toBe(
      false,
    )
    expect(sortsLikeC({ collprovider: 'b', colllocale: 'C' }, db({}))).toBe(true)
    expect(sortsLikeC({ ...c, collisdeterministic: false }, db({}))).toBe(false)
  })
})
