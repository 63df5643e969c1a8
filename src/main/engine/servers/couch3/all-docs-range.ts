/**
 * PouchDB's storage bounds an unbounded `_all_docs` read at the internal key `'\xff'`, so ids
 * whose first character is above U+00FF (`中…`, `Ā…`, emoji) are left out of the listing, where
 * CouchDB lists every document. The layer gives such a request an explicit open end instead.
 *
 * (The memory adapter also orders ids by UTF-16 code units, so an id starting with a character
 * above U+FFFF sorts before U+E000–U+FFFF; CouchDB and the leveldb adapter use code-point order.
 * That is not corrected here.)
 */
const OPEN_END = JSON.stringify('\uffff\uffff')

/**
 * The request URL (path and query) with the open end added, or null when the request already
 * bounds that end or asks for given keys.
 */
export function withOpenEnd(url: URL): string | null {
  const params = new URLSearchParams(url.search)
  if (params.has('key') || params.has('keys')) return null
  const descending = params.get('descending') === 'true'
  const names = descending ? ['startkey', 'start_key'] : ['endkey', 'end_key']
  if (names.some((name) => params.has(name))) return null
  params.set(names[0]!, OPEN_END)
  return `${url.pathname}?${params.toString()}`
}
