import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Opaque CouchDB 3 sequences for the demo server.
 *
 * CouchDB 2 and 3 answer sequences as `<number>-<opaque>`, where the opaque part is a base64url
 * Erlang term listing every shard's position (`2342-g1AAAAFxeJzL…`). Clients must store them as
 * text and pass them back verbatim; the number is only roughly the count of updates. The demo
 * server writes its own: the number is PouchDB's integer sequence, and the opaque part is a keyed
 * hash of (server uuid, database, number), shaped like CouchDB's (it starts with the same
 * `g1AAAA` bytes of a compressed Erlang term). It is a tamper check, not a secret: the uuid is
 * public in `GET /`, but a client that builds, edits or moves a sequence between databases gets
 * the answer CouchDB gives, and so does a client that sends a bare integer.
 */
export interface SeqCodec {
  /** The sequence this server writes for PouchDB sequence `n` of `db`. */
  encode(db: string, n: number): string
  /** CouchDB 3's `purge_seq` of `db` (the demo never purges: always number 0). */
  purgeSeq(db: string): string
  /**
   * Reads a `since` value sent for `db`: PouchDB's number, `'now'`, or null when CouchDB would
   * answer "Malformed sequence" (a bare integer other than 0, another database's or another
   * server's sequence, an edited one). A missing value (undefined) means 0.
   */
  parseSince(db: string, since: unknown): number | 'now' | null
}

/** The reason CouchDB 3 gives (HTTP 400, `bad_request`) for a `since` it cannot read. */
export const MALFORMED_SINCE_REASON = "Malformed sequence supplied in 'since' parameter."

// The first bytes of `term_to_binary(Term, [compressed])`: version 131, tag 80 (compressed), a
// four-byte uncompressed size (under 4096 here, so the text starts `g1AAAA` like CouchDB's), then
// a zlib header; the rest is the hash.
const TERM_HEADER = [0x83, 0x50, 0x00, 0x00]
const ZLIB_HEADER = [0x78, 0x9c]
const HASH_BYTES = 55
const SEQ_PATTERN = /^"?(\d{1,16})-([A-Za-z0-9_-]{1,200})"?$/

/** A codec keyed by this server's uuid (`GET /` shows it; keep it stable to keep sequences valid). */
export function createSeqCodec(serverUuid: string): SeqCodec {
  const opaque = (kind: string, db: string, n: number): string => {
    const mac = createHmac('sha512', serverUuid).update(`${kind}\0${db}\0${n}`).digest()
    const bytes = Buffer.concat([
      Buffer.from([...TERM_HEADER, mac[0]! & 0x0f, mac[1]!, ...ZLIB_HEADER]),
      mac.subarray(2, 2 + HASH_BYTES),
    ])
    return bytes.toString('base64url')
  }
  return {
    encode: (db, n) => `${n}-${opaque('seq', db, n)}`,
    purgeSeq: (db) => `0-${opaque('purge', db, 0)}`,
    parseSince(db, since) {
      if (since === undefined || since === 0 || since === '0' || since === '"0"') return 0
      if (since === 'now' || since === '"now"') return 'now'
      if (typeof since !== 'string') return null
      const match = SEQ_PATTERN.exec(since)
      if (!match) return null
      const n = Number(match[1])
      if (!Number.isSafeInteger(n)) return null
      const given = Buffer.from(match[2]!)
      const expected = Buffer.from(opaque('seq', db, n))
      return given.length === expected.length && timingSafeEqual(given, expected) ? n : null
    },
  }
}
