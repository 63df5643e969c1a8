import type { StoredResult } from '../../shared/results/result-schema'
import { call } from '../api/dispatch'
import { UsageError, type CommandArgs, type FaceCommand } from './command'
import type { ExitCode } from './exit-codes'
import type { CliIo } from './io'
import { runProjectJob } from './project-job'

const ONLY = ['docs', 'models', 'metrics'] as const

function onlyOf(value: string | boolean | undefined): (typeof ONLY)[number] | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string' && (ONLY as readonly string[]).includes(value)) {
    return value as (typeof ONLY)[number]
  }
  throw new UsageError(
    `Invalid --only “${String(value).slice(0, 40)}”: give docs, models or metrics.`,
  )
}

function samplesOf(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : NaN
  if (!Number.isInteger(n) || n > 100) {
    throw new UsageError(
      `Invalid --samples “${String(value).slice(0, 40)}”: give a number from 0 to 100.`,
    )
  }
  return n
}

/** One line per comparison: its verdict, title and summary. */
function describeResults(results: StoredResult[], io: CliIo): void {
  for (const r of results)
    io.stdout(`${r.verdict.toUpperCase().padEnd(5)} ${r.title}: ${r.summary}`)
}

/**
 * `cht-migrate parity --project FILE`: runs the project's parity comparisons (document parity
 * of CouchDB, couch2pg and CHT Sync; the model pairs and the replica dashboard's metrics set up
 * on the Parity page), records each result in the project file and saves it, so a nightly cron
 * during the parallel run builds the trend the teardown gate reads. Passwords come from the
 * environment (`CHT_MIGRATE_*_PASSWORD`). Exit 0 when everything is within tolerance, 3 when a
 * comparison found differences, 4 when the only differences are couch2pg's own drift from
 * CouchDB, 1 on an error (a comparison that could not run included), 2 on bad input. Ctrl+C
 * cancels the run, keeping what was found.
 */
export const parityCommand: FaceCommand = {
  kind: 'face',
  name: 'parity',
  summary: 'Compare the old and the new pipeline: documents, models, dashboard metrics (for cron)',
  usage: 'parity --project FILE [--only docs|models|metrics] [--samples N] [--json]',
  description:
    'Runs document parity (CouchDB, couch2pg and CHT Sync, per database, lag-aware) and the ' +
    'comparisons set up in the project (model pairs and the replica dashboard’s metrics), ' +
    'read-only, records each result in the project file and saves it. Exit codes: 0 all within ' +
    'tolerance, 3 differences found, 4 only couch2pg’s own drift from CouchDB, 1 error, ' +
    '2 bad input.',
  options: {
    project: { type: 'string', valueName: 'FILE', description: 'The migration project file' },
    only: {
      type: 'string',
      valueName: 'KIND',
      description: 'Run only document parity, the model comparisons or the dashboard metrics',
    },
    samples: {
      type: 'string',
      valueName: 'N',
      description: 'Documents kept as samples per class of difference (0–100, default 20)',
    },
  },
  async run(args: CommandArgs, io: CliIo): Promise<ExitCode> {
    const { project } = args.values
    if (typeof project !== 'string' || project === '') {
      throw new UsageError('Give the project file with --project FILE.')
    }
    const only = onlyOf(args.values.only)
    const samples = samplesOf(args.values.samples)
    return runProjectJob(
      {
        project,
        json: args.json,
        start: (ctx) =>
          call(
            'parity.run',
            {
              ...(only === undefined ? {} : { only }),
              ...(samples === undefined ? {} : { samples }),
            },
            ctx,
          ),
        describe: describeResults,
      },
      io,
    )
  },
}
