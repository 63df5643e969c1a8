import { CONNECTION_CHECK_IDS } from '../connection-targets'
import type { ChtSyncFacts, Couch2pgFacts, CouchdbFacts, EndpointFacts } from './connection-result'
import type { StoredResult } from './result-schema'

/**
 * The latest facts of each endpoint, as the project holds them: what a connection result is
 * read against (the CouchDB databases a pipeline should copy, what the other pipeline copies),
 * and what the coverage of databases is built from. Each is null (or left out) when that
 * endpoint was not tested or learnt nothing.
 */
export interface ConnectionContext {
  couchdb?: CouchdbFacts | null
  couch2pg?: Couch2pgFacts | null
  chtSync?: ChtSyncFacts | null
}

function factsOf<E extends EndpointFacts['endpoint']>(
  result: StoredResult | undefined,
  endpoint: E,
): Extract<EndpointFacts, { endpoint: E }> | null {
  const details = result?.details
  if (details?.kind !== 'connection' || details.facts?.endpoint !== endpoint) return null
  return details.facts as Extract<EndpointFacts, { endpoint: E }>
}

/**
 * The context of the project's stored connection results: the facts of the latest test of each
 * endpoint, including facts learnt before a test failed (a CouchDB whose `medic` was refused
 * still said which databases it has).
 */
export function connectionContextOf(
  results: Readonly<Record<string, StoredResult>>,
): Required<ConnectionContext> {
  return {
    couchdb: factsOf(results[CONNECTION_CHECK_IDS.couchdb], 'couchdb'),
    couch2pg: factsOf(results[CONNECTION_CHECK_IDS.couch2pg], 'couch2pg'),
    chtSync: factsOf(results[CONNECTION_CHECK_IDS.chtSync], 'chtSync'),
  }
}
