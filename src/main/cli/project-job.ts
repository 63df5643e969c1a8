import { resolve } from 'node:path'
import type { Result } from '../../shared/result'
import type { StoredResult } from '../../shared/results/result-schema'
import type { HandlerContext } from '../api/context'
import { call } from '../api/dispatch'
import { ExitCode, exitCodeOf } from './exit-codes'
import type { CliIo } from './io'
import { createCliContext, waitForJob } from './run-operation'

type Failure = { ok: false; error: { code: string; message: string } }

/** How a command that runs a job on a project file goes about it. */
export interface ProjectJobSpec {
  /** The project file as typed. */
  project: string
  json: boolean
  /** Changes made to the project before the job (settings from flags); a failure ends the run. */
  prepare?: (ctx: HandlerContext) => Promise<Result<unknown> | null>
  /** Starts the job. */
  start: (ctx: HandlerContext) => Promise<Result<{ jobId: string }>>
  /** Prints the results for people (without `--json`). */
  describe: (results: StoredResult[], io: CliIo) => void
}

/**
 * Opens a project file, optionally changes it, runs one job on it, saves it (whatever was
 * recorded, all of it or what a cancel left) and prints the results: the shape of `parity` and
 * `check`, whose results a cron job keeps in the project. Ctrl+C cancels the job. Exit codes
 * from the results' verdicts (see `exitCodeOf`); a refused input is 2, other errors 1.
 */
export async function runProjectJob(spec: ProjectJobSpec, io: CliIo): Promise<ExitCode> {
  const stop = io.untilStopSignal()
  const ctx = await createCliContext()
  const fail = (result: Failure) => {
    if (spec.json) io.stdout(JSON.stringify(result))
    io.stderr(`cht-migrate: ${result.error.message}`)
    return result.error.code === 'BAD_REQUEST' ? ExitCode.BadInput : ExitCode.Error
  }
  try {
    const opened = await call('project.open', { path: resolve(spec.project) }, ctx)
    if (!opened.ok) return fail(opened)
    const prepared = spec.prepare ? await spec.prepare(ctx) : null
    if (prepared && !prepared.ok) return fail(prepared)
    const started = await spec.start(ctx)
    if (!started.ok) return fail(started)
    const finished = await waitForJob(ctx, started.value.jobId, io, stop)
    const saved = await call('project.save', {}, ctx)
    if (!finished.ok) return fail(finished)
    if (!saved.ok) return fail(saved)
    const value = finished.value as { results: StoredResult[] }
    if (spec.json) io.stdout(JSON.stringify(value))
    else spec.describe(value.results, io)
    return exitCodeOf(finished)
  } finally {
    await ctx.dispose()
  }
}
