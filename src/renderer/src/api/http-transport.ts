import type { ApiClient } from '../../../shared/api-client'
import { err } from '../../../shared/result'
import { createEventFeed, type EventSourceFactory } from './event-feed'
import { parseFailure, parseReply } from './reply'

/** Shown when the request never got an answer: the serve process stopped or the tunnel closed. */
export const SERVER_NOT_ANSWERING =
  "The wizard's server is not answering. Check that cht-migrate serve is still running (and the SSH tunnel, if you use one), then reload this page."

export interface HttpTransportOptions {
  /** Prefix of the api routes; empty for the page's own origin. */
  baseUrl?: string
  /** Opens the event stream; the browser's `EventSource` by default. */
  openEventSource?: EventSourceFactory
}

/**
 * The api client of browser mode: each operation is `POST /api/op/<operation>` with a JSON body,
 * and events arrive as server-sent events from `/api/events`.
 *
 * The token travels in the HttpOnly cookie set when the printed address was opened, so requests
 * only need `credentials: 'same-origin'`. Failures come back as `Result` values, never as thrown
 * errors: no answer and an answer that does not match the contract are both `INTERNAL`, and a
 * refusal of the server (401, 413, …) keeps its own code and message.
 */
export function createHttpTransport(options: HttpTransportOptions = {}): ApiClient {
  const base = options.baseUrl ?? ''
  const subscribe = createEventFeed(`${base}/api/events`, options.openEventSource)
  return {
    transport: 'http',
    async call(op, input) {
      let response: Response
      try {
        response = await fetch(`${base}/api/op/${op}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(input ?? {}),
        })
      } catch {
        return err('INTERNAL', SERVER_NOT_ANSWERING)
      }
      let body: unknown
      try {
        body = await response.json()
      } catch {
        return err(
          'INTERNAL',
          `The wizard received an unexpected reply to ${op} (HTTP ${response.status}).`,
        )
      }
      if (response.status === 200) return parseReply(op, body)
      return (
        parseFailure(body) ??
        err(
          'INTERNAL',
          `The wizard received an unexpected reply to ${op} (HTTP ${response.status}).`,
        )
      )
    },
    onEvent: subscribe,
  }
}
