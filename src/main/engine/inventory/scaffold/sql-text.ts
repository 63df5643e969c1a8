/**
 * Text that goes into a dbt model: identifiers, literals and JSON paths made safe for SQL, and
 * anything copied from the old database made inert for Jinja, which dbt renders before the SQL
 * (even inside SQL comments).
 */

const JINJA = /\{[{%#]|[}%#]\}/

/** Whether text holds a Jinja delimiter (`{{`, `{%`, `{#` or their ends). */
export const hasJinja = (text: string): boolean => JINJA.test(text)

/** Breaks every Jinja delimiter with a space (`{{` → `{ {`), so copied text renders as itself. */
export function jinjaSafe(text: string): string {
  return text.replace(/\{(?=[{%#])/g, '{ ').replace(/([}%#])(?=\})/g, '$1 ')
}

/** One line of comment text: no line breaks, Jinja-safe. */
export const commentText = (text: string): string => jinjaSafe(text.replace(/[\r\n]+/g, ' '))

/** Text as `-- ` comment lines, Jinja-safe. */
export const commentBlock = (text: string): string[] =>
  text.split(/\r?\n/).map((line) => jinjaSafe(`-- ${line}`.trimEnd()))

// PostgreSQL's reserved words (and a few that are reserved as column names).
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization binary both case cast check ' +
    'collate column concurrently constraint create cross current_catalog current_date current_role ' +
    'current_schema current_time current_timestamp current_user default deferrable desc distinct do ' +
    'else end except false fetch for foreign freeze from full grant group having ilike in initially ' +
    'inner intersect into is isnull join lateral leading left like limit localtime localtimestamp ' +
    'natural not notnull null offset on only or order outer overlaps placing primary references ' +
    'returning right select session_user similar some symmetric table tablesample then to trailing ' +
    'true union unique user using variadic verbose when where window with'
  ).split(' '),
)

/** An identifier as SQL needs it: bare when plain lower case and not reserved, else quoted. */
export function sqlIdent(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name)) return name
  return jinjaSafe(`"${name.replace(/"/g, '""')}"`)
}

/** A string literal, or null when the value holds a Jinja delimiter (escaping it would change it). */
export function sqlLiteral(value: string): string | null {
  return hasJinja(value) ? null : `'${value.replace(/'/g, "''")}'`
}

const PLAIN_KEY = /^[A-Za-z0-9_$@ -]+$/

/**
 * A dotted JSON path (`doc.fields.lmp_date`) read from `alias`: `raw.doc->'fields'->>'lmp_date'`
 * (`->` at the end for json types). Null when the path's keys are not plain (a key holding a
 * quote, a dot or a brace cannot be told from the dotted form).
 */
export function jsonPathExpr(alias: string, path: string, asJson = false): string | null {
  const [column, ...keys] = path.split('.')
  if (!column || keys.length === 0 || !keys.every((k) => PLAIN_KEY.test(k))) return null
  const quoted = keys.map((k) => `'${k}'`)
  const last = quoted.pop()!
  const steps = quoted.map((k) => `->${k}`).join('')
  return `${alias}.${sqlIdent(column)}${steps}${asJson ? '->' : '->>'}${last}`
}

const TEXT_TYPES = /^(text|character varying|varchar|character|char|name|unknown)\b/i
const SAFE_TYPE = /^[A-Za-z0-9_ ,.()[\]]+$/

/**
 * A text expression cast to a column's type: as it is for text types, `NULLIF(x, '')::type`
 * otherwise (the old views cast the same way). Null for a type name that is not plain.
 */
export function castTo(expr: string, type: string): string | null {
  if (TEXT_TYPES.test(type)) return expr
  if (!SAFE_TYPE.test(type)) return null
  return `NULLIF(${expr}, '')::${type}`
}

/** `NULL::type` for a column the scaffold cannot fill (plain `NULL` for an odd type name). */
export const nullOf = (type: string): string =>
  SAFE_TYPE.test(type) && type.trim() !== '' ? `NULL::${type}` : 'NULL'
