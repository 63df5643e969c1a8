import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HandlerContext } from '../api/context'
import { dispatch } from '../api/dispatch'
import { sendErrorResult, sendJson } from './responses'

/** Largest request body the api accepts; a project update is a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024

/** The prefix of operation routes: `POST /api/op/project.open`. */
export const OP_ROUTE_PREFIX = '/api/op/'

type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413; message: string }

/**
 * Reads a JSON request body of at most `limit` bytes.
 *
 * An empty body is `undefined` (dispatch treats it as `{}`). A body over the limit is answered
 * as soon as it is known to be too large; the rest is read and dropped so the reply reaches the
 * client instead of a reset connection.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const tooLarge: BodyResult = {
    ok: false,
    status: 413,
    message: `The request is larger than ${Math.round(limit / 1024)} KB.`,
  }
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume()
    return Promise.resolve(tooLarge)
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        chunks.length = 0
        resolve(tooLarge)
      } else {
        chunks.push(chunk)
      }
    })
    req.on('end', () => {
      if (size <= limit) resolve(parseJson(Buffer.concat(chunks).toString('utf8')))
    })
    // A client that goes away mid-body gets no answer; this only settles the promise.
    req.on('close', () => resolve({ ok: false, status: 400, message: 'The request ended early.' }))
  })
}

function parseJson(text: string): BodyResult {
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, status: 400, message: 'The request body is not valid JSON.' }
  }
}

/** True for `application/json`, with or without parameters such as `charset`. */
export function isJsonContentType(header: string | undefined): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/json'
}

/**
 * `POST /api/op/<operation>`: runs the operation through the shared `dispatch` and replies with
 * its `Result` as JSON.
 *
 * Errors of the operation are values (status 200, `ok: false`); only transport problems use 4xx:
 * wrong method 405, not JSON 415, too large 413, unparsable 400. The JSON content type also keeps
 * plain HTML forms from reaching the api.
 */
export async function handleOpRoute(
  req: IncomingMessage,
  res: ServerResponse,
  op: string,
  ctx: HandlerContext,
): Promise<void> {
  if (req.method !== 'POST') {
    sendErrorResult(res, 405, 'BAD_REQUEST', 'Operations are called with POST.', { Allow: 'POST' })
    return
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    sendErrorResult(res, 415, 'BAD_REQUEST', 'Send the input as application/json.')
    return
  }
  const body = await readJsonBody(req, MAX_BODY_BYTES)
  if (!body.ok) {
    sendErrorResult(res, body.status, 'BAD_REQUEST', body.message)
    return
  }
  sendJson(res, 200, await dispatch(op, body.value, ctx))
}
