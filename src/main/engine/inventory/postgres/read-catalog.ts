import type { ReadTx } from '../../db/read-transaction'
import {
  COLUMNS_SQL,
  DEPENDENCIES_SQL,
  EXTENSIONS_SQL,
  FUNCTION_COLUMNS_SQL,
  FUNCTION_DEFS_SQL,
  FUNCTION_STATS_SQL,
  functionsSql,
  INDEX_STATS_SQL,
  INDEXES_SQL,
  OBJECT_LIMIT,
  RELATIONS_SQL,
  SEQUENCE_OWNERS_SQL,
  SERVER_SQL,
  TABLE_STATS_SQL,
  TRIGGERS_SQL,
} from './catalog-queries'

/** The rows of one catalog read, by oid (as text), before they become inventory objects. */
export interface RawCatalog {
  server: {
    version: string
    versionNum: number
    database: string
    trackFunctions: string | null
    statsReset: Date | null
  }
  relations: RawRelation[]
  columns: Map<string, { name: string; type: string }[]>
  indexes: RawIndex[]
  functions: RawFunction[]
  functionColumns: Map<string, { name: string; type: string }[]>
  triggers: RawTrigger[]
  /** Sequence oid → the table that owns it. */
  sequenceOwners: Map<string, string>
  extensions: RawExtension[]
  /** Object oid → what it reads or calls (`c:<oid>` a relation, `p:<oid>` a function), from `pg_depend`. */
  dependencies: Map<string, Set<string>>
  stats: {
    tables: Map<string, RawTableStats>
    indexes: Map<string, number>
    functions: Map<string, number>
  }
  /** True when a kind had more than `OBJECT_LIMIT` objects and the rest were not read. */
  truncated: boolean
}

export interface RawRelation {
  oid: string
  schema: string
  name: string
  relkind: string
  owner: string | null
  bytes: number | null
  reltuples: number | null
  populated: boolean
  schemaUsage: boolean
  canSelect: boolean
  definition: string | null
}

export interface RawIndex {
  oid: string
  schema: string
  name: string
  tableOid: string
  unique: boolean
  partial: boolean
  owner: string | null
  bytes: number | null
  definition: string | null
  keys: string[]
}

export interface RawFunction {
  oid: string
  schema: string
  name: string
  prokind: string
  owner: string | null
  language: string
  args: string
  canExecute: boolean
  schemaUsage: boolean
  definition: string | null
}

export interface RawTrigger {
  oid: string
  name: string
  tableOid: string
  functionOid: string
  definition: string | null
}

export interface RawExtension {
  oid: string
  name: string
  version: string
  schema: string
  owner: string | null
}

export interface RawTableStats {
  seqScans: number | null
  idxScans: number | null
  lastVacuum: Date | null
  lastAnalyze: Date | null
}

type Row = Record<string, unknown>
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v))
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : v === null || v === undefined ? NaN : Number(v)
  return Number.isFinite(n) ? n : null
}
const dateOrNull = (v: unknown): Date | null => (v instanceof Date ? v : null)

function grouped(rows: Row[]): Map<string, { name: string; type: string }[]> {
  const out = new Map<string, { name: string; type: string }[]>()
  for (const r of rows) {
    const list = out.get(str(r.oid)) ?? []
    list.push({ name: str(r.name), type: str(r.type) })
    out.set(str(r.oid), list)
  }
  return out
}

/**
 * Reads everything the inventory needs from the catalog in the caller's read-only transaction:
 * relations, columns, indexes, functions (definitions apart), triggers, owned sequences,
 * extensions, `pg_depend` edges and the statistics views. `onStep` is told each part's name.
 */
export async function readCatalog(
  tx: ReadTx,
  onStep: (label: string) => void = () => undefined,
): Promise<RawCatalog> {
  const q = async (sql: string, params: unknown[] = []) =>
    (await tx.query(sql, params)).rows as Row[]
  onStep('server')
  const [s] = await q(SERVER_SQL)
  const server = {
    version: str(s?.version),
    versionNum: num(s?.version_num) ?? 0,
    database: str(s?.database),
    trackFunctions: strOrNull(s?.track_functions),
    statsReset: dateOrNull(s?.stats_reset),
  }
  let truncated = false
  const capped = <T>(rows: T[]): T[] => {
    if (rows.length > OBJECT_LIMIT) truncated = true
    return rows.slice(0, OBJECT_LIMIT)
  }
  onStep('relations')
  const relations: RawRelation[] = capped(await q(RELATIONS_SQL)).map((r) => ({
    oid: str(r.oid),
    schema: str(r.schema),
    name: str(r.name),
    relkind: str(r.relkind),
    owner: strOrNull(r.owner),
    bytes: num(r.bytes),
    reltuples: num(r.reltuples),
    populated: r.populated !== false,
    schemaUsage: r.schema_usage !== false,
    canSelect: r.can_select !== false,
    definition: strOrNull(r.definition),
  }))
  const relOids = relations.map((r) => r.oid)
  onStep('columns')
  const columns = grouped(await q(COLUMNS_SQL, [relOids]))
  onStep('indexes')
  const indexes: RawIndex[] = capped(await q(INDEXES_SQL, [relOids])).map((r) => ({
    oid: str(r.oid),
    schema: str(r.schema),
    name: str(r.name),
    tableOid: str(r.table_oid),
    unique: r.is_unique === true,
    partial: r.partial === true,
    owner: strOrNull(r.owner),
    bytes: num(r.bytes),
    definition: strOrNull(r.definition),
    keys: Array.isArray(r.keys) ? r.keys.map(str) : [],
  }))
  onStep('functions')
  const functionRows = capped(await q(functionsSql(server.versionNum)))
  const funcOids = functionRows.map((r) => str(r.oid))
  const definitions = new Map(
    (await q(FUNCTION_DEFS_SQL, [funcOids])).map((r) => [str(r.oid), strOrNull(r.definition)]),
  )
  const functions: RawFunction[] = functionRows.map((r) => ({
    oid: str(r.oid),
    schema: str(r.schema),
    name: str(r.name),
    prokind: str(r.prokind),
    owner: strOrNull(r.owner),
    language: str(r.language),
    args: str(r.args),
    canExecute: r.can_execute !== false,
    schemaUsage: r.schema_usage !== false,
    definition: definitions.get(str(r.oid)) ?? null,
  }))
  const functionColumns = grouped(await q(FUNCTION_COLUMNS_SQL, [funcOids]))
  onStep('triggers')
  const triggers: RawTrigger[] = capped(await q(TRIGGERS_SQL, [relOids])).map((r) => ({
    oid: str(r.oid),
    name: str(r.name),
    tableOid: str(r.table_oid),
    functionOid: str(r.function_oid),
    definition: strOrNull(r.definition),
  }))
  const sequenceOids = relations.filter((r) => r.relkind === 'S').map((r) => r.oid)
  const sequenceOwners = new Map(
    (await q(SEQUENCE_OWNERS_SQL, [sequenceOids])).map((r) => [str(r.oid), str(r.table_oid)]),
  )
  const extensions: RawExtension[] = (await q(EXTENSIONS_SQL)).map((r) => ({
    oid: str(r.oid),
    name: str(r.name),
    version: str(r.version),
    schema: str(r.schema),
    owner: strOrNull(r.owner),
  }))
  onStep('dependencies')
  const dependencies = new Map<string, Set<string>>()
  for (const r of await q(DEPENDENCIES_SQL, [relOids, funcOids])) {
    const set = dependencies.get(str(r.oid)) ?? new Set<string>()
    // Oids are unique per catalog only: the prefix says which.
    set.add(`${r.is_function === true ? 'p' : 'c'}:${str(r.ref)}`)
    dependencies.set(str(r.oid), set)
  }
  onStep('statistics')
  const tables = new Map<string, RawTableStats>(
    (await q(TABLE_STATS_SQL)).map((r) => [
      str(r.oid),
      {
        seqScans: num(r.seq_scan),
        idxScans: num(r.idx_scan),
        lastVacuum: dateOrNull(r.last_vacuum),
        lastAnalyze: dateOrNull(r.last_analyze),
      },
    ]),
  )
  const indexStats = new Map(
    (await q(INDEX_STATS_SQL)).map((r) => [str(r.oid), num(r.idx_scan) ?? 0]),
  )
  const functionStats = new Map(
    (await q(FUNCTION_STATS_SQL)).map((r) => [str(r.oid), num(r.calls) ?? 0]),
  )
  return {
    server,
    relations,
    columns,
    indexes,
    functions,
    functionColumns,
    triggers,
    sequenceOwners,
    extensions,
    dependencies,
    stats: { tables, indexes: indexStats, functions: functionStats },
    truncated,
  }
}
