import { jobOutputSchema } from '../../shared/contract'
import type { JobSnapshot } from '../../shared/jobs'
import { err, type Result } from '../../shared/result'
import type { HandlerContext } from '../api/context'
import { createHandlerContext } from '../api/create-context'
import { dispatch } from '../api/dispatch'
import type { CommandArgs, OperationCommand } from './command'
import { ExitCode, exitCodeOf } from './exit-codes'
import type { CliIo } from './io'
import { progressPrinter } from './progress-printer'

/** The CLI's handler context: no dialogs, and typed paths are the user's own (SEC-10). */
export function createCliContext(): Promise<HandlerContext> {
  return createHandlerContext({ face: 'cli', dialogs: null, acceptTypedPath: () => true })
}

const isJobStart = (value: unknown): value is { jobId: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { jobId?: unknown }).jobId === 'string'

/**
 * Waits for a job the operation started, printing its progress on stderr; a stop signal (Ctrl+C,
 * SIGTERM, SIGHUP) cancels it. Resolves with the job's `Result`, its value checked against the
 * schema of the job's kind.
 */
export async function waitForJob(
  ctx: HandlerContext,
  jobId: string,
  io: CliIo,
  stop: Promise<NodeJS.Signals>,
): Promise<Result<unknown>> {
  const print = progressPrinter(io)
  const unsubscribe = ctx.events.subscribe((event) => {
    if (event.type === 'job.progress' && event.job.jobId === jobId) print(event.job)
  })
  let stopped = false
  void stop.then(() => {
    stopped = true
    ctx.jobs.cancel(jobId)
  })
  try {
    const result = await ctx.jobs.wait(jobId)
    if (stopped && !result.ok) io.stderr('Cancelled.')
    if (!result.ok) return result
    const kind = ctx.jobs.list().find((j: JobSnapshot) => j.jobId === jobId)?.kind ?? ''
    const schema = jobOutputSchema(kind)
    return !schema || schema.safeParse(result.value).success
      ? result
      : err('INTERNAL', `The ${kind} job answered with a value this build does not know.`)
  } finally {
    unsubscribe()
  }
}

/**
 * A refused input in the words of the command line: the flag as the user typed it and the value
 * they gave (`Invalid --size “huge”: expected one of "small"|"medium"|"large".`).
 */
function inTermsOfFlags(
  result: Result<unknown>,
  row: OperationCommand,
  input: unknown,
): Result<unknown> {
  if (result.ok || result.error.code !== 'BAD_REQUEST') return result
  const issues = result.error.details?.issues
  const first = Array.isArray(issues) ? (issues[0] as { path?: unknown; message?: unknown }) : null
  const field = typeof first?.path === 'string' ? first.path.split('.')[0] : undefined
  const flag = field === undefined ? undefined : row.flags[field]
  if (!flag || typeof first?.message !== 'string') return result
  const value = (input as Record<string, unknown> | null)?.[field as string]
  const typed = value === undefined ? '' : ` “${String(value).slice(0, 40)}”`
  const reason = first.message.replace(/^Invalid (input|option): /, '')
  return { ok: false, error: { ...result.error, message: `Invalid --${flag}${typed}: ${reason}.` } }
}

/**
 * Runs an operation row: builds the engine, calls the operation through `dispatch` (the same
 * path every face takes), waits for its job if it started one, prints the value (as JSON with
 * `--json`; an error then is `{"ok":false,"error":{…}}` on stdout too), lets the row continue
 * (`after`), then disposes the engine. The exit code comes from `exitCodeOf`.
 */
export async function runOperation(
  row: OperationCommand,
  args: CommandArgs,
  io: CliIo,
  createContext: () => Promise<HandlerContext> = createCliContext,
): Promise<ExitCode> {
  const input = row.input(args)
  const stop = io.untilStopSignal()
  const ctx = await createContext()
  try {
    let result = inTermsOfFlags(await dispatch(row.operation, input, ctx), row, input)
    if (result.ok && isJobStart(result.value)) {
      result = await waitForJob(ctx, result.value.jobId, io, stop)
    }
    if (!result.ok) {
      if (args.json) io.stdout(JSON.stringify(result))
      const help = result.error.code === 'BAD_REQUEST' ? ` See cht-migrate ${row.name} --help.` : ''
      io.stderr(`cht-migrate: ${result.error.message}${help}`)
      return exitCodeOf(result)
    }
    const { value } = result
    if (args.json) io.stdout(JSON.stringify(row.json ? row.json(value, ctx) : value))
    else if (row.describe) row.describe(value, ctx, io)
    else io.stdout(JSON.stringify(value, null, 2))
    const after = row.after ? await row.after(result.value, ctx, io) : null
    return after ?? exitCodeOf(result)
  } finally {
    await ctx.dispose()
  }
}
