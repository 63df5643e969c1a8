import { err } from '../../shared/result'
import { APP_VERSION } from '../engine/app-meta'
import { UsageError, type CliCommand } from './command'
import { COMMANDS, findCommand } from './commands'
import { ExitCode } from './exit-codes'
import { commandHelp, globalHelp, PROGRAM } from './help'
import { processIo, type CliIo } from './io'
import { describeParseError, parseCommandArgs, parseGlobalArgs } from './parse'
import { runOperation } from './run-operation'

/**
 * The `cht-migrate` command line: `bin/cht-migrate.cjs` calls this with `process.argv.slice(2)`
 * and exits with the returned code.
 *
 * Commands come from the one table in `commands.ts`. Problems with the command line return 2
 * with a message naming the problem and where the help is; anything unexpected returns 1.
 * This file is the CLI's build entry (`out/main/cli.js`) and never imports electron.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<ExitCode> {
  const json = argv.includes('--json')
  try {
    return await run(argv, io, json)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    if (json) io.stdout(JSON.stringify(err('INTERNAL', message)))
    io.stderr(`${PROGRAM}: ${message}`)
    return ExitCode.Error
  }
}

async function run(argv: string[], io: CliIo, json: boolean): Promise<ExitCode> {
  const [first, ...rest] = argv
  if (first === undefined) return badInput(io, json, 'No command given.', `${PROGRAM} --help`)
  if (first.startsWith('-')) return runGlobalOptions(argv, io, json)

  const command = findCommand(first)
  if (!command) return badInput(io, json, `Unknown command “${first}”.`, `${PROGRAM} --help`)
  let parsed: ReturnType<typeof parseCommandArgs>
  try {
    parsed = parseCommandArgs(command, rest)
  } catch (e) {
    const problem = describeParseError(e)
    if (problem === null) throw e
    return badInput(io, json, problem, commandHelpHint(command))
  }
  if (parsed.help) {
    io.stdout(commandHelp(command))
    return ExitCode.Ok
  }
  try {
    return command.kind === 'face'
      ? await command.run(parsed, io)
      : await runOperation(command, parsed, io)
  } catch (e) {
    if (e instanceof UsageError) return badInput(io, json, e.message, commandHelpHint(command))
    throw e
  }
}

function runGlobalOptions(argv: string[], io: CliIo, json: boolean): ExitCode {
  let options: ReturnType<typeof parseGlobalArgs>
  try {
    options = parseGlobalArgs(argv)
  } catch (e) {
    const problem = describeParseError(e)
    if (problem === null) throw e
    return badInput(
      io,
      json,
      `${problem} Put a command's options after the command.`,
      `${PROGRAM} --help`,
    )
  }
  if (options.help) {
    io.stdout(globalHelp(COMMANDS, APP_VERSION))
    return ExitCode.Ok
  }
  if (options.version) {
    io.stdout(options.json ? JSON.stringify({ name: PROGRAM, version: APP_VERSION }) : APP_VERSION)
    return ExitCode.Ok
  }
  return badInput(io, json, 'No command given.', `${PROGRAM} --help`)
}

const commandHelpHint = (command: CliCommand) => `${PROGRAM} ${command.name} --help`

/** A problem with the command line: the sentence on stderr, and with `--json` on stdout too. */
function badInput(io: CliIo, json: boolean, problem: string, helpCommand: string): ExitCode {
  const message = `${problem} See ${helpCommand}.`
  if (json) io.stdout(JSON.stringify(err('BAD_REQUEST', message)))
  io.stderr(`${PROGRAM}: ${message}`)
  return ExitCode.BadInput
}
