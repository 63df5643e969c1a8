/**
 * Quoting for text pasted into a POSIX shell, a Docker Compose `.env` file and a libpq
 * connection string, so that a value from the project (a user name, a path, a host) means the
 * same there as here and never runs as a command. SQL quoting is in ../sql/quote.ts.
 */

/** Characters a shell word may hold without quotes. */
const SHELL_PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/

/** A single shell word: bare when plain, else in single quotes (a `'` becomes `'\''`). */
export function shellQuote(value: string): string {
  if (SHELL_PLAIN.test(value)) return value
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/** Characters a `.env` value may hold without quotes (no `#`, spaces, quotes or `$`). */
const ENV_PLAIN = /^[A-Za-z0-9_@%+=:,./-]*$/

/**
 * A value for a Docker Compose `.env` line: bare when plain; in single quotes (taken literally
 * by Compose, no interpolation) when it holds no `'`; otherwise in double quotes with `\`, `"`
 * escaped and `$` doubled (Compose interpolates `$` in double quotes). Null for a value with a
 * line break, which no `.env` line can hold.
 */
export function envQuote(value: string): string | null {
  if (/[\r\n]/.test(value)) return null
  if (ENV_PLAIN.test(value)) return value
  if (!value.includes("'")) return `'${value}'`
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '$$$$')}"`
}

/** A libpq keyword value: bare when plain, else in single quotes with `\` and `'` escaped. */
function conninfoValue(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_.:/@-]+$/.test(value)) return value
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/** A libpq connection string (`host=… port=… dbname=… user=…`), never with a password. */
export function conninfo(fields: Record<string, string | number | null | undefined>): string {
  return Object.entries(fields)
    .filter((e): e is [string, string | number] => e[1] !== null && e[1] !== undefined)
    .map(([key, value]) => `${key}=${conninfoValue(String(value))}`)
    .join(' ')
}
