import type { Verdict } from '../../shared/results/common'
import type { Result } from '../../shared/result'

/**
 * Exit codes of every `cht-migrate` command, as promised in the architecture note.
 *
 * Scripts and cron jobs of the parallel-run period branch on them, so a value never changes
 * meaning: 3 and 4 are reserved for commands that run checks.
 */
export const ExitCode = {
  /** Done, nothing to report. */
  Ok: 0,
  /** Something went wrong: a file could not be read, a port was taken, a server failed. */
  Error: 1,
  /** The command line itself is wrong: unknown command, unknown flag, bad value. */
  BadInput: 2,
  /** A check or comparison ran and at least one failed. */
  CheckFailed: 3,
  /** Checks ran and none failed, but some warned. */
  WarningsOnly: 4,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The verdicts a value carries: a stored result's, or each of a list of results'. */
function verdictsOf(value: unknown): Verdict[] {
  if (Array.isArray(value)) return value.flatMap(verdictsOf)
  if (!isRecord(value)) return []
  if (typeof value.verdict === 'string' && isRecord(value.details))
    return [value.verdict as Verdict]
  return Array.isArray(value.results) ? value.results.flatMap(verdictsOf) : []
}

/**
 * The one mapping from an operation's `Result` to the exit code.
 *
 * A refused input is 2 (bad input); any other error 1. A value carrying verdicts (a stored
 * result, or `{ results: [...] }`): 3 when any failed, else 1 when any could not run, else 4
 * when any warned, else 0. Anything else that succeeded is 0.
 */
export function exitCodeOf(result: Result<unknown>): ExitCode {
  if (!result.ok) return result.error.code === 'BAD_REQUEST' ? ExitCode.BadInput : ExitCode.Error
  const verdicts = verdictsOf(result.value)
  if (verdicts.includes('fail')) return ExitCode.CheckFailed
  if (verdicts.includes('error')) return ExitCode.Error
  if (verdicts.includes('warn')) return ExitCode.WarningsOnly
  return ExitCode.Ok
}
