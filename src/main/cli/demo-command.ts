import { resolve } from 'node:path'
import { DEMO_COUCH2PG_RELEASES, DEMO_DISCREPANCY_MODES, DEMO_SIZES } from '../../shared/demo'
import type { DemoStarted } from '../../shared/contract'
import type { HandlerContext } from '../api/context'
import { stopDemo } from '../engine/demo/demo-job'
import type { DemoDeployment } from '../engine/demo/start-demo'
import { UsageError, type CommandArgs, type OperationCommand } from './command'
import { demoJson, describeDemo } from './demo-output'
import { ExitCode } from './exit-codes'
import type { CliIo } from './io'

/** A whole number typed for `--<flag>`, or undefined; its bounds are the contract's. */
export function wholeNumber(flag: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined
  const text = String(value)
  if (!/^-?\d{1,12}$/.test(text)) {
    throw new UsageError(`Invalid --${flag} “${text.slice(0, 40)}”: give a whole number.`)
  }
  return Number(text)
}

function runningDemo(ctx: HandlerContext): DemoDeployment {
  const deployment = ctx.demo.current
  if (!deployment) throw new Error('the demo stopped as soon as it had started')
  return deployment
}

/**
 * Waits until the demo is asked to stop (Ctrl+C, SIGTERM, SIGHUP) or one of its servers stops
 * from outside, then stops it: both servers, and its folder unless kept.
 */
async function untilStopped(ctx: HandlerContext, io: CliIo): Promise<ExitCode> {
  const deployment = runningDemo(ctx)
  io.stderr(
    deployment.kept
      ? `Press Ctrl+C to stop the demo; its files stay in ${deployment.dir}.`
      : `Press Ctrl+C to stop the demo and remove ${deployment.dir}.`,
  )
  let failure: string | null = null
  const failed = new Promise<void>((done) =>
    ctx.demo.onFailure((message) => {
      failure = message
      done()
    }),
  )
  await Promise.race([io.untilStopSignal(), failed])
  if (failure) io.stderr(failure)
  io.stderr('Stopping the demo…')
  await stopDemo(ctx)
  io.stderr(
    deployment.kept ? `Stopped. Kept ${deployment.dir}.` : `Stopped. Removed ${deployment.dir}.`,
  )
  return failure ? ExitCode.Error : ExitCode.Ok
}

/**
 * `cht-migrate demo`: a throwaway CHT deployment on this machine to try the wizard on.
 *
 * Runs `demo.start` (servers on 127.0.0.1 and free ports, the generated deployment with its
 * injected differences, the demo project with its connections tested), prints the three
 * endpoints with their throwaway passwords and the project's path, then runs until stopped and
 * removes everything (unless `--keep`). Ctrl+C during the start cancels it and leaves nothing.
 */
export const demoCommand: OperationCommand<'demo.start'> = {
  kind: 'operation',
  name: 'demo',
  operation: 'demo.start',
  summary:
    'Start a demo CHT deployment (CouchDB, couch2pg and CHT Sync databases) to try the wizard',
  usage:
    'demo [--size small|medium|large] [--docs N] [--seed S] [--discrepancies injected|none] [--couch2pg-release 3.7|3.5] [--sync-users] [--keep DIR] [--json]',
  description:
    'Starts, on 127.0.0.1 and free ports, a real PostgreSQL server holding a couch2pg database and a ' +
    'CHT Sync database, and a CouchDB-compatible server with the CHT databases medic, ' +
    'medic-sentinel, medic-users-meta, medic-logs and _users, filled with a generated deployment in ' +
    'which a few known differences were injected (listed in the manifest; --discrepancies none ' +
    'starts with both pipelines caught up and identical). --couch2pg-release 3.5 makes the ' +
    'couch2pg database look like a release before 3.6 (no migration, logs or users tables); ' +
    '--sync-users makes couch2pg copy _users too (SYNC_DB_USERS). Prints the endpoints with ' +
    'throwaway passwords and the path of a migration project pointing at them. Runs until Ctrl+C, ' +
    'then stops both servers and removes everything, unless --keep names a folder to keep it in.',
  options: {
    size: {
      type: 'string',
      valueName: 'SIZE',
      description: `${DEMO_SIZES.join(', ')}: about 20,000 documents (the default), 200,000 or 1,000,000`,
    },
    docs: {
      type: 'string',
      valueName: 'N',
      description: 'Exactly N documents instead (100 or more)',
    },
    seed: { type: 'string', valueName: 'S', description: 'Seed of the generator (default 42)' },
    discrepancies: {
      type: 'string',
      valueName: 'MODE',
      description: `${DEMO_DISCREPANCY_MODES.join(', ')}: inject known differences (the default), or none`,
    },
    'couch2pg-release': {
      type: 'string',
      valueName: 'R',
      description: `${DEMO_COUCH2PG_RELEASES.join(', ')}: the couch2pg release its database looks like (default 3.7)`,
    },
    'sync-users': {
      type: 'boolean',
      description: 'couch2pg copies _users too (SYNC_DB_USERS; off by default)',
    },
    keep: {
      type: 'string',
      valueName: 'DIR',
      description: 'Keep everything in DIR (new or empty) when the demo stops',
    },
  },
  flags: {
    size: 'size',
    docs: 'docs',
    seed: 'seed',
    keep: 'keep',
    discrepancies: 'discrepancies',
    couch2pgRelease: 'couch2pg-release',
    syncUsers: 'sync-users',
  },
  input({ values }: CommandArgs) {
    const docs = wholeNumber('docs', values.docs)
    const seed = wholeNumber('seed', values.seed)
    return {
      size: typeof values.size === 'string' ? values.size : 'small',
      ...(docs === undefined ? {} : { docs }),
      ...(seed === undefined ? {} : { seed }),
      ...(typeof values.keep === 'string' ? { keep: resolve(values.keep) } : {}),
      ...(typeof values.discrepancies === 'string' ? { discrepancies: values.discrepancies } : {}),
      ...(typeof values['couch2pg-release'] === 'string'
        ? { couch2pgRelease: values['couch2pg-release'] }
        : {}),
      ...(values['sync-users'] === true ? { syncUsers: true } : {}),
    }
  },
  json: (_value, ctx) => demoJson(runningDemo(ctx)),
  describe(value, ctx, io) {
    const started = value as DemoStarted
    const deployment = runningDemo(ctx)
    for (const line of describeDemo(deployment, started)) io.stdout(line)
  },
  after: (_value, ctx, io) => untilStopped(ctx, io),
}
