import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml'
import type { ConfigEntry } from './config-types'
import type { ProblemList } from './problem-list'

/**
 * Walks a parsed `values.yaml` without recursion and without expanding aliases without bound:
 * every value that is text, a number or a boolean becomes an entry under its dotted path
 * (`postgres.user`, `couchdbs[1].host`), with the line of its key.
 *
 * Where a mapping holds a key twice, only the last one is read (as Helm does) and every line is a
 * duplicate. An alias to a section is followed at most 100 times, the walk stops after 500,000
 * values or 64 levels, and a `<<` merge key is reported rather than followed.
 */

/** How Helm's `default` sees a value: these count as unset, so the shared default applies. */
export type HelmEmpty = 'empty' | 'false' | 'zero'

/** What the walk found: the values by dotted path, keys written twice, values Helm sees as unset. */
export interface YamlWalk {
  entries: Map<string, ConfigEntry>
  /** Dotted path → the line of every occurrence of the key. */
  duplicates: Map<string, number[]>
  helmEmpty: Map<string, HelmEmpty>
}

const MAX_DEPTH = 64
const MAX_VISITS = 500_000
const MAX_SECTION_ALIASES = 100
const MAX_KEY_CHARS = 200

interface Frame {
  node: unknown
  path: string
  depth: number
  /** The line of the key the node is the value of (or of the list item). */
  line: number | null
}

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`)

/** A scalar's value as Helm's templates print it. */
function scalarText(value: unknown, source: string | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value)
  }
  return source ?? String(value)
}

function helmEmptyOf(value: unknown): HelmEmpty | null {
  if (value === null || value === undefined || value === '') return 'empty'
  if (value === false) return 'false'
  if (value === 0) return 'zero'
  return null
}

/** Walks `doc` (whose contents must be a mapping), adding what it cannot follow to `problems`. */
export function walkYaml(doc: Document, lines: LineCounter, problems: ProblemList): YamlWalk {
  const out: YamlWalk = { entries: new Map(), duplicates: new Map(), helmEmpty: new Map() }
  const lineOf = (node: unknown): number | null => {
    const range = (node as { range?: [number, number, number] } | null)?.range
    return range ? lines.linePos(range[0]).line : null
  }
  const once = new Set<string>()
  const note = (tag: string, line: number | null, message: string) => {
    if (once.has(tag)) return
    once.add(tag)
    problems.add(line, message)
  }

  const stack: Frame[] = [{ node: doc.contents, path: '', depth: 0, line: null }]
  let visits = 0
  let sectionAliases = 0
  while (stack.length > 0) {
    const frame = stack.pop() as Frame
    visits += 1
    if (visits > MAX_VISITS) {
      note('visits', null, 'The file holds more than 500,000 values; the rest was not read.')
      break
    }
    let node = frame.node
    const line = frame.line ?? lineOf(node)
    if (isAlias(node)) {
      const target = node.resolve(doc)
      if (!target) continue // the parser reports an alias without its anchor
      if (!isScalar(target) && ++sectionAliases > MAX_SECTION_ALIASES) {
        note('aliases', line, 'More than 100 aliases to sections: the rest were not followed.')
        continue
      }
      node = target
    }
    if (isMap(node) || isSeq(node)) {
      if (frame.depth >= MAX_DEPTH) {
        note('depth', line, 'Sections nested more than 64 levels deep were not read.')
        continue
      }
      if (isSeq(node)) {
        for (let i = node.items.length - 1; i >= 0; i -= 1) {
          const item = node.items[i]
          const path = `${frame.path}[${i}]`
          stack.push({ node: item, path, depth: frame.depth + 1, line: lineOf(item) ?? line })
        }
        continue
      }
      pushPairs(node.items, frame, stack, out, lineOf, note)
      continue
    }
    const value = isScalar(node) ? node.value : null
    const source = isScalar(node) ? node.source : undefined
    out.entries.set(frame.path, { key: frame.path, value: scalarText(value, source), line })
    const empty = helmEmptyOf(value)
    if (empty) out.helmEmpty.set(frame.path, empty)
  }
  return out
}

/** Queues a mapping's pairs (the last of each key), noting duplicates and keys it cannot read. */
function pushPairs(
  pairs: readonly { key: unknown; value: unknown }[],
  frame: Frame,
  stack: Frame[],
  out: YamlWalk,
  lineOf: (node: unknown) => number | null,
  note: (tag: string, line: number | null, message: string) => void,
): void {
  const keys: (string | null)[] = []
  const seen = new Map<string, number[]>()
  const last = new Map<string, number>()
  pairs.forEach((pair, i) => {
    const keyLine = lineOf(pair.key) ?? frame.line
    const key = isScalar(pair.key) ? scalarText(pair.key.value, pair.key.source) : null
    if (key === null) {
      note('complex-key', keyLine, 'A key that is not plain text was skipped.')
    } else if (key === '<<') {
      note(
        'merge',
        keyLine,
        'A << merge key is not followed by the wizard: write the merged settings out in full so they are checked.',
      )
    }
    const usable = key === null || key === '<<' ? null : key.slice(0, MAX_KEY_CHARS)
    keys.push(usable)
    if (usable === null) return
    last.set(usable, i)
    const at = seen.get(usable)
    if (at) at.push(keyLine ?? 0)
    else seen.set(usable, [keyLine ?? 0])
  })
  for (const [key, at] of seen) {
    if (at.length > 1) out.duplicates.set(join(frame.path, key), at)
  }
  for (let i = pairs.length - 1; i >= 0; i -= 1) {
    const key = keys[i]
    if (key === null || key === undefined || last.get(key) !== i) continue
    const pair = pairs[i] as { key: unknown; value: unknown }
    stack.push({
      node: pair.value,
      path: join(frame.path, key),
      depth: frame.depth + 1,
      line: lineOf(pair.key) ?? frame.line,
    })
  }
}
