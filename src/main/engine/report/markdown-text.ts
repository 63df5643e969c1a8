import type { Cell, Span, Tone } from '../../../shared/report/model'
import { MISSING } from '../../../shared/report/text'

/**
 * Text of the plan made safe for Markdown: what a person typed into the project (a name, a
 * note) is shown as text, never read as markup, raw HTML or a link.
 */

/** A callout's tone in words, since colour does not survive in Markdown. */
export const TONE_WORDS: Readonly<Record<Tone, string>> = {
  good: 'Good',
  warn: 'Warning',
  bad: 'Problem',
  neutral: 'Note',
}

// Characters with a meaning inside a line; `_` only counts at a word's edge.
const INLINE_SPECIAL = /[\\`*[\]<|~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu
// What would start a heading, quote, list, rule or table at the start of a line.
const LINE_START = /^([#>+=-]|\d+(?=[.)]))/

/**
 * Text shown as it is inside a line: markup characters escaped (`<` as `&lt;`, entities kept as
 * typed), line breaks kept as `\n`.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(INLINE_SPECIAL, (c) => (c === '<' ? '&lt;' : `\\${c}`))
}

/**
 * Escapes what would start a heading, quote, list or rule at the start of each line, and drops
 * the indent that would start a code block.
 */
function guardLineStarts(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/^[ \t]+/, '')
        .replace(LINE_START, (mark: string) => (/^\d/.test(mark) ? `${mark}\\` : `\\${mark}`)),
    )
    .join('\n')
}

/** Wraps the text between its leading and trailing spaces in `mark` (emphasis must hug text). */
function wrap(text: string, mark: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)
  const [, before = '', core = '', after = ''] = match ?? []
  return core === '' ? text : `${before}${mark}${core}${mark}${after}`
}

/** An address a Markdown link may carry: an http(s) URL or a `#anchor` inside the document. */
export function safeHref(href: string): string | null {
  if (/^#[A-Za-z0-9_-]{1,200}$/.test(href)) return href
  try {
    const url = new URL(href)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
    return url
      .toString()
      .replace(/[()<>| ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  } catch {
    return null
  }
}

/** A span as Markdown: escaped text, bold, italic for muted and missing, and its link. */
export function spanText(span: Span): string {
  let text = escapeText(span.text)
  if (span.strong) text = wrap(text, '**')
  if (span.muted || span.missing) text = wrap(text, '*')
  const href = span.href === undefined ? null : safeHref(span.href)
  if (href !== null && text.trim() !== '') text = `[${text}](${href})`
  return text
}

/**
 * Spans as a paragraph's or list item's Markdown: no line reads as a block's start, and line
 * breaks inside become hard breaks (`\` at the line end).
 */
export function spansText(spans: readonly Span[]): string {
  return guardLineStarts(spans.map(spanText).join('')).replace(/\n/g, '\\\n')
}

/** A table cell on one line (`|` is escaped with the rest), line breaks as `<br>`, null as the missing mark. */
export function cellText(cell: Cell): string {
  let text: string
  if (cell === null) text = `*${MISSING}*`
  else if (typeof cell === 'number') text = Number.isFinite(cell) ? String(cell) : MISSING
  else if (typeof cell === 'string') text = escapeText(cell)
  else text = spanText(cell)
  return text.replace(/\n+/g, '<br>')
}

/** Continuation lines of a list item or quote, indented under its first line. */
export function indentRest(text: string, prefix: string): string {
  return text.replace(/\n/g, `\n${prefix}`)
}

/** An anchor name made safe to write into `<a id="…">`. */
export function anchorId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 200)
}
