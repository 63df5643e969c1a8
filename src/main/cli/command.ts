import type { ExitCode } from './exit-codes'
import type { CliIo } from './io'

/**
 * One option of a command: the `node:util` parseArgs settings plus what the help shows.
 */
export interface CliOption {
  type: 'string' | 'boolean'
  short?: string
  /** The placeholder of the value in the help (`--port N`); string options only. */
  valueName?: string
  description: string
}

/** The parsed command line handed to a command. */
export interface CommandArgs {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
  /** `--json`: machine output on stdout, human messages on stderr. */
  json: boolean
}

/**
 * A `cht-migrate` subcommand: one row of the command table.
 *
 * `--help` and `--json` are added to every command's options by the parser, so rows list only
 * their own. A command reports bad values by throwing `UsageError` (exit 2) and returns its exit
 * code otherwise.
 */
export interface CliCommand {
  name: string
  /** One line for the command list. */
  summary: string
  /** The usage line without the program name: `serve [--port N] …`. */
  usage: string
  /** A paragraph for the command's own help. */
  description: string
  options: Record<string, CliOption>
  /** The placeholder of positional arguments in the help; absent when the command takes none. */
  positionals?: string
  run(args: CommandArgs, io: CliIo): Promise<ExitCode>
}

/**
 * A problem with the command line itself (unknown flag, bad value): exit code 2.
 *
 * The message names the problem; the parser adds where to find the help.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
