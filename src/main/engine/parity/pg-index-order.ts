import type pg from 'pg'
import { readTransaction, type ReadOptions } from '../db/read-transaction'
import { relationSources, type RelationSource, type RelationSpec } from './pg-relations'

/**
 * Whether a table's id index sorts in code-point order, so that a segment `[lo, hi)` is one
 * index range: `id >= lo AND id < hi` in the index's own collation (no `COLLATE "C"` on the
 * query, which would keep the planner off the index) selects exactly the segment's rows.
 *
 * A btree with the type's default operator class sorts like "C" when its collation is "C" or
 * "POSIX", a libc (or, PostgreSQL 17, builtin) collation whose locale is C, POSIX or C.UTF-8,
 * or the database default when the database's locale is one of those. ICU collations never do.
 * The catalog rows are read as JSON (`to_jsonb`), so columns that differ between versions
 * (`datlocprovider` since 15, `colliculocale` 15–16, `colllocale` 17) are simply present or not.
 */

/** How to query a table's id by range through its index. */
export interface CodePointIndex {
  /** The index's name (for plans and reports). */
  index: string
  /** `COLLATE <name>` to put on the id, when the index's collation is not the id's own; or ''. */
  collate: string
}

/** Locales whose libc collation compares the bytes of UTF-8, which is code-point order. */
const C_LOCALES = new Set(['c', 'posix', 'c.utf-8', 'c.utf8'])
/** The `default` collation's oid: the database's own. */
const DEFAULT_COLLATION = 100

type CatalogRow = Record<string, unknown>

/** Whether a collation (its `pg_collation` row, null for the default) sorts in code-point order. */
export function sortsLikeC(collation: CatalogRow | null, database: CatalogRow): boolean {
  const str = (row: CatalogRow, ...keys: string[]) => {
    for (const k of keys) if (typeof row[k] === 'string') return (row[k] as string).toLowerCase()
    return ''
  }
  const own = collation !== null && str(collation, 'collprovider') !== 'd' ? collation : null
  if (own?.collisdeterministic === false) return false
  const provider = own ? str(own, 'collprovider') : str(database, 'datlocprovider') || 'c'
  const locale = own
    ? provider === 'c'
      ? str(own, 'collcollate')
      : str(own, 'colllocale', 'colliculocale')
    : provider === 'c'
      ? str(database, 'datcollate')
      : str(database, 'datlocale', 'daticulocale')
  if (provider === 'c') return C_LOCALES.has(locale)
  if (provider === 'b') return locale === 'c' || locale === 'c.utf-8'
  return false
}

/** How the catalog shows the id as an index key: couch2pg's expression, CHT Sync's column. */
const idKeys = (s: RelationSource) =>
  s.id === '_id' || s.id === '"_id"' ? ['_id', '"_id"'] : [`(doc ->> '_id'::text)`]

/**
 * Per table of `spec` (by `regclass`), the index that serves code-point ranges of its id, or
 * null when none does (no such index, or one whose collation sorts otherwise).
 */
export async function codePointIndexes(
  pool: pg.Pool,
  spec: RelationSpec,
  options: ReadOptions,
): Promise<Map<string, CodePointIndex | null>> {
  const sources = relationSources(spec)
  const out = new Map<string, CodePointIndex | null>()
  await readTransaction(pool, options, async (tx) => {
    const db = await tx.query<{ d: CatalogRow }>(
      `SELECT to_jsonb(d.*) AS d FROM pg_database d WHERE d.datname = current_database()`,
    )
    const database = db.rows[0]?.d ?? {}
    for (const s of sources) {
      const { rows } = await tx.query<{
        index: string
        key: string
        coll: number
        natural: number
        collation: CatalogRow | null
        collname: string | null
      }>(
        `SELECT c.relname AS index, pg_get_indexdef(i.indexrelid, 1, true) AS key,
                i.indcollation[0]::int AS coll, to_jsonb(co.*) AS collation,
                quote_ident(n.nspname) || '.' || quote_ident(co.collname) AS collname,
                CASE WHEN i.indkey[0] = 0 THEN ${DEFAULT_COLLATION}
                     ELSE (SELECT a.attcollation::int FROM pg_attribute a
                            WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[0]) END AS natural
           FROM pg_index i
           JOIN pg_class c ON c.oid = i.indexrelid
           JOIN pg_am am ON am.oid = c.relam
           JOIN pg_opclass o ON o.oid = i.indclass[0]
           LEFT JOIN pg_collation co ON co.oid = i.indcollation[0]
           LEFT JOIN pg_namespace n ON n.oid = co.collnamespace
          WHERE i.indrelid = $1::regclass AND am.amname = 'btree' AND o.opcdefault
            AND i.indpred IS NULL AND i.indisvalid AND i.indisready
          ORDER BY i.indisprimary DESC, i.indisunique DESC, c.relname`,
        [s.regclass],
      )
      const keys = idKeys(s)
      const usable = rows.find(
        (r) =>
          keys.includes(r.key) &&
          sortsLikeC(r.coll === DEFAULT_COLLATION ? null : r.collation, database),
      )
      out.set(
        s.regclass,
        usable
          ? {
              index: usable.index,
              collate:
                usable.coll === usable.natural || !usable.collname
                  ? ''
                  : ` COLLATE ${usable.collname}`,
            }
          : null,
      )
    }
  })
  return out
}
