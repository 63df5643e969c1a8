/**
 * SQL quoting without the `pg` driver, for code shared with the renderer (plans shown and copied
 * before anything runs). The same rules as `pg.escapeIdentifier` and `pg.escapeLiteral`.
 */

/** `"name"`, with embedded double quotes doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/**
 * `'text'`, with embedded single quotes doubled; a value holding a backslash becomes an escape
 * string (` E'…'`) with its backslashes doubled, so it means the same whatever
 * `standard_conforming_strings` is.
 */
export function quoteLiteral(text: string): string {
  const body = text.replace(/'/g, "''")
  return text.includes('\\') ? ` E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`
}
