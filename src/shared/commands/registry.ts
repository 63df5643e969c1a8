import { couchAccessBlock, postgresAccessBlocks } from './access'
import type { CommandBlock, CommandSource } from './command-types'
import { composeCheckBlock, composeLogsBlock, composeUpBlock } from './compose'
import { chtSyncEnvBlock } from './env-file'
import {
  breakdownBlocks,
  countsBlocks,
  deletesBlocks,
  lagBlocks,
  missingIdsBlocks,
} from './parity-blocks'
import { dbtFreshnessBlock, sizingBlock, syncProgressBlock } from './sync-sql'
import { alertBlocks, metricsBlock, sqlServersBlock, watchdogUpBlock } from './watchdog'

export type { CommandBlock, CommandLanguage, CommandSource } from './command-types'

/**
 * The commands and SQL each checklist item offers to copy, where the guide asks the user to act
 * in a terminal, psql, pgAdmin or Watchdog's files. Items not listed offer none.
 */
export const COMMANDS_OF_ITEM: Readonly<Record<string, (source: CommandSource) => CommandBlock[]>> =
  {
    'setup.env-file': (s) => [chtSyncEnvBlock(s, 'local')],
    'setup.local-profile': () => [composeUpBlock('local'), composeCheckBlock('local')],
    'setup.local-sync': (s) => [
      composeCheckBlock('local'),
      syncProgressBlock(s),
      dbtFreshnessBlock(s),
    ],
    'production.disk-sizing': (s) => [sizingBlock(s)],
    'production.couchdb-access': (s) => [couchAccessBlock(s)],
    'production.postgres-access': (s) => postgresAccessBlocks(s),
    'production.parallel-run': (s) => [
      chtSyncEnvBlock(s, 'production'),
      composeUpBlock('production'),
    ],
    'production.sync-running': (s) => [
      composeCheckBlock('production'),
      syncProgressBlock(s),
      dbtFreshnessBlock(s),
    ],
    'production.watch-logs': () => [composeLogsBlock('production')],
    'parity.sync-lag': (s) => lagBlocks(s),
    'parity.counts': (s) => countsBlocks(s),
    'parity.breakdown': (s) => breakdownBlocks(s),
    'parity.missing-ids': (s) => missingIdsBlocks(s),
    'parity.deletes': (s) => deletesBlocks(s),
    'monitor.sql-exporter': (s) => [sqlServersBlock(s), watchdogUpBlock()],
    'monitor.target-name': (s) => [sqlServersBlock(s)],
    'monitor.metrics-reachable': (s) => [metricsBlock(s)],
    'monitor.alerts': (s) => alertBlocks(s),
  }

/** The blocks of one item for this project; none for an item without commands. */
export function commandsOfItem(itemId: string, source: CommandSource): CommandBlock[] {
  return Object.hasOwn(COMMANDS_OF_ITEM, itemId) ? COMMANDS_OF_ITEM[itemId]!(source) : []
}

/** True when the item offers commands (without building them). */
export const hasCommands = (itemId: string): boolean => Object.hasOwn(COMMANDS_OF_ITEM, itemId)
