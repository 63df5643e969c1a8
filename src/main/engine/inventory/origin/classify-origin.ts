import type {
  InventoryObjectKind,
  OriginVerdict,
  SqlFilter,
} from '../../../../shared/results/inventory-result'
import {
  COUCH2PG_RELEASES,
  KNOWN_INDEXES,
  KNOWN_OBJECTS,
  normalizeIndexKey,
  releaseIndex,
  type Couch2pgRelease,
  type KnownObject,
  type KnownShape,
} from './couch2pg-objects'

/** What origin classification needs of an object. */
export interface OriginInput {
  key: string
  kind: InventoryObjectKind
  schema: string
  name: string
  columns: readonly string[]
  language: string | null
  argCount: number | null
  /** Indexes: the relation (name) and schema it is on, uniqueness and key expressions. */
  index?: { on: string; unique: boolean; keys: readonly string[] }
  /** Sequences and triggers: the table they belong to (name). */
  table?: string
  /** Relations the SQL reads (unqualified names) and its filters, when analysed. */
  reads?: readonly string[]
  filters?: readonly SqlFilter[]
}

export interface Couch2pgFacts {
  found: boolean
  release: string | null
  migrationTables: boolean
  note: string | null
}

const KNOWN = new Map(KNOWN_OBJECTS.map((o) => [o.name, o]))
const sameSet = (a: readonly string[], b: readonly string[]) => {
  const x = new Set(a)
  return x.size === new Set(b).size && b.every((v) => x.has(v))
}
const list = (xs: readonly string[]) => xs.join(', ')

/** The schema of couch2pg's tables: where a `couchdb` table holds only a `doc` column. */
function couch2pgSchema(objects: readonly OriginInput[]): string | null {
  const candidates = objects.filter(
    (o) => o.kind === 'table' && o.name === 'couchdb' && sameSet(o.columns, ['doc']),
  )
  return (candidates.find((o) => o.schema === 'public') ?? candidates[0])?.schema ?? null
}

const rangeText = (since: Couch2pgRelease, until: Couch2pgRelease | null) =>
  until ? `${since} up to before ${until}` : `${since} or later`

interface Judged {
  verdict: OriginVerdict
  /** Release bounds this object gives (only from an unmodified shape). */
  since?: Couch2pgRelease
  until?: Couch2pgRelease | null
}

function shapeDifference(o: OriginInput, known: KnownObject): string[] {
  const diffs: string[] = []
  if (known.reads && o.reads && !sameSet(o.reads, known.reads)) {
    diffs.push(`it reads ${list(o.reads) || 'nothing'} instead of ${list(known.reads)}`)
  }
  for (const [path, values] of Object.entries(known.filters ?? {})) {
    const found = o.filters?.find((f) => f.path === path)
    if (o.filters && (!found || !sameSet(found.values, values))) {
      diffs.push(
        `it filters ${path} on ${found ? list(found.values) : 'nothing'} instead of ${list(values)}`,
      )
    }
  }
  if (known.language && o.language && o.language !== known.language) {
    diffs.push(`it is written in ${o.language}, not ${known.language}`)
  }
  if (known.argCount !== undefined && o.argCount !== null && o.argCount !== known.argCount) {
    diffs.push(`it takes ${o.argCount} arguments, not ${known.argCount}`)
  }
  return diffs
}

function columnDifference(o: OriginInput, shapes: readonly KnownShape[]): string {
  // Compare with the newest shape: the one an edit most likely started from.
  const newest = shapes[shapes.length - 1]!
  const extra = o.columns.filter((c) => !newest.columns.includes(c))
  const missing = newest.columns.filter((c) => !o.columns.includes(c))
  return [
    extra.length ? `extra column${extra.length > 1 ? 's' : ''} ${list(extra)}` : '',
    missing.length ? `no column${missing.length > 1 ? 's' : ''} ${list(missing)}` : '',
  ]
    .filter(Boolean)
    .join('; ')
}

function judgeKnown(o: OriginInput, known: KnownObject): Judged {
  const what = `cht-couch2pg installs ${known.name} (${known.part} migrations)`
  if (o.kind !== known.kind) {
    const note = `${what} as a ${known.kind.replace('_', ' ')}; this one is a ${o.kind.replace('_', ' ')}, so it was replaced by hand.`
    return { verdict: { origin: 'couch2pg', release: null, modified: true, note } }
  }
  const matched = known.shapes?.find((s) => sameSet(o.columns, s.columns))
  const diffs = shapeDifference(o, known)
  if (known.shapes && !matched) {
    diffs.unshift(columnDifference(o, known.shapes))
  }
  const since = matched?.since ?? known.since
  const until = matched?.until ?? null
  if (diffs.length > 0) {
    const note = `${what}, but this one differs from every release's: ${diffs.join('; ')}. It was edited by hand: review it like a custom object.`
    return {
      verdict: { origin: 'couch2pg', release: rangeText(since, until), modified: true, note },
    }
  }
  return {
    verdict: { origin: 'couch2pg', release: rangeText(since, until), modified: false, note: null },
    ...(known.tellsRelease === false ? {} : { since, until }),
  }
}

function judgeIndex(o: OriginInput, couch2pgNames: Set<string>): Judged | null {
  if (!o.index || !couch2pgNames.has(o.index.on)) return null
  const keys = o.index.keys.map(normalizeIndexKey)
  const known = KNOWN_INDEXES.find(
    (k) => k.on === o.index!.on && k.unique === o.index!.unique && sameSet(k.keys, keys),
  )
  if (known) return { verdict: { origin: 'couch2pg', release: null, modified: false, note: null } }
  return {
    verdict: {
      origin: 'custom',
      release: null,
      modified: false,
      note: `Added by the deployment on couch2pg's ${o.index.on}.`,
    },
  }
}

/**
 * Tells, for each object, whether cht-couch2pg installed it or the deployment added it, from the
 * objects' names and shapes against what each release installs (not from the migration tables,
 * which many databases lack). A known object whose shape differs from every release's is
 * couch2pg's, marked `modified`, with what differs. Known objects are looked for only in
 * couch2pg's schema (where `couchdb` has its one `doc` column). When there is no such table the
 * database is not couch2pg's and every object is `unknown`.
 */
export function classifyOrigins(objects: readonly OriginInput[]): {
  origins: Map<string, OriginVerdict>
  facts: Couch2pgFacts
} {
  const origins = new Map<string, OriginVerdict>()
  const schema = couch2pgSchema(objects)
  if (schema === null) {
    const note =
      'No table named couchdb with a single doc column was found: this does not look like a couch2pg database, so no object is counted as installed by couch2pg.'
    for (const o of objects) {
      origins.set(o.key, { origin: 'unknown', release: null, modified: false, note: null })
    }
    return { origins, facts: { found: false, release: null, migrationTables: false, note } }
  }
  const couch2pgNames = new Set<string>()
  let lower = 0
  let upper: number | null = null
  const judged = new Map<string, Judged>()
  for (const o of objects) {
    const known = o.schema === schema ? KNOWN.get(o.name) : undefined
    if (!known || o.kind === 'index' || o.kind === 'trigger' || o.kind === 'sequence') continue
    const j = judgeKnown(o, known)
    judged.set(o.key, j)
    couch2pgNames.add(o.name)
    if (j.since) lower = Math.max(lower, releaseIndex(j.since))
    if (j.until) upper = Math.min(upper ?? Infinity, releaseIndex(j.until))
  }
  for (const o of objects) {
    const j =
      judged.get(o.key) ??
      (o.schema === schema ? judgeIndex(o, couch2pgNames) : null) ??
      (o.table && o.schema === schema && couch2pgNames.has(o.table) && o.kind === 'sequence'
        ? { verdict: { origin: 'couch2pg' as const, release: null, modified: false, note: null } }
        : null)
    origins.set(
      o.key,
      j?.verdict ?? { origin: 'custom', release: null, modified: false, note: null },
    )
  }
  const migrationTables = [
    'couch2pg_migrations',
    'xmlforms_migrations',
    'users_meta_migrations',
  ].some((n) => couch2pgNames.has(n))
  const release =
    upper !== null && upper <= lower
      ? null
      : rangeText(COUCH2PG_RELEASES[lower]!, upper === null ? null : COUCH2PG_RELEASES[upper]!)
  const note = [
    schema === 'public' ? null : `couch2pg's tables are in the ${schema} schema.`,
    migrationTables
      ? null
      : 'The postgrator tracking tables (couch2pg_migrations and the others) are missing; the release was told from the objects alone.',
    release === null ? 'The objects found belong to releases that do not fit together.' : null,
  ]
    .filter(Boolean)
    .join(' ')
  return { origins, facts: { found: true, release, migrationTables, note: note || null } }
}
