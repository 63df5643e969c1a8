/**
 * The alerts CHT Watchdog does not ship for CHT Sync (reference 4: none of its provisioned
 * Grafana rules reads a couch2pg or dbt metric), as text ready to paste: a Prometheus rule file
 * and the same conditions as Grafana alert queries, filled in for one CHT instance.
 */

/** Backlog above which a growing backlog alerts: ten of CHT Sync's default batches of 1,000. */
export const BACKLOG_ALERT = 10_000
/** dbt models trailing the raw table by more than this many seconds alert. */
export const DBT_LATENCY_ALERT_S = 3600

/**
 * Only label values made of these characters go into generated rules: a host name or an
 * sql_servers.yml key. Anything else (quotes, backticks, line breaks) could break the YAML or the
 * Markdown the text is pasted into; the rule then covers every instance instead.
 */
const SAFE_VALUE = /^[A-Za-z0-9._:-]{1,100}$/

/** Whether a label value may go into a generated rule as it is. */
export const isSafeLabelValue = (value: string | null): value is string =>
  value !== null && SAFE_VALUE.test(value)

/** `{name="value"}`, or '' when there is no safe value. */
function matcher(name: string, value: string | null): string {
  return isSafeLabelValue(value) ? `{${name}="${value}"}` : ''
}

/** Where the generated rules point: CHT Sync's `cht_instance` and the exporter's `target`. */
export interface AlertSubject {
  chtInstance: string | null
  target: string | null
}

/**
 * The PromQL of each condition, for the subject. Watchdog scrapes every 5 minutes, as long as
 * Prometheus' look-back: a bare selector can miss a sample between two scrapes and reset an
 * alert's pending period, so each reads the last sample of 10 minutes (`last_over_time`).
 */
export function alertExpressions(subject: AlertSubject) {
  const instance = matcher('cht_instance', subject.chtInstance)
  const target = matcher('target', subject.target)
  const up = `last_over_time(couch2pg_up${instance}[10m])`
  const pending = `last_over_time(couch2pg_progress_pending${instance}[10m])`
  const dbt = `last_over_time(dbt_latency${target}[10m])`
  return {
    up,
    down: `${up} == 0`,
    backlog: `deriv(couch2pg_progress_pending${instance}[30m]) > 0 and ${pending} > ${BACKLOG_ALERT}`,
    missing: `absent_over_time(couch2pg_up${instance}[15m])`,
    dbtLatency: dbt,
    dbt: `${dbt} > ${DBT_LATENCY_ALERT_S}`,
  }
}

const yamlQuote = (s: string) => `'${s.replace(/'/g, "''")}'`

/** A Prometheus rule file with the four alerts, for the subject. */
export function prometheusRuleYaml(subject: AlertSubject): string {
  const e = alertExpressions(subject)
  const rule = (name: string, expr: string, forTime: string, summary: string) =>
    [
      `      - alert: ${name}`,
      `        expr: ${yamlQuote(expr)}`,
      `        for: ${forTime}`,
      '        labels:',
      '          severity: critical',
      '        annotations:',
      `          summary: ${yamlQuote(summary)}`,
    ].join('\n')
  return [
    'groups:',
    '  - name: cht-sync',
    '    rules:',
    rule(
      'CHTSyncNotUpdating',
      e.down,
      '10m',
      'CHT Sync has not updated {{ $labels.db }} of {{ $labels.cht_instance }} for 10 minutes',
    ),
    rule(
      'CHTSyncBacklogGrowing',
      e.backlog,
      '30m',
      'CHT Sync’s backlog of {{ $labels.db }} keeps growing ({{ $value }} changes left)',
    ),
    rule('CHTSyncMetricsMissing', e.missing, '15m', 'Prometheus receives no CHT Sync metrics'),
    rule(
      'CHTSyncDbtBehind',
      e.dbt,
      '15m',
      'dbt models trail the raw table by more than an hour ({{ $labels.target }})',
    ),
  ].join('\n')
}

/** The same conditions as Grafana alert rules: query A, Reduce B (Last), Threshold C. */
export function grafanaAlertText(subject: AlertSubject): string {
  const e = alertExpressions(subject)
  return [
    `CHT Sync not updating   A: ${e.up}`,
    '                        C: Threshold, B below 1; pending period 10m',
    `CHT Sync backlog grows  A: ${e.backlog}`,
    '                        C: Threshold, B above 0; pending period 30m',
    `CHT Sync metrics gone   A: ${e.missing}`,
    '                        C: Threshold, B above 0; pending period 15m; no data → Normal',
    `dbt models behind       A: ${e.dbtLatency}`,
    `                        C: Threshold, B above ${DBT_LATENCY_ALERT_S}; pending period 15m`,
  ].join('\n')
}

/** The remedy of `monitor.alerts`: what is missing, then both texts as fenced blocks. */
export function alertsRemedy(subject: AlertSubject, missing: { lag: boolean; dbt: boolean }) {
  const what = [missing.lag ? 'sync lag' : null, missing.dbt ? 'dbt' : null]
    .filter(Boolean)
    .join(' and ')
  return [
    `Add alerts on ${what}. In Grafana (Alerting → Alert rules → New alert rule, data source Prometheus), one rule per line: query A, B a Reduce (Last) of A, C the threshold on B:`,
    '```text',
    grafanaAlertText(subject),
    '```',
    'Or, for Prometheus with Alertmanager, save this as a rule file listed under rule_files in prometheus.yml and reload Prometheus:',
    '```yaml',
    prometheusRuleYaml(subject),
    '```',
    'Watchdog scrapes every 5 minutes: the rules read the last sample of 10 minutes, so one late scrape neither fires nor resets them, and a pending period below 10 minutes would alert on a single sample.',
  ].join('\n')
}
