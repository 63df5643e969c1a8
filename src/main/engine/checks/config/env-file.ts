import { parse } from 'dotenv'
import {
  SETTING_NAMES,
  type ChtSyncConfig,
  type ConfigEntry,
  type CouchdbTarget,
  type SettingName,
} from './config-types'
import { firstUnescaped, QUOTES, scanEnvLines, type EnvRecord } from './env-scan'
import { ProblemList } from './problem-list'

/**
 * Reads CHT Sync's Docker `.env`. Values come from dotenv's own parser, so they are what dotenv
 * (and, for ordinary files, Docker Compose) reads; the line scan beside it (env-scan.ts) only finds
 * where each `NAME=` / `export NAME=` starts, so settings keep their line and nothing unreadable
 * passes unnoticed. One exception: an unquoted value with a `#` not after a space, which dotenv
 * cuts and Docker Compose keeps, is read as Compose does, since that is what CHT Sync receives
 * (and reported, since other tools read it otherwise).
 *
 * dotenv reads the settings in batches of one-line records; a record whose quote stays open past
 * its line is read on its own. A whole-file parse would rescan to the end of the file for every
 * unclosed quote: quadratic time on a broken or hostile file.
 */

/** One-line records parsed together by dotenv. */
const BATCH = 10_000
const COMPOSE_VARIABLE = /\$(?:\{|[A-Za-z_])/

const own = (record: Record<string, string>, key: string): string | null =>
  Object.prototype.hasOwnProperty.call(record, key) ? (record[key] ?? null) : null

/**
 * Where an unquoted value has a `#` that dotenv and Docker Compose read differently: dotenv cuts
 * the value at any `#`, Compose only at ` #` (a `#` first in the value is kept too). -1 if none.
 */
function divergentHash(valueStart: string): number {
  if (QUOTES.has(valueStart[0] ?? '')) return -1
  const hash = valueStart.indexOf('#')
  return hash !== -1 && (hash === 0 || valueStart[hash - 1] !== ' ') ? hash : -1
}

/** An unquoted value as Docker Compose reads it: up to ` #`, trailing blanks removed. */
function composeUnquoted(valueStart: string): string {
  const comment = valueStart.indexOf(' #')
  return (comment === -1 ? valueStart : valueStart.slice(0, comment)).trimEnd()
}

/** The part of a value as written that Docker Compose reads for `$` names (no comment). */
function writtenValue(record: EnvRecord): string {
  const { valueStart } = record
  const quote = valueStart[0] ?? ''
  if (!QUOTES.has(quote)) return composeUnquoted(valueStart)
  const close = firstUnescaped(valueStart, quote, 1, valueStart.length)
  return close === -1 ? record.text : valueStart.slice(1, close)
}

/** Warnings about a value that Docker Compose reads differently from other tools. */
function valueProblems(problems: ProblemList, record: EnvRecord): void {
  const { key, line, valueStart } = record
  const hash = divergentHash(valueStart)
  if (hash === 0) {
    problems.add(
      line,
      `${key}'s value starts with #: Docker Compose reads it as the value, not as a comment. Write ${key}= for an empty value, or quote the value.`,
    )
  } else if (hash > 0) {
    problems.add(
      line,
      `${key}'s value has a # without a space before it: Docker Compose keeps it (as the wizard does), other tools cut the value there. Put the value in quotes.`,
    )
  }
  if (valueStart[0] !== "'" && COMPOSE_VARIABLE.test(writtenValue(record))) {
    problems.add(
      line,
      `${key}'s value has a $ followed by a name: Docker Compose replaces it with another variable (often empty). Put the value in single quotes to keep it as written.`,
    )
  }
}

/** Collects the settings of the scan's records, reading their values with dotenv in batches. */
class EnvReader {
  readonly entries = new Map<string, ConfigEntry>()
  readonly linesOf = new Map<string, number[]>()
  private batch: EnvRecord[] = []

  constructor(private readonly problems: ProblemList) {}

  add(record: EnvRecord): void {
    if (!record.closed) {
      this.flush()
      this.read([record], record.text)
      return
    }
    this.batch.push(record)
    if (this.batch.length >= BATCH) this.flush()
  }

  flush(): void {
    if (this.batch.length === 0) return
    const records = this.batch
    this.batch = []
    this.read(records, records.map((r) => r.text).join('\n'))
  }

  /** dotenv keeps the last value of a key, as the last record of that key here does. */
  private read(records: EnvRecord[], text: string): void {
    const values = parse(text)
    for (const record of records) {
      const { key, line } = record
      // Where dotenv and Compose disagree on a #, CHT Sync gets Compose's reading: take that.
      const value =
        divergentHash(record.valueStart) === -1
          ? own(values, key)
          : composeUnquoted(record.valueStart)
      if (value === null) {
        this.problems.add(line, `${key} could not be read as a setting name.`)
        continue
      }
      this.entries.set(key, { key, value, line })
      const seen = this.linesOf.get(key)
      if (seen) seen.push(line)
      else this.linesOf.set(key, [line])
      valueProblems(this.problems, record)
    }
  }
}

/**
 * Parses the text of a CHT Sync `.env` into the settings the checks read.
 *
 * Never throws: lines it cannot read, a byte-order mark, binary bytes and values Docker Compose
 * would read differently are `problems` (at most 50 about lines, then a count); keys written more
 * than once are `duplicates`, with every line. Windows line ends are read as line ends.
 */
export function parseEnvFile(text: string, path: string): ChtSyncConfig {
  const problems = new ProblemList()
  let body = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
  if (body.startsWith('\ufeff')) {
    problems.addFileProblem(
      1,
      'The file starts with a byte-order mark (BOM), which some tools read as part of the first name: save it as UTF-8 without BOM.',
    )
    body = body.slice(1)
  }
  const reader = new EnvReader(problems)
  scanEnvLines(body, problems, (record) => reader.add(record))
  reader.flush()

  const settings: Partial<Record<SettingName, ConfigEntry>> = {}
  for (const name of SETTING_NAMES) {
    const entry = reader.entries.get(name)
    if (entry) settings[name] = entry
  }
  const target: CouchdbTarget = {
    host: settings.COUCHDB_HOST ?? null,
    port: settings.COUCHDB_PORT ?? null,
    secure: settings.COUCHDB_SECURE ?? null,
    user: settings.COUCHDB_USER ?? null,
    password: settings.COUCHDB_PASSWORD ?? null,
    dbs: settings.COUCHDB_DBS ?? null,
  }
  return {
    kind: 'env',
    path,
    entries: [...reader.entries.values()],
    duplicates: [...reader.linesOf]
      .filter(([, lines]) => lines.length > 1)
      .map(([key, lines]) => ({ key, lines })),
    problems: problems.list(),
    settings,
    couchdbs: [target],
  }
}
