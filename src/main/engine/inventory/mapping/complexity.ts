import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import type { ComplexityBand, InventoryObject } from '../../../../shared/results/inventory-result'

/**
 * How much work rebuilding an object is, in three bands:
 *
 * - `significant`: it builds SQL at run time, its SQL could not be parsed or its definition not
 *   read, it is PL/pgSQL naming more than `plpgsqlReferences` relations or functions, it has
 *   `significantDepth` or more levels of custom objects below it, reads more than
 *   `significantPaths` JSON paths, or calls more than `significantFunctions` functions;
 * - `simple`: none of that, not PL/pgSQL, not a table, nothing left for a person to review, at
 *   most `simpleDepth` level of custom objects below it, at most `simplePaths` JSON paths and no
 *   function calls;
 * - `medium`: the rest (a custom table is at least medium: its data comes from outside SQL).
 */
export const COMPLEXITY_THRESHOLDS = {
  simplePaths: 10,
  simpleDepth: 1,
  significantPaths: 40,
  significantDepth: 3,
  significantFunctions: 3,
  plpgsqlReferences: 3,
} as const

/** What the band is worked out from. */
export interface ComplexityFacts {
  paths: number
  /** Longest chain of custom objects upstream (see `customDepths`). */
  depth: number
  /** Functions and procedures among its dependencies. */
  functions: number
  plpgsql: boolean
  /** Relations and functions the SQL names. */
  references: number
  dynamicSql: boolean
  /** Why a person must read it (the analysis' `manualReview`), or null. */
  manualReview: string | null
  parseError: string | null
  unreadable: string | null
  table: boolean
}

const DYNAMIC = 'Builds SQL at run time'

/** The facts of one object, given its depth of custom objects. */
export function complexityFacts(object: InventoryObject, depth: number): ComplexityFacts {
  const analysis = object.analysis
  return {
    paths: analysis?.jsonPaths.length ?? 0,
    depth,
    functions: object.dependsOn.filter(
      (k) => k.startsWith('function:') || k.startsWith('procedure:'),
    ).length,
    plpgsql: (object.language ?? '').toLowerCase() === 'plpgsql',
    references: Math.max(analysis?.references.length ?? 0, object.dependsOn.length),
    dynamicSql: analysis?.manualReview?.startsWith(DYNAMIC) ?? false,
    manualReview: analysis?.manualReview ?? null,
    parseError: analysis?.parseError ?? null,
    unreadable: object.unreadable,
    table: object.kind === 'table',
  }
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The band and the sentences that explain it (at most ten, each a stored line). */
export function complexityOf(facts: ComplexityFacts): {
  complexity: ComplexityBand
  reasons: string[]
} {
  const t = COMPLEXITY_THRESHOLDS
  const reasons: string[] = []
  if (facts.unreadable !== null)
    reasons.push(`Its definition could not be read: ${facts.unreadable}`)
  if (facts.dynamicSql) reasons.push(facts.manualReview ?? `${DYNAMIC}.`)
  if (facts.parseError !== null) reasons.push(`The SQL parser rejected it: ${facts.parseError}`)
  if (facts.plpgsql) {
    reasons.push(`Written in PL/pgSQL, naming ${count(facts.references, 'object', 'objects')}.`)
  }
  if (facts.manualReview !== null && !facts.dynamicSql && !facts.plpgsql) {
    reasons.push(facts.manualReview)
  }
  if (facts.table) reasons.push('A table: its data comes from outside SQL (a seed or a job).')
  if (facts.depth > 0) {
    reasons.push(`${count(facts.depth, 'level', 'levels')} of custom objects below it.`)
  }
  if (facts.paths > 0) reasons.push(`Reads ${count(facts.paths, 'JSON path', 'JSON paths')}.`)
  if (facts.functions > 0) reasons.push(`Calls ${count(facts.functions, 'function', 'functions')}.`)

  const significant =
    facts.dynamicSql ||
    facts.parseError !== null ||
    facts.unreadable !== null ||
    (facts.plpgsql && facts.references > t.plpgsqlReferences) ||
    facts.depth >= t.significantDepth ||
    facts.paths > t.significantPaths ||
    facts.functions > t.significantFunctions
  const simple =
    !facts.plpgsql &&
    !facts.table &&
    facts.manualReview === null &&
    facts.depth <= t.simpleDepth &&
    facts.paths <= t.simplePaths &&
    facts.functions === 0
  const complexity: ComplexityBand = significant ? 'significant' : simple ? 'simple' : 'medium'
  if (reasons.length === 0) reasons.push('No JSON paths, custom objects or functions to translate.')
  return {
    complexity,
    reasons: reasons.slice(0, 10).map((r) => clipText(r, TEXT_LIMITS.line)),
  }
}
