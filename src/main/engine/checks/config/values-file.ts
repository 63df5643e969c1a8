import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type YAMLError,
} from 'yaml'
import type { ChtSyncConfig, ConfigEntry, CouchdbTarget, SettingName } from './config-types'
import { HELM_SETTINGS, type CouchdbEntryField } from './helm-keys'
import { ProblemList } from './problem-list'
import { walkYaml, type YamlWalk } from './yaml-walk'

/**
 * Reads CHT Sync's Helm `values.yaml` with the `yaml` library, as YAML 1.1 (the version Helm's
 * parser speaks: `secure: yes` is true there). Nothing is converted to plain objects, so aliases
 * are never expanded wholesale (see yaml-walk.ts); duplicate keys are kept by the parser and
 * reported here; parse errors are problems with their line.
 */

/** More lines than this is no values.yaml; the parser (about 1 MB a second) is not started. */
const MAX_LINES = 100_000
/** Most `couchdbs` entries read. */
const MAX_TARGETS = 100
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** A parser message without its position and without any quoted text from the file. */
function yamlMessage(error: YAMLError): string {
  const first = error.message.split('\n', 1)[0] ?? ''
  return first
    .replace(/ at line \d+, column \d+:?\s*$/, '')
    .replace(/"(?:[^"\\\n]|\\.){0,2000}"/g, '"…"')
    .slice(0, 200)
}

function lineCount(text: string, limit: number): number {
  let count = 1
  for (let at = text.indexOf('\n'); at !== -1 && count <= limit; at = text.indexOf('\n', at + 1)) {
    count += 1
  }
  return count
}

const lineAt = (text: string, index: number) => lineCount(text.slice(0, index), Infinity)

/** The node of the last `key:` of a mapping, aliases resolved; undefined when absent. */
function lastValue(doc: Document, map: unknown, key: string): unknown {
  if (!isMap(map)) return undefined
  for (let i = map.items.length - 1; i >= 0; i -= 1) {
    const pair = map.items[i]
    if (pair && isScalar(pair.key) && pair.key.value === key) {
      return isAlias(pair.value) ? pair.value.resolve(doc) : pair.value
    }
  }
  return undefined
}

/**
 * The CouchDB instances of `couchdbs`, each with the shared `couchdb.*` where it does not set its
 * own, as the chart's `default` decides: an empty text, `false` or `0` counts as not set.
 */
function couchdbTargets(doc: Document, walk: YamlWalk, problems: ProblemList): CouchdbTarget[] {
  const { entries, helmEmpty } = walk
  const shared = (f: CouchdbEntryField) => entries.get(`couchdb.${f}`) ?? null
  const target = (prefix: string | null): CouchdbTarget => {
    const own = (f: CouchdbEntryField) => (prefix ? (entries.get(`${prefix}.${f}`) ?? null) : null)
    const withDefault = (f: CouchdbEntryField): ConfigEntry | null => {
      const mine = own(f)
      const empty = mine ? helmEmpty.get(mine.key) : undefined
      if (mine && !empty) return mine
      const fallback = shared(f)
      if (!fallback) return mine
      if (mine && (empty === 'false' || empty === 'zero')) {
        problems.add(
          mine.line,
          `${mine.key} is ${mine.value}, which the chart treats as unset: couchdb.${f} (${fallback.value}) applies instead. Write "${mine.value}" in quotes to keep it.`,
        )
      }
      return fallback
    }
    return {
      host: own('host'),
      password: own('password'),
      user: withDefault('user'),
      dbs: withDefault('dbs'),
      port: withDefault('port'),
      secure: withDefault('secure'),
    }
  }
  const list = lastValue(doc, doc.contents, 'couchdbs')
  if (
    list !== undefined &&
    list !== null &&
    !isSeq(list) &&
    !(isScalar(list) && list.value === null)
  ) {
    problems.add(null, 'couchdbs is not a list: write one "- host: …" entry per CHT instance.')
  }
  if (!isSeq(list) || list.items.length === 0) {
    return [{ ...target(null), host: null, password: null }]
  }
  if (list.items.length > MAX_TARGETS) {
    problems.add(
      null,
      `couchdbs lists ${list.items.length} entries; the first ${MAX_TARGETS} are checked.`,
    )
  }
  return list.items.slice(0, MAX_TARGETS).map((item, i) => {
    const node = isAlias(item) ? item.resolve(doc) : item
    if (!isMap(node)) {
      problems.add(
        entries.get(`couchdbs[${i}]`)?.line ?? null,
        `couchdbs[${i}] is not an entry with host and password.`,
      )
    }
    return target(`couchdbs[${i}]`)
  })
}

const emptyConfig = (path: string, problems: ProblemList): ChtSyncConfig => ({
  kind: 'values',
  path,
  entries: [],
  duplicates: [],
  problems: problems.list(),
  settings: {},
  couchdbs: [{ host: null, port: null, secure: null, user: null, password: null, dbs: null }],
})

/**
 * Parses the text of a CHT Sync Helm `values.yaml` into the settings the checks read, under their
 * `.env` names (`postgres.user` → `POSTGRES_USER`, …; `settings.COUCHDB_*` hold the shared
 * `couchdb:` defaults), and one `CouchdbTarget` per `couchdbs` entry.
 *
 * Never throws: YAML errors, a top level that is not `key: value` settings, binary content and a
 * file far too long for a values.yaml are `problems`; keys written more than once, `duplicates`.
 */
export function parseValuesFile(text: string, path: string): ChtSyncConfig {
  const problems = new ProblemList()
  const control = CONTROL.exec(text)
  if (control) {
    problems.addFileProblem(
      lineAt(text, control.index),
      'The file holds NUL or other control bytes: this looks like a binary file, not a values.yaml.',
    )
  }
  const lines = lineCount(text, MAX_LINES)
  if (lines > MAX_LINES) {
    problems.addFileProblem(
      null,
      `The file has more than ${MAX_LINES.toLocaleString('en')} lines: a CHT Sync values.yaml has a few dozen. Check that the Set up step names the right file.`,
    )
    return emptyConfig(path, problems)
  }

  const lineCounter = new LineCounter()
  let doc: Document
  try {
    doc = parseDocument(text, {
      lineCounter,
      prettyErrors: true,
      uniqueKeys: false,
      version: '1.1',
      merge: false,
      logLevel: 'silent',
    })
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n', 1)[0]?.slice(0, 200) : 'unknown error'
    problems.addFileProblem(null, `The file could not be read as YAML (${why}).`)
    return emptyConfig(path, problems)
  }
  // A broken file repeats the same message for many lines: each message once, with its count.
  const issues = new Map<string, { line: number | null; times: number }>()
  for (const issue of [...doc.errors, ...doc.warnings]) {
    const message = yamlMessage(issue)
    const known = issues.get(message)
    if (known) known.times += 1
    else issues.set(message, { line: issue.linePos?.[0]?.line ?? null, times: 1 })
  }
  for (const [message, { line, times }] of issues) {
    problems.add(line, `YAML: ${message}${times > 1 ? ` (${times} times, first here)` : ''}.`)
  }
  const top = doc.contents
  if (top === null || (isScalar(top) && top.value === null)) return emptyConfig(path, problems)
  if (!isMap(top)) {
    problems.addFileProblem(
      1,
      `The file holds ${isSeq(top) ? 'a list' : 'a single value'} at the top, not settings (key: value): is it CHT Sync's values.yaml?`,
    )
    return emptyConfig(path, problems)
  }

  const walk = walkYaml(doc, lineCounter, problems)
  const settings: Partial<Record<SettingName, ConfigEntry>> = {}
  for (const [name, key] of Object.entries(HELM_SETTINGS) as [SettingName, string][]) {
    const entry = walk.entries.get(key)
    if (entry) settings[name] = entry
  }
  const couchdbs = couchdbTargets(doc, walk, problems)
  return {
    kind: 'values',
    path,
    entries: [...walk.entries.values()],
    duplicates: [...walk.duplicates].map(([key, at]) => ({ key, lines: at })),
    problems: problems.list(),
    settings,
    couchdbs,
  }
}
