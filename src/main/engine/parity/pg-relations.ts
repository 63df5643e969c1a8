import pg from 'pg'
import { ident, qualified } from '../db/identifiers'

/** The tables cht-couch2pg writes, each `(doc jsonb)` with a unique index on `(doc->>'_id')`. */
export const COUCH2PG_TABLES = [
  'couchdb',
  'couchdb_users_meta',
  'couchdb_medic_logs',
  'couchdb_medic_users',
] as const

export type Couch2pgTable = (typeof COUCH2PG_TABLES)[number]

/**
 * Where one PostgreSQL side of a document comparison keeps its `(id, rev, deleted)`.
 *
 * - `couch2pg`: one or more of its tables in `schema`; id `doc->>'_id'`, rev `doc->>'_rev'`,
 *   never deleted (couch2pg removes the row of a deleted document).
 * - `cht-sync`: CHT Sync's raw table `<schema>.<table>` (`v1.couchdb` by default); id `_id` (its
 *   primary key), rev `doc->>'_rev'`, deleted `_deleted` (a stub kept for a deletion).
 *   `hasSource: false` for a table without CHT Sync's `source` column (older versions): its rows
 *   all fall in the group `''`.
 */
export type RelationSpec =
  | { kind: 'couch2pg'; schema: string; tables: readonly Couch2pgTable[] }
  | { kind: 'cht-sync'; schema: string; table: string; hasSource?: boolean }

/** One table of a spec as SQL fragments: FROM item and the expressions over it. */
export interface RelationSource {
  /** The quoted, schema-qualified table. */
  from: string
  /** The table as a name `regclass` accepts (quoted parts). */
  regclass: string
  /** The table's name (unquoted), for catalog look-ups. */
  table: string
  /** The schema's name (unquoted). */
  schema: string
  id: string
  rev: string
  deleted: string
  /**
   * The `text` SQL of the row's group: couch2pg groups by table (the table name as a literal),
   * CHT Sync by the CouchDB database a row came from (`source`, `''` when null or absent).
   */
  group: string
}

/** The tables of `spec` with the SQL of their id, rev and deleted (identifiers quoted, SEC-12). */
export function relationSources(spec: RelationSpec): RelationSource[] {
  if (spec.kind === 'couch2pg') {
    if (spec.tables.length === 0) throw new Error('A couch2pg relation needs at least one table.')
    return [...new Set(spec.tables)].map((table) => ({
      from: qualified(spec.schema, table),
      regclass: qualified(spec.schema, table),
      table,
      schema: spec.schema,
      id: `(doc->>'_id')`,
      rev: `(doc->>'_rev')`,
      deleted: 'false',
      group: pg.escapeLiteral(table),
    }))
  }
  return [
    {
      from: qualified(spec.schema, spec.table),
      regclass: qualified(spec.schema, spec.table),
      table: spec.table,
      schema: spec.schema,
      id: ident('_id'),
      rev: `(doc->>'_rev')`,
      deleted: `coalesce(${ident('_deleted')}, false)`,
      group: spec.hasSource === false ? `''::text` : `coalesce(${ident('source')}::text, '')`,
    },
  ]
}

/**
 * `SELECT id, rev, deleted, grp` over every table of `spec` (UNION ALL), each branch filtered by
 * `where(source)` when given, so conditions sit on the tables' own expressions (where their
 * indexes can serve them) rather than on the union.
 */
export function unionSql(spec: RelationSpec, where?: (source: RelationSource) => string): string {
  return relationSources(spec)
    .map(
      (s) =>
        `SELECT ${s.id} AS id, ${s.rev} AS rev, ${s.deleted} AS deleted, ${s.group} AS grp` +
        ` FROM ${s.from}` +
        (where ? ` WHERE ${where(s)}` : ''),
    )
    .join(' UNION ALL ')
}
