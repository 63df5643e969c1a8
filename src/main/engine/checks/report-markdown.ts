import type { ProjectDocument } from '../../../shared/project-schema'
import { MASK, redactSecrets } from '../../../shared/redact'
import type { EvidenceItem } from '../../../shared/results/check-result'
import { clipText, type Scalar } from '../../../shared/results/common'
import { count } from '../../../shared/results/describe-format'
import {
  isSecretKey,
  maskedValue,
  type ChtSyncConfig,
  type ConfigEntry,
} from './config/config-types'

/**
 * The pieces of a problem report (report.ts): text made safe to post in a public issue tracker,
 * and evidence as Markdown.
 *
 * What leaves: host names (a maintainer needs them less than the shape of the problem, but they
 * tell one CHT instance from another and are no secret). What never leaves: passwords, tokens,
 * credentials in URLs, user names (of the configuration and the connections, and in home-folder
 * paths), masked wherever they appear in the text.
 */

/** Keys whose values name a person or an account: shown as set, never by value. */
export const isUserKey = (key: string): boolean => /user|email|login|owner/i.test(key)

/** Account names too common to mask in running text: they name no one. */
const GENERIC_USERS = new Set([
  'postgres',
  'admin',
  'root',
  'medic',
  'couchdb',
  'user',
  'test',
  'data',
  'sync',
  'cht_sync',
  // The pipelines' own names, which the report uses as words.
  'couch2pg',
  'cht-sync',
  'dbt',
])

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Turns any text into text safe to post: see `textCleaner`. */
export type Clean = (text: string) => string

/**
 * A function that makes free text safe for the report: `redactSecrets`, then URLs lose their
 * `user:password@`, home folders their owner, and every secret value and user name of the
 * configuration and the project's connections is masked wherever it appears.
 */
export function textCleaner(document: ProjectDocument, config: ChtSyncConfig | null): Clean {
  const secrets = new Set<string>()
  const users = new Set<string>()
  const entries: ConfigEntry[] = config
    ? [...config.entries, ...Object.values(config.settings)]
    : []
  for (const target of config?.couchdbs ?? []) {
    if (target.user) entries.push(target.user)
    if (target.password) entries.push(target.password)
  }
  for (const e of entries) {
    const value = e.value.trim()
    if (isSecretKey(e.key) && value.length >= 4) secrets.add(value)
    else if (isUserKey(e.key) && value.length >= 4) users.add(value)
  }
  const c = document.connections
  for (const name of [c.couchdb?.username, c.couch2pg?.user, c.chtSync?.user]) {
    if (name && name.trim().length >= 4) users.add(name.trim())
  }
  const named = [...users].filter((u) => !GENERIC_USERS.has(u.toLowerCase()))
  // Longest first, so a secret that contains another is masked whole.
  const exact = [...secrets].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const secretPattern = exact.length > 0 ? new RegExp(exact.join('|'), 'g') : null
  const userPattern =
    named.length > 0
      ? new RegExp(`(?<![\\w.-])(?:${named.map(escapeRegExp).join('|')})(?![\\w-])`, 'gi')
      : null
  return (text) => {
    let out = secretPattern ? text.replace(secretPattern, MASK) : text
    out = redactSecrets(out)
    out = out.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@'"<>]*@/gi, '$1')
    out = out.replace(/(\/home\/|\/Users\/|[A-Za-z]:\\Users\\)[^/\\\s'"]+/g, '$1~')
    return userPattern ? out.replace(userPattern, MASK) : out
  }
}

/** A configuration value as the report shows it: secrets masked (`maskedValue`), accounts hidden. */
export function shownSetting(entry: ConfigEntry): string {
  if (isUserKey(entry.key) && !isSecretKey(entry.key)) {
    return entry.value === '' ? '(empty)' : '(set, not shown)'
  }
  return maskedValue(entry)
}

/** A value for a Markdown table cell: one line, pipes escaped, bounded. */
export function cell(value: Scalar, clean: Clean): string {
  if (value === null) return ''
  const text =
    typeof value === 'number'
      ? Number.isInteger(value)
        ? count(value)
        : String(value)
      : String(value)
  return clipText(clean(text), 300)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/\|/g, '\\|')
}

/** A Markdown table; rows past `maxRows` are counted, not shown. */
export function markdownTable(
  columns: readonly string[],
  rows: readonly (readonly Scalar[])[],
  clean: Clean,
  maxRows = 50,
): string {
  const line = (cells: readonly Scalar[]) => `| ${cells.map((v) => cell(v, clean)).join(' | ')} |`
  const out = [line(columns), `|${columns.map(() => ' --- ').join('|')}|`]
  for (const row of rows.slice(0, maxRows)) out.push(line(columns.map((_, i) => row[i] ?? null)))
  if (rows.length > maxRows) out.push('', `(${count(rows.length - maxRows)} more rows not shown)`)
  return out.join('\n')
}

const LIMIT_WORDS = {
  '<=': 'at most',
  '>=': 'at least',
  '<': 'below',
  '>': 'above',
  '==': 'exactly',
}

/** One evidence item as Markdown: a list line, or a captioned table. */
export function evidenceMarkdown(item: EvidenceItem, clean: Clean): string {
  const one = (s: string) => clean(s).replace(/\s*\r?\n\s*/g, ' ')
  switch (item.type) {
    case 'measure': {
      const value = item.value === null ? 'unknown' : count(item.value)
      const unit = item.unit ? ` ${one(item.unit)}` : ''
      const limit = item.limit
        ? ` (expected ${LIMIT_WORDS[item.limit.op]} ${count(item.limit.value)})`
        : ''
      return `- ${one(item.label)}: ${value}${unit}${limit}`
    }
    case 'fact':
      return `- ${one(item.label)}: ${one(item.value)}`
    case 'setting': {
      const entry = { key: item.key, value: item.value ?? '', line: item.line }
      const value =
        item.value === null ? '(not set)' : `\`${one(shownSetting(entry)).replace(/`/g, "'")}\``
      const line = item.line === null ? '' : `, line ${item.line}`
      return `- ${one(item.key)} = ${value} (${one(item.source)}${line})`
    }
    case 'table':
      return `\n${one(item.caption)}:\n\n${markdownTable(item.columns, item.rows, clean)}\n`
  }
}
