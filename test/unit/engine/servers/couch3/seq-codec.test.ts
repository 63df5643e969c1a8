import { describe, expect, it } from 'vitest'
import {
  createSeqCodec,
  MALFORMED_SINCE_REASON,
} from '../../../../../src/main/engine/servers/couch3/seq-codec'

const UUID = 'b1c6f3f0a9d24e0f8f0f3c2a1d4e5f60'
const codec = createSeqCodec(UUID)

/** Replaces one character of the opaque part with another valid base64url character. */
function tamper(seq: string, at = 20): string {
  const i = seq.indexOf('-') + at
  return seq.slice(0, i) + (seq[i] === 'A' ? 'B' : 'A') + seq.slice(i + 1)
}

describe('the sequence codec', () => {
  it('writes <number>-<opaque> shaped like CouchDB 3 sequences', () => {
    for (const n of [0, 1, 2342, 1_000_000]) {
      const seq = codec.encode('medic', n)
      expect(seq).toMatch(/^\d+-[A-Za-z0-9_-]{40,}$/)
      expect(seq.startsWith(`${n}-g1AAAA`)).toBe(true)
      const opaque = seq.slice(seq.indexOf('-') + 1)
      expect(opaque.length).toBeGreaterThanOrEqual(60)
      expect(opaque.length).toBeLessThanOrEqual(100)
    }
    expect(codec.purgeSeq('medic')).toMatch(/^0-g1AAAA[A-Za-z0-9_-]{40,}$/)
  })

  it('is deterministic per server, database and number, and differs otherwise', () => {
    const seq = codec.encode('medic', 7)
    expect(createSeqCodec(UUID).encode('medic', 7)).toBe(seq)
    expect(createSeqCodec('0'.repeat(32)).encode('medic', 7)).not.toBe(seq)
    expect(codec.encode('medic-sentinel', 7)).not.toBe(seq)
    expect(codec.encode('medic', 8).slice(2)).not.toBe(seq.slice(2))
  })

  it('reads back the sequences it wrote for the same database', () => {
    for (const db of ['medic', 'medic-sentinel', '_users', 't_ab12_medic']) {
      for (const n of [0, 1, 99, 123_456]) {
        const seq = codec.encode(db, n)
        expect(codec.parseSince(db, seq)).toBe(n)
        expect(codec.parseSince(db, `"${seq}"`)).toBe(n)
      }
    }
  })

  it('accepts 0 and now in the forms clients send them', () => {
    for (const zero of [0, '0', '"0"', undefined]) expect(codec.parseSince('medic', zero)).toBe(0)
    for (const now of ['now', '"now"']) expect(codec.parseSince('medic', now)).toBe('now')
  })

  it('refuses what CouchDB 3 calls malformed', () => {
    const seq = codec.encode('medic', 42)
    const refused = [
      '42',
      42,
      '1',
      '',
      'abc',
      'later',
      null,
      true,
      { seq },
      [42, seq],
      tamper(seq),
      tamper(seq, 70),
      seq.slice(0, -1),
      `${seq}A`,
      `43${seq.slice(2)}`,
      codec.encode('medic-sentinel', 42),
      createSeqCodec('f'.repeat(32)).encode('medic', 42),
      codec.purgeSeq('medic'),
      `99999999999999999${seq.slice(2)}`,
    ]
    for (const since of refused) {
      expect(codec.parseSince('medic', since), JSON.stringify(since)).toBeNull()
    }
    expect(MALFORMED_SINCE_REASON).toBe("Malformed sequence supplied in 'since' parameter.")
  })
})
