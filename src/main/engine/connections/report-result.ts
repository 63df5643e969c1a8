import type { ConnectionReport } from '../../../shared/connections'
import {
  CONNECTION_CHECK_IDS,
  CONNECTIONS_ITEM_ID,
  ENDPOINT_LABELS,
  FACT_PREFIX,
  WARNING_LABEL,
} from '../../../shared/connection-targets'
import type { CheckResult, Verdict } from '../../../shared/project-schema'

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text

/**
 * The stored evidence of a connection test: `connection.<endpoint>` on the checklist item
 * `plan.connections`, against the display target (never a password, SEC-09), with what was
 * detected as its measurements.
 *
 * Verdicts: `pass` when connected, `warn` when connected with warnings (a schema clash, a
 * pipeline that needs CHT Sync 2), `error` when the test could not run (no profile or password),
 * `fail` for every classified connection failure.
 */
export function reportToResult(report: ConnectionReport): CheckResult {
  const warnings = report.found.filter((f) => f.label === WARNING_LABEL)
  let verdict: Verdict
  let summary: string
  if (report.ok) {
    verdict = warnings.length > 0 ? 'warn' : 'pass'
    const facts = report.found
      .filter((f) => f.label !== WARNING_LABEL && f.label !== 'Server')
      .map((f) => `${f.label}: ${f.value}`)
    summary = [
      `Connected to ${report.serverVersion ?? 'the server'}.`,
      ...facts,
      ...warnings.map((w) => `Warning: ${w.value}`),
    ].join(' · ')
  } else {
    const error = report.error
    verdict = error?.kind === 'no_profile' || error?.kind === 'no_password' ? 'error' : 'fail'
    summary = error ? `${error.message} ${error.hint}` : 'The test failed.'
  }
  const measurements: CheckResult['measurements'] = {
    ...report.detected,
    ok: report.ok,
    errorKind: report.error?.kind ?? null,
    errorMessage: report.error?.message ?? null,
    errorHint: report.error?.hint ?? null,
    durationMs: report.durationMs,
    serverVersion: report.serverVersion,
  }
  for (const { label, value } of report.found) {
    let key = `${FACT_PREFIX}${label}`
    for (let n = 2; key in measurements; n++) key = `${FACT_PREFIX}${label} (${n})`
    measurements[key] = value
  }
  return {
    checkId: CONNECTION_CHECK_IDS[report.endpoint],
    itemId: CONNECTIONS_ITEM_ID,
    title: `Connection to the ${ENDPOINT_LABELS[report.endpoint]}`,
    ranAt: report.testedAt,
    endpoint: clip(report.target, 500),
    verdict,
    summary: clip(summary, 5_000),
    measurements,
  }
}
