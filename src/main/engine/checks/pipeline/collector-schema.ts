import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { chtSyncTarget, type ChtSyncTarget } from './cht-sync-relations'
import { listOf, shownName } from './pipeline-common'

/**
 * `monitor.collector-schema`: CHT Watchdog's cht-sync collector reads `v1.couchdb_progress`,
 * `v1.document_metadata`, `v1.couchdb` and `v1.dbt_results`, hard-coded (reference 4); a CHT Sync
 * with another `POSTGRES_SCHEMA` or `POSTGRES_TABLE` needs the collector edited.
 */

/** The collector file of CHT Watchdog to edit. */
export const COLLECTOR_FILE = 'exporters/postgres/cht_sync_collector.yml'
/** What the stock collector reads. */
export const COLLECTOR_DEFAULT: ChtSyncTarget = { schema: 'v1', table: 'couchdb' }

/** Each relation the collector names, as written and as it should read for `target`. */
export function collectorReplacements(target: ChtSyncTarget): [string, string][] {
  const d = COLLECTOR_DEFAULT
  return [
    [`${d.schema}.couchdb_progress`, shownName(target.schema, 'couchdb_progress')],
    [`${d.schema}.document_metadata`, shownName(target.schema, 'document_metadata')],
    [`${d.schema}.dbt_results`, shownName(target.schema, 'dbt_results')],
    [`${d.schema}.${d.table}`, shownName(target.schema, target.table)],
  ]
}

/** Compares the connection's schema and table with the collector's. */
export function judgeCollector(target: ChtSyncTarget): CheckOutcome {
  const equal =
    target.schema === COLLECTOR_DEFAULT.schema && target.table === COLLECTOR_DEFAULT.table
  const pairs = collectorReplacements(target).filter(([from, to]) => from !== to)
  const evidence = [
    {
      type: 'setting' as const,
      source: 'CHT Sync connection',
      key: 'schema',
      value: target.schema,
      line: null,
    },
    {
      type: 'setting' as const,
      source: 'CHT Sync connection',
      key: 'table',
      value: target.table,
      line: null,
    },
    {
      type: 'table' as const,
      caption: `What ${COLLECTOR_FILE} reads`,
      columns: ['as shipped', 'for this deployment'],
      rows: collectorReplacements(target),
    },
  ]
  if (equal) {
    return {
      verdict: 'pass',
      summary: `CHT Sync writes ${shownName(target.schema, target.table)}, which CHT Watchdog’s cht-sync collector reads as shipped.`,
      evidence,
    }
  }
  const replace = pairs.map(([from, to]) => `${from} → ${to}`)
  return {
    verdict: 'warn',
    summary: `CHT Sync writes ${shownName(target.schema, target.table)}, but CHT Watchdog’s cht-sync collector reads ${shownName(COLLECTOR_DEFAULT.schema, COLLECTOR_DEFAULT.table)}: its panels stay empty until the collector is edited.`,
    evidence,
    remedy: {
      text: `In CHT Watchdog’s ${COLLECTOR_FILE}, replace ${listOf(replace, 10)} (replace the longer names first, since ${COLLECTOR_DEFAULT.schema}.${COLLECTOR_DEFAULT.table} is the start of the others), then restart the SQL exporter. Keep the edit when you upgrade Watchdog.`,
    },
  }
}

/** `monitor.collector-schema`. */
export const MONITOR_COLLECTOR_SCHEMA = defineCheck(
  'monitor.collector-schema',
  async (ctx: CheckContext) => judgeCollector(chtSyncTarget(ctx)),
)
