import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AppEvent } from '../../shared/events'
import type { Engine } from '../engine/engine'
import { sendErrorResult } from './responses'

/** How often an idle stream gets a comment line, so proxies and tunnels keep it open. */
export const HEARTBEAT_MS = 15_000

/**
 * The server-sent event streams of browser mode (`GET /api/events`).
 *
 * Each stream forwards the engine's events as `AppEvent` JSON, one `data:` line per event. A new
 * stream starts with the current project, so a client that reconnects after a gap catches up at
 * once (and asks `jobs.list` for the jobs). Listeners are removed when the client goes away or
 * the server closes.
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>()

  constructor(
    private readonly engine: Pick<Engine, 'events' | 'project'>,
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
    const unsubscribe = this.engine.events.subscribe(send)
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs)
    this.open.add(res)
    res.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
      this.open.delete(res)
    })
    send({ type: 'project.changed', project: this.engine.project.state })
  }

  /** Ends every open stream (on shutdown). */
  closeAll(): void {
    for (const res of this.open) res.end()
  }
}
