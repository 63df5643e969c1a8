import {
  CONNECTION_CHECK_IDS,
  CONNECTIONS_ITEM_ID,
  ENDPOINT_LABELS,
} from '../../../shared/connection-targets'
import type { EndpointId } from '../../../shared/project-schema'
import { clipText, TEXT_LIMITS, type Verdict } from '../../../shared/results/common'
import {
  connectionSummary,
  describeConnection,
  type ConnectionContext,
} from '../../../shared/results/connection-describe'
import type {
  ConnectionDetails,
  ConnectionError,
  EndpointFacts,
} from '../../../shared/results/connection-result'
import type { NewResult } from '../../../shared/results/result-schema'

/** Everything one connection test produced, before it becomes a stored result. */
export interface ConnectionOutcome {
  endpoint: EndpointId
  /** The display target, never a password (SEC-09). */
  target: string
  ranAt: string
  durationMs: number
  serverLabel: string | null
  facts: EndpointFacts | null
  error: ConnectionError | null
}

/**
 * The result of a connection test, as the project stores it: `connection.<endpoint>` on the
 * checklist item `plan.connections`, against the display target, with the typed details.
 *
 * Verdicts: `pass` when connected, `warn` when connected with warnings (a schema clash, a
 * pipeline that needs CHT Sync 2, a failed dbt run, a database the pipeline should copy and does
 * not, read against `context`: the latest facts of the other endpoints), `error` when the test
 * could not run (no profile, no password), `fail` for every classified connection failure. Every
 * text is clipped to its bound.
 */
export function connectionResult(
  outcome: ConnectionOutcome,
  context: ConnectionContext = {},
): NewResult {
  const error = outcome.error
    ? {
        ...outcome.error,
        message: clipText(outcome.error.message, TEXT_LIMITS.paragraph),
        hint: clipText(outcome.error.hint, TEXT_LIMITS.paragraph),
      }
    : null
  const details: ConnectionDetails = {
    kind: 'connection',
    endpoint: outcome.endpoint,
    ok: error === null,
    durationMs: outcome.durationMs,
    serverLabel:
      outcome.serverLabel === null ? null : clipText(outcome.serverLabel, TEXT_LIMITS.short),
    facts: outcome.facts,
    error,
    legacyFacts: [],
  }
  let verdict: Verdict
  if (error === null) {
    verdict = describeConnection(details, context).warnings.length > 0 ? 'warn' : 'pass'
  } else verdict = error.kind === 'no_profile' || error.kind === 'no_password' ? 'error' : 'fail'
  return {
    id: CONNECTION_CHECK_IDS[outcome.endpoint],
    itemId: CONNECTIONS_ITEM_ID,
    title: `Connection to the ${ENDPOINT_LABELS[outcome.endpoint]}`,
    verdict,
    summary: clipText(connectionSummary(details, context), TEXT_LIMITS.paragraph),
    ranAt: outcome.ranAt,
    durationMs: outcome.durationMs,
    endpoints: [{ endpoint: outcome.endpoint, target: clipText(outcome.target, TEXT_LIMITS.line) }],
    partial: null,
    details,
  }
}
