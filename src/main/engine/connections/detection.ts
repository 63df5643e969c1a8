import type { EndpointFacts } from '../../../shared/results/connection-result'

/**
 * What the probes of one endpoint learnt from a server that answered as expected: its label
 * (`PostgreSQL 16.4`, `CouchDB 3.3.3`) and the typed facts. Sentences for people are made from
 * the facts by `describeConnection` (shared/results/connection-describe.ts), not here.
 */
export interface Detection<F extends EndpointFacts = EndpointFacts> {
  serverLabel: string
  facts: F
}
