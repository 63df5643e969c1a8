/**
 * How inventory objects map onto CHT Sync and cht-pipeline: base models, leftovers, complexity
 * and the migration order.
 */
export { mapObjects } from './map-objects'
export { migrationOrder, topologicalOrder } from './migration-order'
export { COMPLEXITY_THRESHOLDS } from './complexity'
export { DOC_PATH_COLUMNS, baseColumnFor, isCovered } from './doc-paths'
