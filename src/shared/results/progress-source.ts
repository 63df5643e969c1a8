import { sameSeq, seqNumber } from '../couch-seq'
import { clipText, TEXT_LIMITS } from './common'

/**
 * Reading a pipeline's progress `source` values: couch2pg writes `host:port/db`
 * (`couchdb:5984/medic`, `192.168.1.20:5984/medic-sentinel`; the legacy `default-source`), CHT
 * Sync `host/db` (`couchdb/medic`). The host is how the pipeline reaches CouchDB, rarely the
 * address the wizard uses, so a source is matched to a CouchDB database by its name alone.
 */

/**
 * The CouchDB database a progress `source` names: its last path segment, percent-decoded, or
 * null when the value has no path (`default-source`) or an empty one.
 */
export function sourceDatabase(source: string): string | null {
  const trimmed = source.trim().replace(/\/+$/, '')
  const slash = trimmed.lastIndexOf('/')
  if (slash < 0) return null
  let name = trimmed.slice(slash + 1)
  try {
    name = decodeURIComponent(name)
  } catch {
    // A stray `%` is kept as written: the name is still the best guess.
  }
  return name === '' ? null : clipText(name, TEXT_LIMITS.short)
}

/**
 * The numeric prefix of a CouchDB sequence (`4711` of `4711-g1AAAA…`, `0` of `'0'`), for display
 * only: sequences are opaque and their prefixes cannot order two of them (reference 6.3).
 */
export function seqPrefix(seq: string | null): string | null {
  const n = seq === null ? null : seqNumber(seq)
  return n === null ? null : String(n)
}

/** True for the row a pipeline inserts before its first batch: sequence `0`, nothing read yet. */
export const isFirstSeq = (seq: string | null): boolean => seq !== null && sameSeq(seq.trim(), '0')
