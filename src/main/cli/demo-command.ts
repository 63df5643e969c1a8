import { DEMO_SIZES, type DemoSize } from '../../shared/demo'
import { AppError } from '../../shared/result'
import { checkKeepDir } from '../engine/demo/demo-dir'
import { startDemo, type DemoDeployment } from '../engine/demo/start-demo'
import { UsageError, type CliCommand } from './command'
import { describeDemo, demoJson, progressPrinter } from './demo-output'
import { ExitCode } from './exit-codes'

/** `--size`: small (default), medium or large. */
export function parseSize(value: string | boolean | undefined): DemoSize {
  if (value === undefined) return 'small'
  const size = String(value)
  if (!(DEMO_SIZES as readonly string[]).includes(size)) {
    throw new UsageError(`Invalid --size “${size}”: give ${DEMO_SIZES.join(', ')}.`)
  }
  return size as DemoSize
}

/** A whole number option within bounds (`--docs`, `--seed`), or undefined when absent. */
export function parseWhole(
  name: string,
  value: string | boolean | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined
  const text = String(value)
  const n = /^-?\d{1,10}$/.test(text) ? Number(text) : NaN
  if (!(n >= min && n <= max)) {
    throw new UsageError(`Invalid --${name} “${text}”: give a whole number from ${min} to ${max}.`)
  }
  return n
}

/**
 * `cht-migrate demo`: a throwaway CHT deployment on this machine to try the wizard on.
 *
 * Starts PostgreSQL (couch2pg and CHT Sync databases) and a CouchDB-compatible server on
 * 127.0.0.1, loads the generated deployment, prints the three endpoints with their throwaway
 * passwords and the project's path, then runs until SIGINT/SIGTERM and removes everything
 * (unless `--keep`). Ctrl+C during the start cancels it and leaves nothing behind.
 */
export const demoCommand: CliCommand = {
  name: 'demo',
  summary:
    'Start a demo CHT deployment (CouchDB, couch2pg and CHT Sync databases) to try the wizard',
  usage: 'demo [--size small|medium|large] [--docs N] [--seed S] [--keep DIR] [--json]',
  description:
    'Starts, on 127.0.0.1 and free ports, a real PostgreSQL server holding a couch2pg database and a ' +
    'CHT Sync database, and a CouchDB-compatible server with the CHT databases medic, ' +
    'medic-sentinel, medic-users-meta and _users, filled with a generated deployment in which a ' +
    'few known differences were injected (listed in the manifest). Prints the endpoints with ' +
    'throwaway passwords and the path of a migration project pointing at them. Runs until Ctrl+C, ' +
    'then stops both servers and removes everything, unless --keep names a folder to keep it in.',
  options: {
    size: {
      type: 'string',
      valueName: 'SIZE',
      description:
        'small (about 20,000 documents, the default), medium (200,000) or large (1,000,000)',
    },
    docs: { type: 'string', valueName: 'N', description: 'Exactly N documents instead' },
    seed: { type: 'string', valueName: 'S', description: 'Seed of the generator (default 42)' },
    keep: {
      type: 'string',
      valueName: 'DIR',
      description: 'Keep everything in DIR (new or empty) when the demo stops',
    },
  },
  async run({ values, json }, io) {
    const size = parseSize(values.size)
    const docs = parseWhole('docs', values.docs, 100, 20_000_000)
    const seed = parseWhole('seed', values.seed, -2_147_483_648, 2_147_483_647)
    const keepDir = typeof values.keep === 'string' ? values.keep : undefined
    if (keepDir !== undefined) {
      try {
        await checkKeepDir(keepDir)
      } catch (e) {
        if (e instanceof AppError) throw new UsageError(e.message)
        throw e
      }
    }

    const cancel = new AbortController()
    let stopRequested = false
    const stopSignal = io.untilStopSignal().then((signal) => {
      stopRequested = true
      cancel.abort()
      return signal
    })
    const started = Date.now()
    let deployment: DemoDeployment
    try {
      deployment = await startDemo(
        {
          size,
          ...(docs === undefined ? {} : { docs }),
          ...(seed === undefined ? {} : { seed }),
          ...(keepDir === undefined ? {} : { keepDir }),
        },
        { signal: cancel.signal, progress: progressPrinter(io) },
      )
    } catch (e) {
      if (e instanceof AppError && e.code === 'CANCELLED') {
        io.stderr('Cancelled: both servers were stopped and the demo folder was removed.')
      } else if (e instanceof AppError && e.code === 'BAD_REQUEST') {
        io.stderr(e.message)
        return ExitCode.BadInput
      } else {
        io.stderr(`The demo could not start: ${e instanceof Error ? e.message : String(e)}`)
      }
      return ExitCode.Error
    }

    const seconds = (Date.now() - started) / 1000
    if (json) io.stdout(JSON.stringify(demoJson(deployment)))
    else for (const line of describeDemo(deployment, seconds)) io.stdout(line)
    io.stderr(
      deployment.kept
        ? `Press Ctrl+C to stop the demo; its files stay in ${deployment.dir}.`
        : `Press Ctrl+C to stop the demo and remove ${deployment.dir}.`,
    )

    let failure: string | null = null
    const failed = new Promise<void>((resolve) =>
      deployment.onFailure((message) => {
        failure = message
        resolve()
      }),
    )
    if (!stopRequested) await Promise.race([stopSignal, failed])
    if (failure) io.stderr(failure)
    io.stderr('Stopping the demo…')
    await deployment.stop()
    io.stderr(
      deployment.kept ? `Stopped. Kept ${deployment.dir}.` : `Stopped. Removed ${deployment.dir}.`,
    )
    return failure ? ExitCode.Error : ExitCode.Ok
  },
}
