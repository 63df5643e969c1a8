import type {
  RelationStats,
  SchemaStats,
} from '../../../../../src/main/engine/checks/optimize/schema-stats'

/** A table of the CHT Sync schema with harmless defaults: small, unindexed, never scanned. */
export const relation = (name: string, over: Partial<RelationStats> = {}): RelationStats => ({
  name,
  kind: 'r',
  rows: 10,
  bytes: 8192,
  hasSavedTimestamp: false,
  indexFirstKeys: [],
  joinColumns: [],
  liveTuples: 10,
  deletedTuples: 0,
  seqScans: 0,
  idxScans: 0,
  seqTupRead: 0,
  ...over,
})

/** The `v1` schema with raw table `couchdb` holding `relations`. */
export const statsOf = (...relations: RelationStats[]): SchemaStats => ({
  schema: 'v1',
  table: 'couchdb',
  statsReset: null,
  relations,
})
