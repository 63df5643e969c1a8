import hljs from 'highlight.js/lib/core'
import pgsql from 'highlight.js/lib/languages/pgsql'

/**
 * SQL definitions as highlighted HTML for the Plan step's detail pane.
 *
 * Only highlight.js's core and its PostgreSQL grammar are loaded. highlight.js escapes every
 * character of the text it is given (`&`, `<`, `>`, `"`, `'`) and adds nothing but
 * `<span class="hljs-…">` around tokens, so a definition read from a server can never become
 * markup; styles come from classes in plan.css (no inline styles: the CSP, SEC-05).
 */

if (!hljs.getLanguage('pgsql')) hljs.registerLanguage('pgsql', pgsql)

/** Past this many characters a definition is shown as plain text (highlighting would lag). */
export const HIGHLIGHT_LIMIT = 60_000

/**
 * The definition as HTML with highlight.js's token classes, or null when it is too long to
 * highlight (the caller then shows the text as it is, escaped by React).
 */
export function highlightSql(sql: string): string | null {
  if (sql.length > HIGHLIGHT_LIMIT) return null
  return hljs.highlight(sql, { language: 'pgsql', ignoreIllegals: true }).value
}
