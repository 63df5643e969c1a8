import { resolve } from 'node:path'
import { call } from '../api/dispatch'
import { startServer, type RunningServer } from '../serve/server'
import { UsageError, type FaceCommand } from './command'
import { ExitCode } from './exit-codes'
import { openBrowser } from './open-browser'
import { createCliContext } from './run-operation'
import { startServeDemo } from './serve-demo'
import { isRendererBuilt, rendererDir } from './renderer-dir'

/** The port browser mode uses unless told otherwise. */
export const DEFAULT_PORT = 4780

/** Reads `--port`: a whole number from 0 to 65535 (0 picks a free port). */
export function parsePort(value: string | boolean | undefined): number {
  if (value === undefined) return DEFAULT_PORT
  const text = String(value)
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(
      `Invalid --port “${text}”: give a number from 0 to 65535 (0 picks a free port).`,
    )
  }
  return port
}

/**
 * `cht-migrate serve`: the wizard in a browser, on 127.0.0.1 with a per-run token (SEC-11).
 *
 * Opens `--project` first and stops with exit 1 when it cannot be loaded, so a typo never starts a
 * server showing no project. Runs until SIGINT or SIGTERM, then flushes the autosave, closes the
 * server and exits 0.
 */
export const serveCommand: FaceCommand = {
  kind: 'face',
  name: 'serve',
  summary: 'Run the wizard in your browser, on this machine only (browser mode)',
  usage: 'serve [--port N] [--no-open] [--project FILE | --demo] [--json]',
  description:
    'Serves the wizard on 127.0.0.1 and prints its address, which carries a one-time access token; ' +
    'requests without the token are refused. On a jump host, forward the same port number through ' +
    'SSH (ssh -L 4780:127.0.0.1:4780 host) and open the printed address on your own machine. ' +
    'With --demo it first starts the demo deployment (cht-migrate demo) and opens its project. ' +
    'Stop it with Ctrl+C (which also stops the demo and removes its files).',
  options: {
    port: {
      type: 'string',
      valueName: 'N',
      description: `Port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free port)`,
    },
    'no-open': { type: 'boolean', description: 'Do not open a browser; only print the address' },
    project: { type: 'string', valueName: 'FILE', description: 'Open this project file at start' },
    demo: {
      type: 'boolean',
      description: 'Start the demo deployment and open its project (stopped with the server)',
    },
  },
  async run({ values, json }, io) {
    const port = parsePort(values.port)
    if (values.demo === true && values.project !== undefined) {
      throw new UsageError('Give either --project or --demo, not both.')
    }
    const dir = rendererDir()
    if (!isRendererBuilt(dir)) {
      io.stderr(`The wizard is not built; run npm run build (no index.html in ${dir}).`)
      return ExitCode.Error
    }
    // The browser face: a typed path is the user's own (SEC-10), typed on this machine.
    const ctx = { ...(await createCliContext()), face: 'browser' as const }
    // Ctrl+C must be heard from the start: it cancels a demo still starting.
    const stopSignal = io.untilStopSignal()
    let server: RunningServer | null = null
    try {
      if (values.demo === true && !(await startServeDemo(ctx, io, stopSignal))) {
        return ExitCode.Error
      }
      if (typeof values.project === 'string') {
        const path = resolve(values.project)
        const opened = await call('project.open', { path }, ctx)
        if (!opened.ok) {
          io.stderr(`Could not open ${path}: ${opened.error.message}`)
          return ExitCode.Error
        }
      }
      try {
        server = await startServer({ port, rendererDir: dir, ctx })
      } catch (e) {
        io.stderr(listenFailure(e, port))
        return ExitCode.Error
      }
    } finally {
      // Only reached early on a failure: the engine stops what it started (a demo included).
      if (!server) await ctx.dispose()
    }
    if (json) {
      const { url, token } = server
      io.stdout(JSON.stringify({ url, port: server.port, token, pid: process.pid }))
    } else {
      io.stdout(`Open ${server.url}`)
    }
    io.stderr('The address carries an access token: share it with no one. Press Ctrl+C to stop.')
    if (values['no-open'] !== true) openBrowser(server.url)

    const signal = await stopSignal
    io.stderr(`Stopping (${signal})…`)
    const hadDemo = ctx.demo.current !== null
    await server.close()
    await ctx.dispose()
    if (hadDemo) io.stderr('Stopped the demo deployment and removed its files.')
    return ExitCode.Ok
  },
}

/** A sentence for a port that cannot be listened on. */
function listenFailure(e: unknown, port: number): string {
  const code = (e as NodeJS.ErrnoException | null)?.code
  if (code === 'EADDRINUSE') return `Port ${port} is in use; pass --port <another> or --port 0.`
  if (code === 'EACCES') return `Port ${port} is not allowed for this user; pass --port 0.`
  return `Could not start the server on port ${port}: ${e instanceof Error ? e.message : String(e)}`
}
