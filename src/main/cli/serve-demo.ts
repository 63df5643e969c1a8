import { randomUUID } from 'node:crypto'
import type { HandlerContext } from '../api/context'
import { call } from '../api/dispatch'
import { progressPrinter } from './demo-output'
import type { CliIo } from './io'

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
  const jobId = randomUUID()
  const print = progressPrinter(io)
  const unsubscribe = ctx.jobs.onProgress((p) => {
    if (p.jobId === jobId && p.state === 'running') print(p.done, p.total, p.message)
  })
  let stopped = false
  void stopSignal.then(() => {
    stopped = true
    ctx.jobs.cancel(jobId)
  })
  const result = await call('demo.start', { size: 'small', jobId }, ctx)
  unsubscribe()
  if (!result.ok) {
    io.stderr(
      stopped
        ? 'Cancelled: the demo servers were stopped and their folder removed.'
        : `The demo could not start: ${result.error.message}`,
    )
    return false
  }
  ctx.demo.onFailure((message) => io.stderr(message))
  io.stderr(`Demo deployment ready; its project is open: ${result.value.project.path ?? ''}`)
  return true
}
