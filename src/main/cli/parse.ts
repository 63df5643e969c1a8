import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { CliCommand, CliOption, CommandArgs } from './command'
import { COMMON_OPTIONS } from './help'

type ParsedCommandLine = CommandArgs & { help: boolean }

/** The parseArgs settings of a table row's options (drops the help-only fields). */
export function toParseArgsOptions(options: Record<string, CliOption>): ParseArgsConfig['options'] {
  return Object.fromEntries(
    Object.entries(options).map(([name, { type, short }]) => [
      name,
      short === undefined ? { type } : { type, short },
    ]),
  )
}

/**
 * Parses a command's arguments strictly: unknown flags, missing values and unexpected positionals
 * throw (the caller turns that into exit code 2).
 */
export function parseCommandArgs(command: CliCommand, args: string[]): ParsedCommandLine {
  const { values, positionals } = parseArgs({
    args,
    options: toParseArgsOptions({ ...command.options, ...COMMON_OPTIONS }),
    allowPositionals: command.positionals !== undefined,
    strict: true,
  })
  const plain = values as Record<string, string | boolean | undefined>
  return { values: plain, positionals, json: plain.json === true, help: plain.help === true }
}

/** Parses the options allowed before a command: `--help`, `--version`, `--json`. */
export function parseGlobalArgs(args: string[]): {
  help: boolean
  version: boolean
  json: boolean
} {
  const { values } = parseArgs({
    args,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
      json: { type: 'boolean' },
    },
    allowPositionals: false,
    strict: true,
  })
  return {
    help: values.help === true,
    version: values.version === true,
    json: values.json === true,
  }
}

/**
 * The first sentence of a parseArgs error (“Unknown option '--x'”), without Node's advice about
 * `--`, which does not apply to these commands.
 */
export function describeParseError(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return null
  const message = (e as Error).message
  const end = message.indexOf('. ')
  return (end === -1 ? message.replace(/\.$/, '') : message.slice(0, end)) + '.'
}
