import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

/** A response express-pouchdb finished, held back from the client. */
export interface CapturedResponse {
  status: number
  body: Buffer
}

/**
 * What to send instead: a new status and JSON text, or null to send the captured response as it
 * was.
 */
export type Rewrite = (
  captured: CapturedResponse,
) => Promise<{ status: number; body: string } | null>

type Callback = (error?: Error | null) => void
type Chunk = string | Uint8Array

/**
 * Holds back the response of a request that express-pouchdb is about to handle, then sends
 * what `rewrite` makes of it, with a matching `Content-Length` and no `ETag` (it would name the
 * old body).
 *
 * The response's `writeHead`, `write` and `end` are wrapped until express-pouchdb ends it;
 * headers it sets stay on the response. The request loses `Accept-Encoding` and
 * `If-None-Match` first, so that the body arrives uncompressed and in full (CouchDB does not
 * compress JSON either).
 */
export function captureResponse(req: IncomingMessage, res: ServerResponse, rewrite: Rewrite): void {
  delete req.headers['accept-encoding']
  delete req.headers['if-none-match']
  const original = { writeHead: res.writeHead, write: res.write, end: res.end }
  const chunks: Buffer[] = []
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') {
      chunks.push(
        Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      )
    } else if (chunk instanceof Uint8Array) {
      chunks.push(Buffer.from(chunk))
    }
  }
  const callbackIn = (args: unknown[]) => args.find((a): a is Callback => typeof a === 'function')

  res.writeHead = function (status: number, ...rest: unknown[]) {
    res.statusCode = status
    const headers = rest.find((r) => typeof r === 'object' && r !== null)
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2)
        res.setHeader(String(headers[i]), headers[i + 1])
    } else if (headers) {
      for (const [name, value] of Object.entries(headers as OutgoingHttpHeaders)) {
        if (value !== undefined) res.setHeader(name, value)
      }
    }
    return res
  } as ServerResponse['writeHead']
  res.write = function (chunk: Chunk, ...rest: unknown[]) {
    keep(chunk, rest[0])
    callbackIn(rest)?.()
    return true
  } as ServerResponse['write']
  res.end = function (...args: unknown[]) {
    if (typeof args[0] !== 'function') keep(args[0], args[1])
    restore()
    void finish(callbackIn(args))
    return res
  } as ServerResponse['end']

  const restore = () => {
    res.writeHead = original.writeHead
    res.write = original.write
    res.end = original.end
  }
  const finish = async (callback: Callback | undefined) => {
    const captured = { status: res.statusCode, body: Buffer.concat(chunks) }
    let replacement: Awaited<ReturnType<Rewrite>>
    try {
      replacement = await rewrite(captured)
    } catch {
      replacement = {
        status: 500,
        body: '{"error":"internal_server_error","reason":"The demo server could not answer."}\n',
      }
    }
    if (res.headersSent || res.destroyed) return
    const body = replacement ? Buffer.from(replacement.body) : captured.body
    if (replacement) {
      res.statusCode = replacement.status
      res.removeHeader('ETag')
    }
    res.removeHeader('Transfer-Encoding')
    res.setHeader('Content-Length', body.length)
    res.end(body, callback)
  }
}

/** Sends a JSON answer the way express-pouchdb does (CouchDB's `text/plain` unless JSON is asked for). */
export function sendCouchJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
): void {
  const text = JSON.stringify(body) + '\n'
  const json = /application\/json/i.test(req.headers.accept ?? '')
  res.writeHead(status, {
    'Content-Type': json ? 'application/json' : 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'must-revalidate',
  })
  res.end(text)
}
