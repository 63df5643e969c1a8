import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AppEvent } from '../../shared/events'
import type { HandlerContext } from '../api/context'
import { sendErrorResult } from './responses'

/** How often an idle stream gets a comment line, so proxies and tunnels keep it open. */
export const HEARTBEAT_MS = 15_000

/**
 * The server-sent event streams of browser mode (`GET /api/events`).
 *
 * Each stream forwards project changes and job progress as `AppEvent` JSON, one `data:` line per
 * event. A new stream starts with the current project, so a client that reconnects after a gap
 * catches up at once. Listeners are removed when the client goes away or the server closes.
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>()

  constructor(
    private readonly ctx: HandlerContext,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  /** Number of connected clients (used by tests and the shutdown path). */
  get size(): number {
    return this.open.size
  }

  /** Answers `GET /api/events` with a stream that lasts until either side closes it. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') {
      sendErrorResult(res, 405, 'BAD_REQUEST', 'Events are read with GET.', { Allow: 'GET' })
      return
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    req.socket.setNoDelay(true)
    res.write('retry: 2000\n\n')
    const send = (event: AppEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`)
    const unsubscribe = [
      this.ctx.project.onChange((project) => send({ type: 'project.changed', project })),
      this.ctx.jobs.onProgress((progress) => send({ type: 'job.progress', progress })),
    ]
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs)
    this.open.add(res)
    res.on('close', () => {
      clearInterval(heartbeat)
      for (const off of unsubscribe) off()
      this.open.delete(res)
    })
    send({ type: 'project.changed', project: this.ctx.project.state })
  }

  /** Ends every open stream (on shutdown). */
  closeAll(): void {
    for (const res of this.open) res.end()
  }
}
