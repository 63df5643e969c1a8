import { SETTING_NAMES } from './config-types'
import type { ProblemList } from './problem-list'

/**
 * The line scan of a `.env`: where each setting starts and which lines are not settings. It does
 * not read values (dotenv does, see env-file.ts); it only cuts the file into records, one per
 * setting, so that each value keeps its line and a value in quotes that spans lines stays whole.
 *
 * A quote counts as spanning lines the way dotenv's parser reads it: when it does not close on its
 * own line and the next unescaped quote of the same kind ends a line (or comes before a comment),
 * within 64 KB. Corner cases with backslash-escaped quotes may differ.
 */

/** One setting's text as found by the scan. */
export interface EnvRecord {
  key: string
  /** 1-based line of `NAME=`. */
  line: number
  /** The setting's text for dotenv: its line without leading blanks, or all its lines. */
  text: string
  /** What follows `=` on the first line, leading blanks removed. */
  valueStart: string
  /** True when the record is one line whose quotes (if any) close on it. */
  closed: boolean
}

const KEY_LINE = /^(?:export[ \t]+)?([A-Za-z0-9_.-]+)(?:[ \t]*=|:[ \t])/
const LEADING_NAME = /^[A-Za-z_][A-Za-z0-9_]*/
const REST_AFTER_CLOSING_QUOTE = /^\s*(?:#.*)?$/
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const NOT_UTF8 = '\ufffd'
/** The quotes dotenv reads. */
export const QUOTES = new Set(['"', "'", '`'])
/** Longest quoted value read across lines; longer, the opening line is read on its own. */
const MAX_MULTILINE_CHARS = 64 * 1024
const NAMED = new Set<string>([...SETTING_NAMES, 'DBT_THREADS', 'ROOT_POSTGRES_SCHEMA'])

/** The first `quote` at or after `from` (before `end`) not preceded by a backslash; -1 if none. */
export function firstUnescaped(text: string, quote: string, from: number, end: number): number {
  let at = text.indexOf(quote, from)
  while (at !== -1 && at < end) {
    if (text.charCodeAt(at - 1) !== 92) return at
    at = text.indexOf(quote, at + 1)
  }
  return -1
}

/**
 * Where the next unescaped quote of each kind is, remembered while the scan moves forward, so a
 * file of many unclosed quotes is searched once, not once per line.
 */
class QuoteFinder {
  private readonly found = new Map<string, { from: number; at: number }>()

  constructor(private readonly text: string) {}

  next(quote: string, from: number): number {
    const known = this.found.get(quote)
    if (known && from >= known.from && (known.at === -1 || from <= known.at)) return known.at
    const at = firstUnescaped(this.text, quote, from, this.text.length)
    this.found.set(quote, { from, at })
    return at
  }
}

interface Tally {
  lines: number
  first: number
}
const lineCount = (n: number) => (n === 1 ? '1 line' : `${n.toLocaleString('en')} lines`)

/** Counts lines holding control bytes or bytes that were not UTF-8, for one problem each. */
class ByteTally {
  private control: Tally = { lines: 0, first: 0 }
  private notUtf8: Tally = { lines: 0, first: 0 }

  see(line: string, lineNo: number): void {
    if (CONTROL.test(line)) this.control = bump(this.control, lineNo)
    if (line.includes(NOT_UTF8)) this.notUtf8 = bump(this.notUtf8, lineNo)
  }

  report(problems: ProblemList): void {
    const { control, notUtf8 } = this
    if (control.lines > 0) {
      problems.addFileProblem(
        control.first,
        `${lineCount(control.lines)} ${control.lines === 1 ? 'holds' : 'hold'} NUL or other control bytes (first on line ${control.first}): this looks like a binary file, not a .env.`,
      )
    }
    if (notUtf8.lines > 0) {
      problems.addFileProblem(
        notUtf8.first,
        `${lineCount(notUtf8.lines)} ${notUtf8.lines === 1 ? 'has' : 'have'} bytes that are not UTF-8 (first on line ${notUtf8.first}): save the file as UTF-8, or a value read here differs from the one Docker Compose reads.`,
      )
    }
  }
}

const bump = (t: Tally, lineNo: number): Tally => ({ lines: t.lines + 1, first: t.first || lineNo })

const BARE_NAME = /^(?:export[ \t]+)?[A-Za-z0-9_.-]+[ \t]*$/

/** Why a line that is not blank, a comment or `NAME=value` was not read, in words. */
function unreadable(trimmed: string): string {
  if (BARE_NAME.test(trimmed)) {
    return 'A name without = takes its value from the environment Docker Compose runs in, which the wizard cannot see: write NAME=value.'
  }
  const name = LEADING_NAME.exec(trimmed)?.[0]
  const hint = name && NAMED.has(name) ? ` It starts with ${name}: write ${name}=value.` : ''
  return `Not a setting (NAME=value), a comment or a blank line: Docker Compose stops with an error on it.${hint}`
}

/**
 * Where a setting whose quote does not close on its own line ends: at the end of the line that
 * closes it, when dotenv would read the value across lines; otherwise at the end of its own line.
 * `unclosed` when no quote of that kind follows at all.
 */
function multiLineEnd(
  body: string,
  quotes: QuoteFinder,
  quote: string,
  lineStart: number,
  lineEnd: number,
): { end: number; unclosed: boolean } {
  const closing = quotes.next(quote, lineEnd)
  if (closing === -1) return { end: lineEnd, unclosed: true }
  if (closing - lineStart > MAX_MULTILINE_CHARS) return { end: lineEnd, unclosed: false }
  const newline = body.indexOf('\n', closing)
  const closingLineEnd = newline === -1 ? body.length : newline
  const closes = REST_AFTER_CLOSING_QUOTE.test(body.slice(closing + 1, closingLineEnd))
  return { end: closes ? closingLineEnd : lineEnd, unclosed: false }
}

/**
 * Scans `body` (line ends already `\n`, no byte-order mark) line by line: calls `onRecord` for
 * every setting in file order and adds a problem for every other line that is not blank or a
 * comment, and one per kind of binary content.
 */
export function scanEnvLines(
  body: string,
  problems: ProblemList,
  onRecord: (record: EnvRecord) => void,
): void {
  const tally = new ByteTally()
  const quotes = new QuoteFinder(body)
  let offset = 0
  let lineNo = 0
  for (;;) {
    const newline = body.indexOf('\n', offset)
    const end = newline === -1 ? body.length : newline
    lineNo += 1
    const line = body.slice(offset, end)
    tally.see(line, lineNo)
    const trimmed = line.trimStart()
    let recordEnd = end
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      const match = KEY_LINE.exec(trimmed)
      if (!match) problems.add(lineNo, unreadable(trimmed))
      else {
        const valueStart = trimmed.slice(match[0].length).trimStart()
        const quote = valueStart[0] ?? ''
        const open =
          QUOTES.has(quote) && firstUnescaped(valueStart, quote, 1, valueStart.length) === -1
        if (open) {
          const span = multiLineEnd(body, quotes, quote, offset, end)
          recordEnd = span.end
          // Compose knows only ' and " as quotes: a lone backtick is plain text to it.
          if (span.unclosed && quote !== '`') {
            problems.add(
              lineNo,
              `The ${quote} opened here is never closed: Docker Compose stops with an error on it.`,
            )
          }
        }
        const startLine = lineNo
        // The lines of a value that spans lines belong to this setting: count them here.
        for (let at = end; at < recordEnd;) {
          const next = body.indexOf('\n', at + 1)
          const stop = next === -1 || next > recordEnd ? recordEnd : next
          lineNo += 1
          tally.see(body.slice(at + 1, stop), lineNo)
          at = stop
        }
        onRecord({
          key: match[1] ?? '',
          line: startLine,
          text: recordEnd === end ? trimmed : body.slice(offset, recordEnd),
          valueStart,
          closed: !open,
        })
      }
    }
    if (recordEnd >= body.length) break
    offset = recordEnd + 1
  }
  tally.report(problems)
}
