import { TEXT_LIMITS } from '../../../shared/results/common'

/**
 * A document's text as `parity.document` shows it: pretty-printed JSON with its keys in one
 * order, bounded. Pure, so the three places' bodies are made alike the same way.
 */

/** CouchDB's own fields first (`_id`, `_rev`, then the other `_…` ones), then the rest. */
function keyOrder(a: string, b: string): number {
  const rank = (k: string) => (k === '_id' ? 0 : k === '_rev' ? 1 : k.startsWith('_') ? 2 : 3)
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** The value with every object's keys in `keyOrder`, so three copies read line by line. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys)
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value as Record<string, unknown>)
  return Object.fromEntries(
    entries.sort(([a], [b]) => keyOrder(a, b)).map(([k, v]) => [k, sortedKeys(v)]),
  )
}

/**
 * A body as shown: when the text is whole JSON, pretty-printed with its keys in one order (the
 * order of keys means nothing in a document, and PostgreSQL's `jsonb` reorders them anyway: the
 * same order in the three columns lets a person compare them line by line), then cut to the
 * bound. A body cut by the database (`cut`) stays as it came: half a document does not parse.
 */
export function bodyText(text: string, cut = false): { body: string; truncated: boolean } {
  let pretty = text
  if (!cut) {
    try {
      pretty = JSON.stringify(sortedKeys(JSON.parse(text)), null, 2)
    } catch {
      // Not JSON after all: shown as it is.
    }
  }
  const truncated = cut || pretty.length > TEXT_LIMITS.block
  return { body: pretty.slice(0, TEXT_LIMITS.block), truncated }
}
