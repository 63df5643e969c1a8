import type { HandlerContext } from '../api/context'
import { call } from '../api/dispatch'
import type { CliIo } from './io'
import { waitForJob } from './run-operation'

/**
 * `serve --demo`: starts the demo deployment through the same operation the welcome screen uses
 * (`demo.start`, so its project is opened and its passwords are kept for the session), printing
 * progress on stderr. A stop signal during the start cancels the job, which leaves nothing
 * behind. Returns false when the demo did not start.
 */
export async function startServeDemo(
  ctx: HandlerContext,
  io: CliIo,
  stopSignal: Promise<NodeJS.Signals>,
): Promise<boolean> {
  const started = await call('demo.start', { size: 'small' }, ctx)
  const result = started.ok ? await waitForJob(ctx, started.value.jobId, io, stopSignal) : started
  if (!result.ok) {
    io.stderr(
      result.error.code === 'CANCELLED'
        ? 'Cancelled: the demo servers were stopped and their folder removed.'
        : `The demo could not start: ${result.error.message}`,
    )
    return false
  }
  ctx.demo.onFailure((message) => io.stderr(message))
  io.stderr(`Demo deployment ready; its project is open: ${ctx.project.state?.path ?? ''}`)
  return true
}
