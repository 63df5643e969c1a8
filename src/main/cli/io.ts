/**
 * Where a command writes and what it waits for, so commands run the same in the real process and
 * in tests.
 *
 * `stdout` is for the command's output (machine-readable with `--json`); `stderr` is for messages
 * to the person at the terminal. Each call writes one line.
 */
export interface CliIo {
  stdout(line: string): void
  stderr(line: string): void
  /** Resolves with the signal when the process is asked to stop (SIGINT or SIGTERM). */
  untilStopSignal(): Promise<NodeJS.Signals>
}

/** The io of the running process: its standard streams and its stop signals. */
export function processIo(): CliIo {
  return {
    stdout: (line) => process.stdout.write(line + '\n'),
    stderr: (line) => process.stderr.write(line + '\n'),
    untilStopSignal: () =>
      new Promise((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          resolve(signal)
        }
        process.on('SIGINT', stop)
        process.on('SIGTERM', stop)
      }),
  }
}
