import { isAppError } from '../../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckDef, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { runAlertsCheck } from './alerts-check'
import { runMetricsCheck } from './metrics-check'
import { dataOf, LOOKBACK, upSeries, type Series } from './prometheus-series'
import { runTargetNameCheck } from './target-check'

const NO_WATCHDOG = 'No CHT Watchdog Prometheus address is given (Monitor step).'

/**
 * Runs `run` when the project names a Watchdog Prometheus; otherwise skips, saying so (the runner
 * skips on the `watchdog` need too; this keeps a check right when it is called on its own).
 */
export const withWatchdog =
  (run: (ctx: CheckContext) => Promise<CheckOutcome>) =>
  (ctx: CheckContext): Promise<CheckOutcome> =>
    ctx.document.checks.watchdogUrl
      ? run(ctx)
      : Promise.resolve({ verdict: 'skipped', summary: NO_WATCHDOG, skippedBecause: NO_WATCHDOG })

/** An unreachable or foreign Prometheus: a finding of `monitor.prometheus`, not a crash. */
const isFinding = (e: unknown) => isAppError(e) && (e.code === 'IO_ERROR' || e.code === 'TIMEOUT')

async function runPrometheusCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const address = ctx.document.checks.watchdogUrl ?? ''
  const evidence: EvidenceItem[] = [{ type: 'fact', label: 'Prometheus address', value: address }]
  let up: Series[]
  try {
    up = await upSeries(ctx)
  } catch (e) {
    if (!isFinding(e)) throw e
    return {
      verdict: 'fail',
      summary: (e as Error).message,
      evidence,
      remedy: {
        text: 'Give the address of CHT Watchdog’s Prometheus (http://<watchdog server>:9090), reachable from this computer. Watchdog publishes Prometheus only to its own server by default: open an SSH tunnel (ssh -N -L 9090:localhost:9090 <user>@<watchdog server>) and give http://localhost:9090.',
      },
    }
  }
  let version = 'not reported (/api/v1/status/buildinfo did not answer)'
  try {
    const info = dataOf(await ctx.prometheus('/api/v1/status/buildinfo'))
    const reported = (info as { version?: unknown } | null)?.version
    if (typeof reported === 'string' && reported !== '') version = clipText(reported, 100)
  } catch (e) {
    if (!isFinding(e)) throw e
  }
  const upCount = up.filter((s) => s.value === 1).length
  const down = up.filter((s) => s.value !== 1)
  const jobs = [...new Set(up.map((s) => s.labels.job ?? ''))].filter(Boolean).sort()
  evidence.push(
    { type: 'fact', label: 'Prometheus version', value: version },
    { type: 'measure', label: 'Targets up', value: upCount, unit: 'targets', limit: null },
    { type: 'measure', label: 'Targets down', value: down.length, unit: 'targets', limit: null },
    { type: 'fact', label: 'Scrape jobs', value: jobs.join(', ') || 'none' },
  )
  if (down.length > 0) {
    evidence.push({
      type: 'table',
      caption: 'Targets Prometheus could not scrape',
      columns: ['job', 'instance'],
      rows: down.slice(0, 50).map((s) => [s.labels.job ?? '', s.labels.instance ?? '']),
    })
  }
  if (up.length === 0) {
    return {
      verdict: 'warn',
      summary: `Prometheus ${version} answers but scraped nothing in the last ${LOOKBACK}: it is not running CHT Watchdog’s configuration.`,
      evidence,
      remedy: {
        text: 'Check that this is the Prometheus started by CHT Watchdog’s docker compose (its targets page, /targets, lists the cht and sql_exporter jobs), and that cht-instances.yml names your CHT instance.',
      },
    }
  }
  const downText = down.length > 0 ? `; ${down.length} cannot be scraped` : ''
  return {
    verdict: 'pass',
    summary: clipText(
      `Prometheus ${version} answers: ${upCount} of ${up.length} targets up${downText}.`,
      TEXT_LIMITS.paragraph,
    ),
    evidence,
  }
}

/** The checks of the Monitor step that ask CHT Watchdog’s Prometheus. */
export const MONITOR_PROMETHEUS_CHECKS: CheckDef[] = [
  defineCheck('monitor.prometheus', withWatchdog(runPrometheusCheck)),
  defineCheck('monitor.metrics', withWatchdog(runMetricsCheck)),
  defineCheck('monitor.target-name', withWatchdog(runTargetNameCheck)),
  defineCheck('monitor.alerts', withWatchdog(runAlertsCheck)),
]
