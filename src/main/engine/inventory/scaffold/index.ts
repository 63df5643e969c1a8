/**
 * dbt scaffolds for the objects decided "rebuild", the files' writer, and the prepared parity
 * comparison of each rebuilt object.
 */
export {
  buildDbtScaffold,
  planScaffold,
  type ScaffoldFile,
  type ScaffoldInput,
} from './build-scaffold'
export { assignModelNames, defaultModelName, type RebuildEntry } from './model-names'
export { LARGE_TABLE_ROWS } from './model-plan'
export { parityComparisonFor } from './parity-comparison'
export { writeDbtScaffold, type WriteScaffoldOptions } from './write-scaffold'
