import type { ChtSyncFacts, ConnectionDetails } from './connection-result'
import type { ConnectionContext } from './connection-context'
import { count, plural, utcMinute } from './describe-format'
import {
  CHT_SYNC_ERA_LABELS,
  chtSyncFacts,
  couch2pgFacts,
  couchdbFacts,
  type DescribedFact,
} from './describe-endpoint-facts'
import { pipelineWarnings, syncCoverage } from './sync-coverage'

/**
 * Connection facts for people: the typed details of a connection test (connection-result.ts)
 * turned into `{label, value}` lines and warnings, phrased the same in the renderer, the Markdown
 * export and the CLI. Pure, so a saved project reads the same offline.
 */

export { CHT_SYNC_ERA_LABELS, count, plural, utcMinute, type DescribedFact }
export type { ConnectionContext }

export interface ConnectionDescription {
  /** What was found, in order; the server's own label is `details.serverLabel`. */
  facts: DescribedFact[]
  /**
   * Worth attention, not a failure of the test: a schema clash, a pipeline ahead of its table, a
   * failed dbt run, a database a pipeline should copy and does not.
   */
  warnings: string[]
}

/** The warnings of a CHT Sync database's own facts, shared by the describer and the verdict. */
export function chtSyncWarnings(facts: ChtSyncFacts): string[] {
  const warnings: string[] = []
  if (facts.era !== 'v2' && facts.pipeline === 'v2') {
    warnings.push(
      'cht-pipeline 2 needs the source column of CHT Sync 2’s raw table; run the documented v1 → v2 upgrade SQL first.',
    )
  }
  if (facts.schemaClash) {
    warnings.push(
      'CHT Sync writes into schema public of the couch2pg database: its couchdb and couchdb_progress tables clash with couch2pg’s. Use a separate database or another schema (such as v1).',
    )
  }
  const run = facts.dbtLastRun
  if (run && run.failed > 0) {
    const ended = run.endedAt ? ` (ended ${utcMinute(run.endedAt)})` : ''
    const failed = plural(run.failed, 'model or test', 'models or tests')
    warnings.push(
      `The latest dbt run${ended} failed for ${failed} of ${count(run.results)}: the tables they build are not up to date. See status and message in dbt_results, and the dbt container’s log.`,
    )
  }
  return warnings
}

/**
 * What a connection test found, for people. Facts learnt before a failure are described too
 * (the CouchDB databases seen before `medic` turned out missing). Results migrated from schema-2
 * projects carry their facts as text (`legacyFacts`): shown as they were, their `Warning` lines
 * as warnings.
 *
 * A PostgreSQL result also warns of the gaps in the databases its pipeline copies that matter
 * (`syncCoverage`): from its own progress rows (`medic_sentinel`, a misspelt name), and with
 * `context`, the latest facts of the other endpoints, against what CouchDB holds and what the
 * other pipeline copies.
 */
export function describeConnection(
  details: ConnectionDetails,
  context: ConnectionContext = {},
): ConnectionDescription {
  const legacy = details.legacyFacts.filter((f) => f.label !== 'Server')
  const facts: DescribedFact[] = legacy.filter((f) => f.label !== 'Warning')
  const warnings = legacy.filter((f) => f.label === 'Warning').map((f) => f.value)
  const typed = details.facts
  if (typed?.endpoint === 'couchdb') facts.push(...couchdbFacts(typed, details.ok))
  if (typed?.endpoint === 'couch2pg') {
    facts.push(...couch2pgFacts(typed))
    const coverage = syncCoverage(context.couchdb ?? null, typed, context.chtSync ?? null)
    warnings.push(...pipelineWarnings(coverage, 'couch2pg'))
  }
  if (typed?.endpoint === 'chtSync') {
    facts.push(...chtSyncFacts(typed))
    warnings.push(...chtSyncWarnings(typed))
    const coverage = syncCoverage(context.couchdb ?? null, context.couch2pg ?? null, typed)
    warnings.push(...pipelineWarnings(coverage, 'chtSync'))
  }
  return { facts, warnings }
}

/**
 * The one-paragraph summary stored with the result: `Connected to PostgreSQL 16.4: couch2pg 3.7
 * (from its migration tables).` with any warnings (given the same `context`), or the error and
 * what to do about it.
 */
export function connectionSummary(
  details: ConnectionDetails,
  context: ConnectionContext = {},
): string {
  if (!details.ok || details.error) {
    return details.error ? `${details.error.message} ${details.error.hint}` : 'The test failed.'
  }
  const { facts, warnings } = describeConnection(details, context)
  const looksLike = facts.find((f) => f.label === 'Looks like')?.value
  const server = details.serverLabel ?? 'the server'
  const head = looksLike ? `Connected to ${server}: ${looksLike}.` : `Connected to ${server}.`
  return [head, ...warnings.map((w) => `Warning: ${w}`)].join(' ')
}
