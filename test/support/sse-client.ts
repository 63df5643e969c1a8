import { request, type IncomingMessage } from 'node:http'
import type { AppEvent } from '../../src/shared/events'

/**
 * Opens `GET /api/events` with the given cookie and calls `onEvent` for each `data:` frame.
 *
 * Resolves with the response once the headers arrive; destroy it to disconnect.
 */
export function openEventStream(
  port: number,
  cookie: string,
  onEvent: (event: AppEvent) => void,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/events', headers: { cookie }, agent: false },
      (res) => {
        let buffer = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          buffer += chunk
          let end: number
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const frame = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            for (const line of frame.split('\n')) {
              if (line.startsWith('data: ')) onEvent(JSON.parse(line.slice(6)) as AppEvent)
            }
          }
        })
        resolve(res)
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** Polls `condition` every 20 ms until it holds; throws after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the condition')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
