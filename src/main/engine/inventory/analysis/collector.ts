import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import type { SqlFilter } from '../../../../shared/results/inventory-result'
import { isBuiltinFunction, isSystemRelation } from './builtins'
import type { AnalysisResult } from './types'

/** Bounds of `sqlAnalysisSchema`: lists are cut there so a stored result always validates. */
const MAX_PATHS = 500
const MAX_REFERENCES = 500
const MAX_FILTERS = 100
const MAX_VALUES = 100

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort()

/** What the walk of one definition found so far; turned into an `AnalysisResult` at the end. */
export class Collector {
  readonly relations = new Set<string>()
  readonly functions = new Set<string>()
  readonly paths = new Set<string>()
  readonly filters = new Map<string, Set<string>>()

  /** A relation as written: `schema.name` when qualified; the catalogue's own are left out. */
  addRelation(schema: string | null, name: string): void {
    if (isSystemRelation(schema)) return
    this.relations.add(schema === null ? name : `${schema}.${name}`)
  }

  /** A called function by its name parts; PostgreSQL's built-ins are left out. */
  addFunction(parts: readonly string[]): void {
    if (parts.length === 0 || isBuiltinFunction(parts)) return
    this.functions.add(parts.join('.'))
  }

  /** A JSON path read from `column`: `doc` with `fields`, `lmp_date` is `doc.fields.lmp_date`. */
  addPath(column: string, keys: readonly string[]): void {
    if (keys.length > 0) this.paths.add([column, ...keys].join('.'))
  }

  /** Values a JSON path (keys without the column: `type`, `fields.visit_type`) is compared with. */
  addFilter(keys: readonly string[], values: readonly string[]): void {
    if (keys.length === 0 || values.length === 0) return
    const path = keys.join('.')
    const known = this.filters.get(path) ?? new Set<string>()
    for (const value of values) known.add(value)
    this.filters.set(path, known)
  }

  /** The result, with every list sorted, unique and cut to the stored bounds. */
  result(extra: Pick<AnalysisResult, 'manualReview' | 'dynamicRelationPrefixes'>): AnalysisResult {
    const short = (s: string) => clipText(s, TEXT_LIMITS.short)
    const relations = sorted([...this.relations].map(short))
    const functions = sorted([...this.functions].map(short))
    const filters: SqlFilter[] = [...this.filters.keys()]
      .sort()
      .slice(0, MAX_FILTERS)
      .map((path) => ({
        path: short(path),
        values: sorted([...(this.filters.get(path) ?? [])].map(short)).slice(0, MAX_VALUES),
      }))
    const result: AnalysisResult = {
      jsonPaths: sorted([...this.paths].map(short)).slice(0, MAX_PATHS),
      filters,
      references: sorted([...relations, ...functions]).slice(0, MAX_REFERENCES),
      manualReview:
        extra.manualReview === null ? null : clipText(extra.manualReview, TEXT_LIMITS.line),
      parseError: null,
      relations,
      functions,
    }
    if (extra.dynamicRelationPrefixes !== undefined) {
      result.dynamicRelationPrefixes = sorted(extra.dynamicRelationPrefixes.map(short))
    }
    return result
  }
}

/** An analysis that found nothing: other kinds, or SQL the parser rejected. */
export function emptyResult(parseError: string | null = null): AnalysisResult {
  return {
    jsonPaths: [],
    filters: [],
    references: [],
    manualReview: null,
    parseError: parseError === null ? null : clipText(parseError, TEXT_LIMITS.line),
    relations: [],
    functions: [],
  }
}
