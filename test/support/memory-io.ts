import type { CliIo } from '../../src/main/cli/io'

/** A `CliIo` that records what a command prints; `stop()` plays the Ctrl+C. */
export function memoryIo() {
  const out: string[] = []
  const err: string[] = []
  let stop: (signal: NodeJS.Signals) => void = () => undefined
  const stopped = new Promise<NodeJS.Signals>((resolve) => (stop = resolve))
  const io: CliIo = {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    untilStopSignal: () => stopped,
  }
  return {
    io,
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
    stop: (signal: NodeJS.Signals = 'SIGINT') => stop(signal),
  }
}
