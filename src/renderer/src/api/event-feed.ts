import type { AppEvent } from '../../../shared/events'
import { parseEvent } from './reply'

/** The part of the browser's `EventSource` the feed uses (also what tests stand in for). */
export interface EventSourceLike {
  onopen: (() => void) | null
  onmessage: ((message: { data: unknown }) => void) | null
  onerror: (() => void) | null
  readonly readyState: number
  close(): void
}

export type EventSourceFactory = (url: string) => EventSourceLike

/** `EventSource.CLOSED`: the browser gave up and will not retry by itself. */
const CLOSED = 2
const FIRST_RETRY_MS = 1_000
const MAX_RETRY_MS = 30_000

/** The browser's own `EventSource`. */
export const browserEventSource: EventSourceFactory = (url) => {
  const { EventSource } = globalThis as unknown as {
    EventSource: new (url: string) => EventSourceLike
  }
  return new EventSource(url)
}

/**
 * One shared server-sent event stream for any number of listeners.
 *
 * The stream opens with the first listener and closes with the last. The browser retries a
 * dropped connection by itself; when it gives up (the server answered with an error, for example
 * after a restart), the feed reconnects with a growing delay, up to 30 s. Every message is
 * validated with the event schema; one that does not match is dropped.
 */
export function createEventFeed(
  url: string,
  open: EventSourceFactory = browserEventSource,
): (listener: (event: AppEvent) => void) => () => void {
  const listeners = new Set<(event: AppEvent) => void>()
  let source: EventSourceLike | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let retryMs = FIRST_RETRY_MS

  const connect = () => {
    retryTimer = null
    const current = open(url)
    source = current
    current.onopen = () => {
      retryMs = FIRST_RETRY_MS
    }
    current.onmessage = (message) => {
      const event = typeof message.data === 'string' ? parseEvent(safeJson(message.data)) : null
      if (!event) {
        console.warn('[cht-migrate] ignored an event this build does not know')
        return
      }
      for (const listener of listeners) listener(event)
    }
    current.onerror = () => {
      if (current.readyState !== CLOSED || source !== current) return
      current.close()
      source = null
      retryTimer = setTimeout(connect, retryMs)
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)
    }
  }

  const disconnect = () => {
    if (retryTimer !== null) clearTimeout(retryTimer)
    retryTimer = null
    source?.close()
    source = null
    retryMs = FIRST_RETRY_MS
  }

  return (listener) => {
    listeners.add(listener)
    if (listeners.size === 1) connect()
    return () => {
      if (listeners.delete(listener) && listeners.size === 0) disconnect()
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
