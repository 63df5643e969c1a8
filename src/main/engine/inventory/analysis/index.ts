/**
 * The SQL analysis of the Plan step's inventory: what each view and function reads, found with
 * PostgreSQL's own parser (libpg-query). Load the parser once with `loadSqlParser()`; many
 * definitions at once go to a worker thread through the `sql.analyze` task.
 */
export {
  analyzeSql,
  dynamicCandidates,
  MAX_ANALYSED_CHARS,
  relationsOfStatement,
} from './analyze-sql'
export { loadSqlParser } from './parser'
export {
  SQL_ANALYZE_TASK,
  type SqlAnalyzeInput,
  type SqlAnalyzeItem,
  type SqlAnalyzeOutput,
} from './sql-analyze-task'
export type { AnalysisInput, AnalysisResult } from './types'
