import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Prng } from '../../../../src/main/engine/demo/generator/prng'
import {
  hashTextExtended,
  md5Hash64,
  pairHash,
  pairHashSql,
} from '../../../../src/main/engine/parity/pg-hash'
import { createTestDatabase } from '../../../support/test-postgres'

/**
 * The pair hash computed in Node equals what the run's real PostgreSQL computes, for both kinds,
 * over about 2,000 strings of every shape an id or a revision can take.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>
let client: pg.Client

beforeAll(async () => {
  db = await createTestDatabase('pghash')
  client = await db.client()
})
afterAll(async () => {
  await client.end()
  await db.drop()
})

const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyz0123456789-_:./',
  'ABCDEFabcdef0123456789',
  '\'"\\`%$ {}[]\t\n',
  'éàüßøñçÅ日本語中文한국어Ωπ',
  'e\u0301a\u0308o\u0302\u0327', // combining marks
  '😀🎉𝄞𐍈🀄\u{10FFFF}\u{1F9D1}\u200d\u{1F33E}', // astral characters and a joiner
]

function randomStrings(count: number): string[] {
  const rng = new Prng(20_261_201)
  const fixed = [
    '',
    'a',
    'org.couchdb.user:x',
    '_design/medic',
    '_design/medic-client',
    'O\'Brien "quoted"',
    'x'.repeat(1500),
    '😀'.repeat(400),
  ]
  const out = [...fixed]
  while (out.length < count) {
    const long = rng.next() < 0.03
    const length = long ? 1_024 + Math.floor(rng.next() * 2_000) : Math.floor(rng.next() * 40)
    let s = ''
    for (let i = 0; i < length; i++) {
      const alphabet = [...ALPHABETS[Math.floor(rng.next() * ALPHABETS.length)]!]
      s += alphabet[Math.floor(rng.next() * alphabet.length)]
    }
    out.push(s)
  }
  return out
}

describe('pair hashes in Node and on PostgreSQL', () => {
  const strings = randomStrings(2_000)

  it('hashtextextended(text, 0) and the md5 hash agree on ~2,000 strings', async () => {
    const { rows } = await client.query<{ i: number; h: string; m: string }>(
      `SELECT i::int, hashtextextended(s, 0)::text AS h,
              ('x' || left(md5(s), 16))::bit(64)::bigint::text AS m
         FROM unnest($1::text[]) WITH ORDINALITY AS t(s, i) ORDER BY i`,
      [strings],
    )
    expect(rows).toHaveLength(strings.length)
    const wrong = rows.filter(
      (r) =>
        hashTextExtended(strings[r.i - 1]!) !== BigInt(r.h) ||
        md5Hash64(strings[r.i - 1]!) !== BigInt(r.m),
    )
    expect(wrong.map((r) => strings[r.i - 1]!.slice(0, 40))).toEqual([])
  })

  it('hashtextextended with a non-zero seed agrees too', async () => {
    const sample = strings.slice(0, 200)
    const { rows } = await client.query<{ h: string }>(
      `SELECT hashtextextended(s, -42)::text AS h FROM unnest($1::text[]) WITH ORDINALITY t(s, i)
        ORDER BY i`,
      [sample],
    )
    expect(rows.map((r) => BigInt(r.h))).toEqual(sample.map((s) => hashTextExtended(s, -42n)))
  })

  it('pairHashSql computes pairHash for both kinds', async () => {
    const ids = strings.slice(0, 300)
    const revs = strings.slice(300, 600)
    for (const kind of ['hashtextextended', 'md5'] as const) {
      const { rows } = await client.query<{ h: string }>(
        `SELECT (${pairHashSql(kind, 'id', 'rev')})::text AS h
           FROM unnest($1::text[], $2::text[]) WITH ORDINALITY t(id, rev, i) ORDER BY i`,
        [ids, revs],
      )
      const hash = pairHash(kind)
      expect(rows.map((r) => BigInt.asUintN(64, BigInt(r.h)))).toEqual(
        ids.map((id, i) => hash(id, revs[i]!)),
      )
    }
  })
})
