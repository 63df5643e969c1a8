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
  /**
   * Resolves with the signal when the process is asked to stop: SIGINT (Ctrl+C), SIGTERM, or
   * SIGHUP (the terminal went away, e.g. an SSH connection to a jump host dropped).
   */
  untilStopSignal(): Promise<NodeJS.Signals>
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/** Once the terminal is gone, writing to it fails (EIO, EPIPE): the cleanup must still run. */
let streamsGuarded = false
function ignoreClosedStreams(): void {
  if (streamsGuarded) return
  streamsGuarded = true
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined)
}

/** The io of the running process: its standard streams and its stop signals. */
export function processIo(): CliIo {
  return {
    stdout: (line) => process.stdout.write(line + '\n'),
    stderr: (line) => process.stderr.write(line + '\n'),
    untilStopSignal: () =>
      new Promise((resolve) => {
        ignoreClosedStreams()
        const stop = (signal: NodeJS.Signals) => {
          for (const name of STOP_SIGNALS) process.off(name, stop)
          // A hangup often comes twice (from the kernel and from the dying shell); a second one
          // must not kill the process halfway through stopping. A second Ctrl+C still does.
          process.on('SIGHUP', () => undefined)
          resolve(signal)
        }
        for (const name of STOP_SIGNALS) process.on(name, stop)
      }),
  }
}
