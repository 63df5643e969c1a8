import type { InventoryObjectKind, SqlAnalysis } from '../../../../shared/results/inventory-result'

/** One definition to analyse, as the inventory reads it from the catalogue. */
export interface AnalysisInput {
  kind: InventoryObjectKind
  /** `sql`, `plpgsql`, `c`… for functions and procedures; null for the other kinds. */
  language: string | null
  /**
   * `pg_get_viewdef(oid)` (a bare SELECT) or a `CREATE [MATERIALIZED] VIEW` statement for views;
   * `pg_get_functiondef(oid)` (a whole `CREATE OR REPLACE FUNCTION`) for functions and procedures.
   */
  definition: string
}

/**
 * What the SQL analysis found, with the two halves of `references` apart.
 *
 * Names are as PostgreSQL stores them: unquoted identifiers lower case, quoted ones as written
 * (`Weird View`), `schema.name` only where the SQL qualified the name.
 */
export interface AnalysisResult extends SqlAnalysis {
  /**
   * Relations the SQL names (read, and for function bodies also written or refreshed), without
   * CTE names and without `pg_catalog.` / `information_schema.` ones. Sorted, unique.
   */
  relations: string[]
  /** Functions it calls, without PostgreSQL's well-known built-ins. Sorted, unique. */
  functions: string[]
  /**
   * Dynamic SQL only: the constant start of relation names chosen at run time (`formview_` for
   * `format('… FROM %I …', 'formview_' || p_form)`), for the caller to list candidate objects.
   * Absent when the definition builds no SQL at run time or no prefix could be read.
   */
  dynamicRelationPrefixes?: string[]
}

/** A parse-tree node of libpg-query's JSON output: `{ SelectStmt: { … } }` or its fields. */
export type Node = Record<string, unknown>

export const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
