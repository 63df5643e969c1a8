import type { CliCommand, CliOption } from './command'
import { ExitCode } from './exit-codes'

/** The program name as typed by the user. */
export const PROGRAM = 'cht-migrate'

/** Options every command accepts; the parser adds them to each row of the table. */
export const COMMON_OPTIONS: Record<string, CliOption> = {
  json: { type: 'boolean', description: 'Machine-readable output on stdout; messages on stderr' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
}

const EXIT_CODES_LINE =
  `Exit codes: ${ExitCode.Ok} ok, ${ExitCode.Error} error, ${ExitCode.BadInput} bad input, ` +
  `${ExitCode.CheckFailed} a check failed, ${ExitCode.WarningsOnly} warnings only.`

/** Two-column lines, the first column padded to the widest entry. */
function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length))
  return rows.map(([left, right]) => `  ${left.padEnd(width)}   ${right}`)
}

/** Breaks a paragraph into lines of at most `width` characters, at spaces. */
function wrap(text: string, width = 96): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  return line === '' ? lines : [...lines, line]
}

function optionLabel(name: string, option: CliOption): string {
  const long = `--${name}${option.valueName ? ` ${option.valueName}` : ''}`
  return option.short ? `-${option.short}, ${long}` : `    ${long}`
}

/** The global help: what the tool is, its commands (from the table) and the exit codes. */
export function globalHelp(commands: readonly CliCommand[], version: string): string {
  return [
    `${PROGRAM} ${version}: the CHT Sync migration wizard`,
    '',
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...table(commands.map((c) => [c.name, c.summary])),
    '',
    'Options:',
    ...table([
      ['-h, --help', `Show this help; ${PROGRAM} <command> --help shows a command's options`],
      ['-v, --version', 'Print the version'],
    ]),
    '',
    'Every command accepts --json: machine-readable output on stdout, messages on stderr.',
    EXIT_CODES_LINE,
  ].join('\n')
}

/** The help of one command: usage, description and its options (common ones last). */
export function commandHelp(command: CliCommand): string {
  const options = { ...command.options, ...COMMON_OPTIONS }
  return [
    `Usage: ${PROGRAM} ${command.usage}`,
    '',
    ...wrap(command.description),
    '',
    'Options:',
    ...table(Object.entries(options).map(([name, o]) => [optionLabel(name, o), o.description])),
    '',
    EXIT_CODES_LINE,
  ].join('\n')
}
