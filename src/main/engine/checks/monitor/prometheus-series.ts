import { AppError } from '../../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import type { CheckContext } from '../check-types'

/**
 * Reading Prometheus' answers for the monitoring checks: instant vectors, alerting rules, and
 * which series belong to the project's CHT instance.
 *
 * Labels, as CHT Watchdog's Prometheus stores them (cht-watchdog `exporters/`):
 * - the SQL exporter's series (`couch2pg_*`, `dbt_*`) carry `target`, the key of the database in
 *   `sql_servers.yml`; the `couch2pg_*` ones also `db` and `cht_instance` (the parts of CHT
 *   Sync's `source` around its `/`: the COUCHDB_HOST it reads and the database);
 * - `cht_couchdb_update_sequence` (json exporter, job `cht`) carries `instance`: the CHT URL of
 *   `cht-instances.yml` without its scheme, `www.` and trailing slash (`cht.example.org`).
 */

/** The metrics the CHT Sync panels read. */
export const SYNC_METRICS = ['couch2pg_progress_pending', 'couch2pg_up', 'dbt_latency'] as const
export type SyncMetric = (typeof SYNC_METRICS)[number]

/**
 * How far back an instant query looks. Watchdog scrapes every 5 minutes, so Prometheus' default
 * 5-minute look-back can fall between two samples; `last_over_time(…[15m])` always finds the
 * latest of the last three scrapes.
 */
export const LOOKBACK = '15m'

/** One series of an instant vector: its labels and its value (null when not a number). */
export interface Series {
  labels: Record<string, string>
  value: number | null
}

/** One alerting rule as `/api/v1/rules` lists it. */
export interface AlertRule {
  group: string
  name: string
  query: string
  /** The rule's `for`, in seconds. */
  forSeconds: number
  health: string
}

const notPrometheus = (what: string) =>
  new AppError(
    'IO_ERROR',
    `Prometheus answered ${what}, but not as Prometheus does (the data is not what its API returns). Check that the address is CHT Watchdog’s Prometheus.`,
    { endpoint: 'watchdog', kind: 'not_prometheus', status: null },
  )

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/** The `data` of an answer whether or not the caller already took it out of the envelope. */
export function dataOf(answer: unknown): unknown {
  if (isObject(answer) && answer.status === 'success' && 'data' in answer) return answer.data
  return answer
}

/** The series of an instant query's answer (`resultType: vector`). */
export function parseVector(answer: unknown, what: string): Series[] {
  const data = dataOf(answer)
  if (!isObject(data) || !Array.isArray(data.result)) throw notPrometheus(what)
  return data.result.flatMap((item): Series[] => {
    if (!isObject(item) || !isObject(item.metric)) return []
    const labels: Record<string, string> = {}
    for (const [k, v] of Object.entries(item.metric)) {
      if (typeof v === 'string') labels[k] = clipText(v, TEXT_LIMITS.short)
    }
    const raw = Array.isArray(item.value) ? item.value[1] : null
    const value = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN
    return [{ labels, value: Number.isFinite(value) ? value : null }]
  })
}

/** The alerting rules of a `/api/v1/rules` answer (recording rules are left out). */
export function parseAlertRules(answer: unknown): AlertRule[] {
  const data = dataOf(answer)
  if (!isObject(data) || !Array.isArray(data.groups)) throw notPrometheus('/api/v1/rules')
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  return data.groups.flatMap((group) => {
    if (!isObject(group) || !Array.isArray(group.rules)) return []
    return group.rules.flatMap((rule): AlertRule[] => {
      if (!isObject(rule) || rule.type !== 'alerting') return []
      return [
        {
          group: clipText(str(group.name), TEXT_LIMITS.short),
          name: clipText(str(rule.name), TEXT_LIMITS.short),
          query: str(rule.query),
          forSeconds: typeof rule.duration === 'number' ? rule.duration : 0,
          health: clipText(str(rule.health), 40),
        },
      ]
    })
  })
}

/** Runs an instant query once per checks run (the checks share the answers). */
export function instantQuery(ctx: CheckContext, query: string): Promise<Series[]> {
  return ctx.memo(`prometheus:query:${query}`, async () =>
    parseVector(await ctx.prometheus('/api/v1/query', { query }), `the query ${query}`),
  )
}

/** The latest value of each series of `metric` within the look-back. */
export const latestOf = (ctx: CheckContext, metric: string): Promise<Series[]> =>
  instantQuery(ctx, `last_over_time(${metric}[${LOOKBACK}])`)

/** `up` of every target Prometheus scrapes (`job`, `instance`), shared by the checks of a run. */
export const upSeries = (ctx: CheckContext): Promise<Series[]> =>
  instantQuery(ctx, `last_over_time(up[${LOOKBACK}])`)

/**
 * A host name as the checks compare them: lower case, without scheme, user, `www.`, port, path.
 * `https://www.CHT.example.org:443/` and `cht.example.org` are the same host.
 */
export function hostName(address: string): string {
  let s = address.trim().toLowerCase()
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
  s = s.replace(/[/?#].*$/, '')
  s = s.replace(/^.*@/, '')
  if (s.startsWith('[')) s = s.slice(0, s.indexOf(']') + 1)
  else if ((s.match(/:/g) ?? []).length === 1) s = s.replace(/:\d*$/, '')
  return s.replace(/^www\./, '')
}

/**
 * The host names CHT Sync may call this project's CHT instance: the CouchDB connection's host
 * and, when a configuration is chosen, each COUCHDB_HOST (or `couchdbs[].host`) it reads.
 * A configuration that cannot be read only leaves its hosts out.
 */
export async function instanceHosts(ctx: CheckContext): Promise<string[]> {
  const hosts = new Set<string>()
  const couchdb = ctx.document.connections.couchdb
  if (couchdb) hosts.add(hostName(couchdb.url))
  const config = await ctx.config().catch(() => null)
  for (const target of config?.couchdbs ?? []) {
    if (target.host && target.host.value.trim() !== '') hosts.add(hostName(target.host.value))
  }
  hosts.delete('')
  return [...hosts]
}

/** Whether a label value names one of `hosts` (compared as `hostName` does). */
export const namesHost = (value: string | undefined, hosts: readonly string[]): boolean =>
  value !== undefined && value !== '' && hosts.includes(hostName(value))

/** A label's value for a table cell ('' when absent). */
export const label = (s: Series, name: string): string => s.labels[name] ?? ''

/** The distinct non-empty values of a label over some series, sorted. */
export const distinct = (series: readonly Series[], name: string): string[] =>
  [...new Set(series.map((s) => label(s, name)).filter((v) => v !== ''))].sort()

/** `a`, `a and b`, `a, b and c` with each name quoted; the rest counted past `max`. */
export function nameList(names: readonly string[], max = 5): string {
  const quoted = names.slice(0, max).map((n) => `“${clipText(n, 80)}”`)
  if (names.length > max) quoted.push(`${names.length - max} more`)
  if (quoted.length <= 1) return quoted[0] ?? 'none'
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`
}
