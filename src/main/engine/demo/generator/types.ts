/**
 * What the demo generator produces: CouchDB documents for the five CHT databases, each with a
 * deterministic revision history, in the order they are written.
 */

/** The CouchDB databases of a CHT instance that the demo fills. */
export type ChtDatabase = 'medic' | 'medic-sentinel' | 'medic-users-meta' | 'medic-logs' | '_users'

/** The revision history CouchDB accepts with `new_edits: false`: newest first. */
export interface Revisions {
  start: number
  ids: string[]
}

/** A CouchDB document as written by `_bulk_docs` with `new_edits: false`. */
export interface CouchDoc {
  _id: string
  _rev: string
  _revisions?: Revisions
  _deleted?: true
  [field: string]: unknown
}

/** What kind of document this is, for the counts and for choosing injected differences. */
export const DOC_CATEGORIES = [
  'design',
  'settings',
  'form',
  'place',
  'person',
  'user-settings',
  'user',
  'report',
  'info',
  'task',
  'target',
  'telemetry',
  'feedback',
  'log',
] as const
export type DocCategory = (typeof DOC_CATEGORIES)[number]

export interface GeneratedDoc {
  db: ChtDatabase
  category: DocCategory
  /** Position of the document among those of its category, from 0. */
  ordinal: number
  /** The current revision; for a deleted document, the tombstone `{_id, _rev, _deleted}`. */
  doc: CouchDoc
  /**
   * The body of the revision before the current one (for a deleted document, its last live
   * body), without `_revisions`; null for a document with a single revision.
   */
  previous: CouchDoc | null
}

export interface GeneratorOptions {
  /** How many documents to generate in all four databases together (exact). */
  docs: number
  seed: number
  /**
   * The end of the 24-month window of `reported_date`s, in ms since the epoch. Default: the
   * start of the current UTC day, so a demo looks current; pass it for byte-identical output.
   */
  anchor?: number
}

/** How many documents of each category a run produces; they add up to `docs`. */
export type CategoryCounts = Record<DocCategory, number>
