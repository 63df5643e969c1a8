import { TEXT_LIMITS } from '../../../../shared/results/common'
import { fieldsOf, listOf, namesOf } from './ast'
import { Collector, emptyResult } from './collector'
import { parseStatements, SqlParseError } from './parser'
import { analysePlpgsql } from './plpgsql'
import type { AnalysisInput, AnalysisResult, Node } from './types'
import { collectStatement } from './walk'

/** Longer definitions are not parsed (the inventory already bounds them to this). */
export const MAX_ANALYSED_CHARS = TEXT_LIMITS.block

/** The value of a `CREATE FUNCTION` option (`language`, `as`) as its strings. */
function option(fn: Node, name: string): string[] | null {
  for (const item of listOf(fn.options)) {
    const def = fieldsOf(item, 'DefElem')
    if (def?.defname !== name) continue
    const single = fieldsOf(def.arg, 'String')
    if (single) return [typeof single.sval === 'string' ? single.sval : '']
    return namesOf(def.arg).map((s) => s ?? '')
  }
  return null
}

/** The statements of a view definition: `pg_get_viewdef` output or a whole `CREATE … VIEW`. */
function analyseView(definition: string): AnalysisResult {
  const out = new Collector()
  for (const statement of parseStatements(definition)) collectStatement(statement, out)
  return out.result({ manualReview: null })
}

/**
 * A `pg_get_functiondef` statement: a SQL body (quoted, or `BEGIN ATOMIC` / `RETURN`) is parsed
 * and analysed; PL/pgSQL is walked statement by statement; other languages are only named.
 */
function analyseRoutine(input: AnalysisInput): AnalysisResult {
  const statements = parseStatements(input.definition)
  const fn = statements.map((s) => fieldsOf(s, 'CreateFunctionStmt')).find((f) => f !== null)
  const out = new Collector()
  if (!fn) {
    // Not a CREATE FUNCTION: the caller passed a body alone; read it as SQL.
    for (const statement of statements) collectStatement(statement, out)
    return out.result({ manualReview: null })
  }
  const language = (option(fn, 'language')?.[0] ?? input.language ?? 'sql').toLowerCase()
  if (language === 'plpgsql') {
    const { manualReview, dynamicRelationPrefixes } = analysePlpgsql(input.definition, out)
    return out.result({ manualReview, dynamicRelationPrefixes })
  }
  if (language !== 'sql') {
    return { ...emptyResult(), manualReview: `Written in ${language}: not analysed.` }
  }
  if (fn.sql_body !== undefined) {
    collectStatement(fn.sql_body, out)
  } else {
    const body = option(fn, 'as')?.[0] ?? ''
    for (const statement of parseStatements(body)) collectStatement(statement, out)
  }
  return out.result({ manualReview: null })
}

/**
 * What a definition reads: relations and functions, JSON paths into jsonb columns, and the
 * equality filters on them; for PL/pgSQL and dynamic SQL, why a person must read it too.
 *
 * Pure and synchronous once `loadSqlParser()` has resolved (it throws otherwise). It never throws
 * on the SQL itself: what PostgreSQL's parser rejects comes back as `parseError` with empty
 * lists. Kinds other than views, materialized views, functions and procedures get an empty
 * analysis.
 */
export function analyzeSql(input: AnalysisInput): AnalysisResult {
  const routine = input.kind === 'function' || input.kind === 'procedure'
  if (!routine && input.kind !== 'view' && input.kind !== 'materialized_view') return emptyResult()
  if (input.definition.length > MAX_ANALYSED_CHARS) {
    const length = input.definition.length.toLocaleString('en-US')
    return emptyResult(
      `The definition is too long to analyse: ${length} characters, at most ` +
        `${MAX_ANALYSED_CHARS.toLocaleString('en-US')}.`,
    )
  }
  try {
    return routine ? analyseRoutine(input) : analyseView(input.definition)
  } catch (e) {
    if (e instanceof SqlParseError) return emptyResult(e.message)
    throw e
  }
}

/**
 * The relations a statement names (as `analyzeSql` reports them), for `pg_stat_statements`
 * query texts with their `$1` placeholders; null when the text does not parse (such texts may be
 * cut short by the server).
 */
export function relationsOfStatement(sql: string): string[] | null {
  if (sql.length > MAX_ANALYSED_CHARS) return null
  const out = new Collector()
  try {
    for (const statement of parseStatements(sql)) collectStatement(statement, out)
  } catch (e) {
    if (e instanceof SqlParseError) return null
    throw e
  }
  return out.result({ manualReview: null }).relations
}

/**
 * The objects a definition that builds SQL at run time may read: those whose name starts with
 * one of its `dynamicRelationPrefixes`. A prefix the SQL qualified (`public.formview_`) matches
 * `schema.name`; a bare one matches the name in any schema.
 */
export function dynamicCandidates<T extends { schema: string; name: string }>(
  analysis: Pick<AnalysisResult, 'dynamicRelationPrefixes'>,
  objects: readonly T[],
): T[] {
  const prefixes = analysis.dynamicRelationPrefixes ?? []
  if (prefixes.length === 0) return []
  return objects.filter((o) =>
    prefixes.some((p) => o.name.startsWith(p) || `${o.schema}.${o.name}`.startsWith(p)),
  )
}
