import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { CHECK_STEPS, type CheckStep } from '../../shared/checks/check-catalog'
import type { StoredResult } from '../../shared/results/result-schema'
import { call } from '../api/dispatch'
import { UsageError, type CommandArgs, type FaceCommand } from './command'
import type { ExitCode } from './exit-codes'
import type { CliIo } from './io'
import { runProjectJob } from './project-job'

function stepOf(value: string | boolean | undefined): CheckStep | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string' && (CHECK_STEPS as readonly string[]).includes(value)) {
    return value as CheckStep
  }
  throw new UsageError(
    `Invalid --step “${String(value).slice(0, 40)}”: give ${CHECK_STEPS.join(', ')}.`,
  )
}

/** An existing regular file given with `flag`, as an absolute path. */
function fileOf(value: string | boolean | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value === '') throw new UsageError(`Give a file with ${flag}.`)
  const path = resolve(value)
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) throw new UsageError(`There is no file at ${path} (${flag}).`)
  if (!stat.isFile()) throw new UsageError(`${path} is not a file (${flag}).`)
  return path
}

const LABEL = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', error: 'ERROR', skipped: 'SKIP' }

/** One line per check (verdict, title, summary), and what to do under a warning or failure. */
function describeResults(results: StoredResult[], io: CliIo): void {
  for (const r of results) {
    io.stdout(`${LABEL[r.verdict].padEnd(5)} ${r.title}: ${r.summary}`)
    const remedy = r.details.kind === 'check' ? r.details.remedy : null
    if (remedy && (r.verdict === 'fail' || r.verdict === 'warn')) {
      for (const line of remedy.text.split('\n')) io.stdout(`      ${line}`)
      if (remedy.docUrl) io.stdout(`      See ${remedy.docUrl}`)
    }
  }
  const count = (v: StoredResult['verdict']) => results.filter((r) => r.verdict === v).length
  io.stdout(
    `${results.length} checks: ${count('pass')} passed, ${count('warn')} warned, ${count('fail')} failed, ${count('error')} could not run, ${count('skipped')} skipped.`,
  )
}

/**
 * `cht-migrate check --project FILE`: runs the automated checks of the setup, production and
 * monitoring steps (or one step's), records each result in the project file and saves it.
 * `--env` / `--values` choose CHT Sync's configuration file first (kept in the project).
 * Passwords come from the environment (`CHT_MIGRATE_*_PASSWORD`). Exit 0 all passed, 3 any
 * failed, 4 warnings only, 1 a check could not run (or another error), 2 bad input.
 */
export const checkCommand: FaceCommand = {
  kind: 'face',
  name: 'check',
  summary: 'Run the setup, production, optimize and monitoring checks; results go into the project',
  usage:
    'check --project FILE [--step setup|production|optimize|monitor] [--env FILE] [--values FILE] [--json]',
  description:
    'Runs the automated checks (CHT Sync’s configuration, access to CouchDB and PostgreSQL, the ' +
    'sync and dbt, sizing, TLS, passwords, backup, the Optimize advice, CHT Watchdog), read-only, records each ' +
    'result in the project file and saves it. --env or --values chooses CHT Sync’s .env or Helm ' +
    'values.yaml and keeps the choice in the project. Exit codes: 0 all passed, 3 any failed, ' +
    '4 warnings only, 1 a check could not run, 2 bad input.',
  options: {
    project: { type: 'string', valueName: 'FILE', description: 'The migration project file' },
    step: { type: 'string', valueName: 'STEP', description: 'Only the checks of one step' },
    env: { type: 'string', valueName: 'FILE', description: 'CHT Sync’s .env file' },
    values: { type: 'string', valueName: 'FILE', description: 'CHT Sync’s Helm values.yaml' },
  },
  async run(args: CommandArgs, io: CliIo): Promise<ExitCode> {
    const { project } = args.values
    if (typeof project !== 'string' || project === '') {
      throw new UsageError('Give the project file with --project FILE.')
    }
    const step = stepOf(args.values.step)
    const envPath = fileOf(args.values.env, '--env')
    const valuesPath = fileOf(args.values.values, '--values')
    if (envPath !== undefined && valuesPath !== undefined) {
      throw new UsageError('Give CHT Sync’s .env or its values.yaml, not both: one is read.')
    }
    const sources = {
      ...(envPath === undefined ? {} : { envPath }),
      ...(valuesPath === undefined ? {} : { valuesPath }),
    }
    return runProjectJob(
      {
        project,
        json: args.json,
        prepare: async (ctx) =>
          Object.keys(sources).length === 0
            ? null
            : call('project.update', { intents: [{ type: 'checks.setSources', ...sources }] }, ctx),
        start: (ctx) => call('checks.run', step === undefined ? {} : { step }, ctx),
        describe: describeResults,
      },
      io,
    )
  },
}
