import { checkCommand } from './check-command'
import type { CliCommand } from './command'
import { demoCommand } from './demo-command'
import { inventoryCommand } from './inventory-command'
import { parityCommand } from './parity-command'
import { reportCommand } from './report-command'
import { serveCommand } from './serve-command'
import { teardownCommand } from './teardown-command'

/**
 * Every `cht-migrate` subcommand, in the order the help lists them.
 *
 * The parser and the help read only this table: a new command is one new row.
 */
export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  demoCommand,
  parityCommand,
  checkCommand,
  inventoryCommand,
  teardownCommand,
  reportCommand,
]

/** The command with this name, or undefined. */
export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((c) => c.name === name)
}
