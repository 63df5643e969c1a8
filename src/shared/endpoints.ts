import { z } from 'zod'

/** The three endpoints the wizard reads from: the CHT's CouchDB and the two PostgreSQL databases. */
export const ENDPOINT_IDS = ['couchdb', 'couch2pg', 'chtSync'] as const
export const endpointIdSchema = z.enum(ENDPOINT_IDS)
export type EndpointId = z.infer<typeof endpointIdSchema>
