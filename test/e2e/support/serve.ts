import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'

const REPO = resolve(__dirname, '../../..')
const START_TIMEOUT_MS = 20_000

export interface ServeDirs {
  /** Per-user config (preferences, recent list): `CHT_MIGRATE_CONFIG_DIR`. */
  configDir: string
  /** Default folder offered for new projects: `CHT_MIGRATE_PROJECT_DIR`. */
  projectDir: string
}

export interface RunningServe {
  /** The address printed by serve, with the one-time token. */
  url: string
  origin: string
  port: number
  stop(): Promise<void>
  /** Ends the process with SIGKILL, as a crash or a power cut would: no shutdown runs. */
  kill(): Promise<void>
}

export interface ServeOptions {
  /** More arguments for serve, e.g. `--demo`. */
  args?: string[]
  /** How long to wait for the address (default 20 s; a demo deployment takes longer). */
  startTimeoutMs?: number
  /** How long stop() waits after SIGTERM before SIGKILL (default 5 s; a demo stops its servers). */
  stopTimeoutMs?: number
}

/**
 * Starts `cht-migrate serve --port 0 --no-open --json` as its own process and resolves with the
 * address from the JSON line it prints. Rejects with serve's stderr when it exits or stays silent.
 */
export function startServe(dirs: ServeDirs, options: ServeOptions = {}): Promise<RunningServe> {
  const startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS
  const child = spawn(
    process.execPath,
    ['bin/cht-migrate.cjs', 'serve', '--port', '0', '--no-open', '--json', ...(options.args ?? [])],
    {
      cwd: REPO,
      env: {
        ...process.env,
        CHT_MIGRATE_CONFIG_DIR: dirs.configDir,
        CHT_MIGRATE_PROJECT_DIR: dirs.projectDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })

  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`serve printed no address within ${startTimeoutMs} ms.\n${stderr}`))
    }, startTimeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code} before printing its address.\n${stderr}`))
    })
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      let parsed: { url?: unknown; port?: unknown }
      try {
        parsed = JSON.parse(line) as { url?: unknown; port?: unknown }
      } catch {
        return
      }
      if (typeof parsed.url !== 'string' || typeof parsed.port !== 'number') return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      lines.close()
      resolvePromise({
        url: parsed.url,
        origin: new URL(parsed.url).origin,
        port: parsed.port,
        stop: () => stopChild(child, options.stopTimeoutMs ?? 5_000),
        kill: () => stopChild(child, 0, 'SIGKILL'),
      })
    })
  })
}

/** Asks serve to stop (it flushes the autosave on SIGTERM), then forces it after `graceMs`. */
function stopChild(
  child: ChildProcess,
  graceMs: number,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(force)
      resolvePromise()
    })
    child.kill(signal)
  })
}
