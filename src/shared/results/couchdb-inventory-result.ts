import { z } from 'zod'
import { shortText } from './common'

/**
 * The typed details of an inventory of the CHT instance's CouchDB (`kind: 'couchdb-inventory'`):
 * the CHT version, each database's counts and size, and for `medic` how its documents divide by
 * type, form and contact type (from a streamed scan; `scanned` below `total` when it stopped early).
 */
export const valueCountSchema = z.object({
  value: shortText,
  count: z.number().int().nonnegative(),
})
export type ValueCount = z.infer<typeof valueCountSchema>

export const couchDatabaseFactsSchema = z.object({
  name: shortText,
  /** Null when the database could not be read; `error` says why. */
  docCount: z.number().int().nonnegative().nullable(),
  deletedCount: z.number().int().nonnegative().nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  /** `update_seq` as the server gave it (CouchDB 2+/3 sequences are opaque strings). */
  updateSeq: shortText.nullable(),
  error: shortText.nullable(),
})
export type CouchDatabaseFacts = z.infer<typeof couchDatabaseFactsSchema>

/** At most this many values per distribution; the rest are summed into `other`. */
export const DISTRIBUTION_LIMIT = 500

const distribution = z.array(valueCountSchema).max(DISTRIBUTION_LIMIT)

export const medicDistributionSchema = z.object({
  database: shortText,
  scanned: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  /** `doc.type` values (design documents counted as `_design`). */
  types: distribution,
  /** `doc.form` of `data_record` documents. */
  forms: distribution,
  /** `doc.contact_type` of `contact` documents, and the legacy types of the hierarchy. */
  contactTypes: distribution,
  /** Documents in values beyond the limit of a distribution. */
  other: z.number().int().nonnegative(),
})
export type MedicDistribution = z.infer<typeof medicDistributionSchema>

export const couchdbInventoryDetailsSchema = z.object({
  kind: z.literal('couchdb-inventory'),
  couchVersion: shortText.nullable(),
  chtVersion: shortText.nullable(),
  databases: z.array(couchDatabaseFactsSchema).max(200),
  medic: medicDistributionSchema.nullable(),
})
export type CouchdbInventoryDetails = z.infer<typeof couchdbInventoryDetailsSchema>
