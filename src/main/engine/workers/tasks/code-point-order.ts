/**
 * Compares two strings by Unicode code point, which is the byte order of their UTF-8 encoding:
 * the order PostgreSQL's `COLLATE "C"` and CouchDB's raw collation agree on, whatever either
 * server's locale. JavaScript's `<` compares UTF-16 code units instead, which puts characters
 * above U+FFFF (stored as surrogate pairs, 0xD800–0xDFFF) before those from U+E000 to U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i)
    let y = b.charCodeAt(i)
    if (x === y) continue
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (astral characters) move above U+E000–U+FFFF; the rest keeps its order.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000
    }
    return x - y
  }
  return a.length - b.length
}
