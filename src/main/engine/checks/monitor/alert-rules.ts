import type { AlertRule } from './prometheus-series'

/**
 * Which of Prometheus' alerting rules watch CHT Sync. The rule text the wizard proposes lives in
 * src/shared/commands/alert-rules.ts, shared with the commands an item offers to copy.
 */
export {
  alertExpressions,
  alertsRemedy,
  BACKLOG_ALERT,
  DBT_LATENCY_ALERT_S,
  grafanaAlertText,
  isSafeLabelValue,
  prometheusRuleYaml,
  type AlertSubject,
} from '../../../../shared/commands/alert-rules'

/** Metrics whose rules watch the sync itself (couch2pg service). */
const SYNC_LAG_METRICS = /\bcouch2pg_(up|progress_pending|progress_sequence)\b/
/** Metrics whose rules watch dbt: its lag behind the raw table or its per-model results. */
const DBT_METRICS = /\bdbt_(latency|execution_time)\b/

/** The alerting rules that watch CHT Sync's lag, and those that watch dbt. */
export function syncAlerts(rules: readonly AlertRule[]): { lag: AlertRule[]; dbt: AlertRule[] } {
  return {
    lag: rules.filter((r) => SYNC_LAG_METRICS.test(r.query)),
    dbt: rules.filter((r) => DBT_METRICS.test(r.query)),
  }
}
