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
