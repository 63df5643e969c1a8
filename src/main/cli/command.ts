import type { OpName } from '../../shared/contract'
import type { HandlerContext } from '../api/context'
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

/** What every row of the command table has: its name, its help and its options. */
interface CommandBase {
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
}

/**
 * A command that is a face of its own (`serve` runs browser mode): it builds what it needs and
 * returns its exit code. A bad value is reported by throwing `UsageError` (exit 2).
 */
export interface FaceCommand extends CommandBase {
  kind: 'face'
  run(args: CommandArgs, io: CliIo): Promise<ExitCode>
}

/**
 * A command that runs one operation of the contract: the row names it and maps the flags to its
 * input, which the operation's own schema validates (no bounds are copied here). One runner
 * (`run-operation.ts`) calls it, waits for its job when it starts one, prints the value (JSON
 * with `--json`) and maps the `Result` to the exit code.
 */
export interface OperationCommand<K extends OpName = OpName> extends CommandBase {
  kind: 'operation'
  operation: K
  /** The operation's input from the flags; only syntax is checked here (a number is a number). */
  input(args: CommandArgs): unknown
  /** The flag that set each input field, so a refused field is named as the user typed it. */
  flags: Record<string, string>
  /** Prints the value for people (stdout); without it, the value is printed as JSON. */
  describe?(value: unknown, ctx: HandlerContext, io: CliIo): void
  /** The object `--json` prints; without it, the value itself. */
  json?(value: unknown, ctx: HandlerContext): unknown
  /**
   * Runs after a successful operation, e.g. `demo` waits until it is stopped. Returns the exit
   * code, or null to use the one of the value.
   */
  after?(value: unknown, ctx: HandlerContext, io: CliIo): Promise<ExitCode | null>
}

/** A `cht-migrate` subcommand: one row of the command table. */
export type CliCommand = FaceCommand | OperationCommand

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
