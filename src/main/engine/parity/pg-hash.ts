import { createHash } from 'node:crypto'
import { PAIR_SEPARATOR, type PairHash } from './types'

/**
 * One 64-bit hash of an `(id, rev)` pair that Node and a PostgreSQL server compute identically,
 * so a segment's hash sum taken on a server can be compared with one taken in Node.
 *
 * - `hashtextextended`: PostgreSQL 11 and later. `hashtextextended(text, 0)` is Bob Jenkins'
 *   lookup3 (`hash_bytes_extended` in PostgreSQL's `src/common/hashfn.c`) over the text's UTF-8
 *   bytes, for text in a deterministic collation (we force `COLLATE "C"`). Ported below for
 *   little-endian servers (x86, ARM), whose word loads read bytes least significant first.
 * - `md5`: older servers. The first 16 hex digits of `md5(text)` as a signed 64-bit value, about
 *   twice as slow on the server.
 */
export type HashKind = 'hashtextextended' | 'md5'

/** The first server version (`server_version_num`) that has `hashtextextended`. */
const HASHTEXTEXTENDED_SINCE = 110000

/** The hash both servers of a comparison can compute, from the older one's `server_version_num`. */
export function hashKindFor(serverVersionNum: number): HashKind {
  return serverVersionNum >= HASHTEXTEXTENDED_SINCE ? 'hashtextextended' : 'md5'
}

const rot = (x: number, k: number): number => (x << k) | (x >>> (32 - k))

/**
 * `hash_bytes_extended(bytes, seed)` as an unsigned 64-bit value. State words are kept as int32
 * (`| 0`): additions, subtractions and xors wrap exactly as C's uint32 arithmetic does.
 */
export function lookup3Extended(bytes: Uint8Array, seed = 0n): bigint {
  const length = bytes.length
  let a = (0x9e3779b9 + length + 3923095) | 0
  let b = a
  let c = a
  const mix = () => {
    a = (a - c) | 0
    a ^= rot(c, 4)
    c = (c + b) | 0
    b = (b - a) | 0
    b ^= rot(a, 6)
    a = (a + c) | 0
    c = (c - b) | 0
    c ^= rot(b, 8)
    b = (b + a) | 0
    a = (a - c) | 0
    a ^= rot(c, 16)
    c = (c + b) | 0
    b = (b - a) | 0
    b ^= rot(a, 19)
    a = (a + c) | 0
    c = (c - b) | 0
    c ^= rot(b, 4)
    b = (b + a) | 0
  }
  if (seed !== 0n) {
    // The seed acts as one more 12-byte block: high word into a, low word into b.
    a = (a + Number(BigInt.asUintN(32, seed >> 32n))) | 0
    b = (b + Number(BigInt.asUintN(32, seed))) | 0
    mix()
  }
  // Little-endian word at `i` (bytes beyond the key count as zero).
  const word = (i: number, n: number): number => {
    let w = 0
    for (let j = 0; j < n; j++) w |= bytes[i + j]! << (8 * j)
    return w
  }
  let i = 0
  let left = length
  while (left >= 12) {
    a = (a + word(i, 4)) | 0
    b = (b + word(i + 4, 4)) | 0
    c = (c + word(i + 8, 4)) | 0
    mix()
    i += 12
    left -= 12
  }
  // The tail: up to 4 bytes into a, 4 into b, 3 into the upper bytes of c (its lowest byte is
  // reserved for the length in lookup3's design).
  if (left > 0) a = (a + word(i, Math.min(4, left))) | 0
  if (left > 4) b = (b + word(i + 4, Math.min(4, left - 4))) | 0
  if (left > 8) c = (c + (word(i + 8, left - 8) << 8)) | 0
  // final(a, b, c)
  c ^= b
  c = (c - rot(b, 14)) | 0
  a ^= c
  a = (a - rot(c, 11)) | 0
  b ^= a
  b = (b - rot(a, 25)) | 0
  c ^= b
  c = (c - rot(b, 16)) | 0
  a ^= c
  a = (a - rot(c, 4)) | 0
  b ^= a
  b = (b - rot(a, 14)) | 0
  c ^= b
  c = (c - rot(b, 24)) | 0
  return (BigInt(b >>> 0) << 32n) | BigInt(c >>> 0)
}

/** `hashtextextended(text, seed)` as PostgreSQL returns it: a signed 64-bit value. */
export function hashTextExtended(text: string, seed = 0n): bigint {
  return BigInt.asIntN(64, lookup3Extended(Buffer.from(text, 'utf8'), seed))
}

/** `hashtextextended(text, seed)` as an unsigned 64-bit value (what segment sums add up). */
export function hashTextExtendedUnsigned(text: string, seed = 0n): bigint {
  return lookup3Extended(Buffer.from(text, 'utf8'), seed)
}

/** `('x' || left(md5(text), 16))::bit(64)::bigint`: signed, as PostgreSQL returns it. */
export function md5Hash64(text: string): bigint {
  const hex = createHash('md5').update(text, 'utf8').digest('hex').slice(0, 16)
  return BigInt.asIntN(64, BigInt(`0x${hex}`))
}

/**
 * The pair hash of `kind` as an unsigned 64-bit value, over `id + PAIR_SEPARATOR + rev`: the
 * same text `pairHashSql` hashes on the server.
 */
export function pairHash(kind: HashKind): PairHash {
  if (kind === 'md5') {
    return (id, rev) => BigInt.asUintN(64, md5Hash64(id + PAIR_SEPARATOR + rev))
  }
  return (id, rev) => hashTextExtendedUnsigned(id + PAIR_SEPARATOR + rev)
}

/** `chr(31)`: the separator as SQL, so statements carry no control character. */
const SEPARATOR_SQL = `chr(${PAIR_SEPARATOR.codePointAt(0)})`

/**
 * The SQL expression (a signed `bigint`) of the pair hash of `kind` for two text expressions of
 * the caller's (already quoted) SQL. The text is put in `COLLATE "C"` so that a column with a
 * nondeterministic collation is still hashed by its bytes.
 */
export function pairHashSql(kind: HashKind, idExpr: string, revExpr: string): string {
  const text = `((${idExpr}) || ${SEPARATOR_SQL} || (${revExpr})) COLLATE "C"`
  return kind === 'md5'
    ? `('x' || left(md5(${text}), 16))::bit(64)::bigint`
    : `hashtextextended(${text}, 0)`
}
