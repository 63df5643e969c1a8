import type { ServerResponse } from 'node:http'
import { err } from '../../shared/result'
import type { ErrorCode } from '../../shared/result'

/**
 * Sends a short plain-text reply (refusals and errors outside the api).
 *
 * Security headers were set when the request arrived, so they ride along here too.
 */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  const body = Buffer.from(text + '\n', 'utf8')
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  })
  res.end(body)
}

/** Sends a JSON reply that is never cached (api results carry project data). */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8')
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  })
  res.end(body)
}

/**
 * Sends a transport-level failure of the api as a `Result`, so the renderer's client can show the
 * same kind of message as for any other error.
 */
export function sendErrorResult(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, err(code, message), headers)
}
