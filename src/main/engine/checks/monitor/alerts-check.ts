import { isAppError } from '../../../../shared/result'
import { clipText } from '../../../../shared/results/common'
import type { CheckContext, CheckOutcome } from '../check-types'
import { alertsRemedy, isSafeLabelValue, syncAlerts, type AlertSubject } from './alert-rules'
import { instanceSeries } from './metrics-check'
import { parseAlertRules } from './prometheus-series'

/**
 * `monitor.alerts`: does Prometheus hold alerting rules on CHT Sync's lag (`couch2pg_up`,
 * `couch2pg_progress_pending`) and on dbt (`dbt_latency`, `dbt_execution_time` from
 * `dbt_results`)? CHT Watchdog ships its alerts as Grafana rules, none on CHT Sync, and Grafana's
 * rules are not visible in Prometheus' API: a missing rule is a warning, with the rules to add.
 */

const IN_GRAFANA =
  'Watchdog’s own alerts live in Grafana, not in Prometheus, and none of them watches CHT Sync; an alert added in Grafana does not show here (see Alerting → Alert rules in Grafana).'

/** This instance's `cht_instance` and `target` as the series carry them; null where unknown. */
async function alertSubject(ctx: CheckContext): Promise<AlertSubject> {
  try {
    const found = await instanceSeries(ctx)
    const first = found.ours.couch2pg_up[0] ?? found.ours.couch2pg_progress_pending[0]
    return { chtInstance: first?.labels.cht_instance ?? null, target: found.targets[0] ?? null }
  } catch (e) {
    if (isAppError(e) && e.code === 'CANCELLED') throw e
    return { chtInstance: null, target: null }
  }
}

/** The run of `monitor.alerts`. */
export async function runAlertsCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const rules = parseAlertRules(await ctx.prometheus('/api/v1/rules', { type: 'alert' }))
  const { lag, dbt } = syncAlerts(rules)
  const watched = [...new Set([...lag, ...dbt])]
  const evidence: CheckOutcome['evidence'] = [
    {
      type: 'measure',
      label: 'Alerting rules in Prometheus',
      value: rules.length,
      unit: 'rules',
      limit: null,
    },
    {
      type: 'table',
      caption: 'Alerting rules on CHT Sync’s metrics',
      columns: ['group', 'alert', 'watches', 'for (s)', 'health', 'expression'],
      rows: watched
        .slice(0, 100)
        .map((r) => [
          r.group,
          r.name,
          [lag.includes(r) ? 'sync lag' : null, dbt.includes(r) ? 'dbt' : null]
            .filter(Boolean)
            .join(', '),
          r.forSeconds,
          r.health,
          clipText(r.query, 300),
        ]),
    },
  ]
  if (lag.length > 0 && dbt.length > 0) {
    const broken = watched.filter((r) => r.health === 'err')
    if (broken.length > 0) {
      return {
        verdict: 'warn',
        summary: `Prometheus cannot evaluate the alerting rule ${broken.map((r) => `“${r.name}”`).join(', ')} (health: err): it will never fire.`,
        evidence,
        remedy: {
          text: 'Open Prometheus’ /rules page for the error, fix the expression and reload Prometheus.',
        },
      }
    }
    return {
      verdict: 'pass',
      summary: `Prometheus alerts on sync lag (${lag.map((r) => r.name).join(', ')}) and on dbt (${dbt.map((r) => r.name).join(', ')}).`,
      evidence,
    }
  }
  const missing = { lag: lag.length === 0, dbt: dbt.length === 0 }
  const subject = await alertSubject(ctx)
  const what =
    missing.lag && missing.dbt
      ? 'no alerting rule on CHT Sync: neither on sync lag nor on dbt'
      : missing.lag
        ? 'no alerting rule on sync lag (couch2pg_up, couch2pg_progress_pending)'
        : 'no alerting rule on dbt (dbt_latency, dbt_execution_time)'
  const scope = isSafeLabelValue(subject.chtInstance)
    ? ''
    : ' The wizard saw no series of this CHT instance under a usable name, so the rules below cover every instance.'
  return {
    verdict: 'warn',
    summary: `Prometheus has ${what}.${missing.lag && missing.dbt ? ` ${IN_GRAFANA}` : ''}${scope}`,
    evidence,
    remedy: { text: alertsRemedy(subject, missing) },
  }
}
