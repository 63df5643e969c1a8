import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { realpath } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import type { HandlerContext } from '../api/context'
import { handleOpRoute, OP_ROUTE_PREFIX } from './api-routes'
import { DOWNLOAD_ROUTE_PREFIX, handleDownloadRoute } from './download-route'
import { EventStreams } from './event-stream'
import { sendErrorResult, sendText } from './responses'
import {
  applySecurityHeaders,
  checkHostAndOrigin,
  generateToken,
  hasValidCredential,
  MISSING_TOKEN_MESSAGE,
  tokenCookie,
  tokenFromEntryUrl,
  tokensMatch,
  type Refusal,
} from './security'
import { serveStatic } from './static-files'

/** The only address browser mode listens on (SEC-11). */
export const SERVE_HOST = '127.0.0.1'

export interface ServeOptions {
  /** Port to listen on; 0 or absent picks a free one. */
  port?: number
  /** The built renderer (`out/renderer`); nothing outside it is served. */
  rendererDir: string
  ctx: HandlerContext
  /** The per-run token; generated when absent (tests pass their own). */
  token?: string
}

export interface RunningServer {
  /** The address to open: `http://127.0.0.1:<port>/?token=…`. */
  url: string
  port: number
  token: string
  /**
   * Ends the event streams, flushes a pending autosave, deletes the downloads nobody fetched
   * and stops the server.
   */
  close(): Promise<void>
}

/**
 * Starts browser mode: the built renderer and the api over HTTP on 127.0.0.1 (SEC-11).
 *
 * Every request is checked in the same order: the `Host` and `Origin` headers (403 on a foreign
 * one), then the token (401 without it). `GET /?token=…` trades the token for an HttpOnly
 * cookie and redirects to `/`, so the token leaves the address bar. Rejects with the listen error
 * (for example `EADDRINUSE`) when the port cannot be used.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? generateToken()
  if (!/^[A-Za-z0-9_-]{32,}$/.test(token)) {
    throw new Error('The serve token must be at least 32 base64url characters.')
  }
  const root = await realpath(options.rendererDir)
  const streams = new EventStreams(options.ctx)
  let port = 0

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((e: unknown) => {
      options.ctx.log.error('serve: a request failed', e)
      if (!res.headersSent) {
        sendText(res, 500, `The wizard failed to answer; see its log: ${options.ctx.log.path}`)
      } else res.destroy()
    })
  })

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    applySecurityHeaders(res)
    const rawUrl = req.url ?? '/'
    const refusal = checkHostAndOrigin(req, port)
    if (refusal) return refuse(res, rawUrl, refusal)
    if (!rawUrl.startsWith('/')) return sendText(res, 400, 'Bad request.')
    const url = new URL(`http://${SERVE_HOST}:${port}${rawUrl}`)

    const entryToken = tokenFromEntryUrl(req.method, url)
    if (entryToken !== null) {
      if (!tokensMatch(entryToken, token)) {
        return refuse(res, rawUrl, { status: 401, message: MISSING_TOKEN_MESSAGE })
      }
      res.writeHead(303, { Location: '/', 'Set-Cookie': tokenCookie(token, port) })
      res.end()
      return
    }
    if (!hasValidCredential(req, token, port)) {
      return refuse(res, rawUrl, { status: 401, message: MISSING_TOKEN_MESSAGE })
    }

    const path = url.pathname
    if (path === '/api/events') return streams.handle(req, res)
    if (path.startsWith(OP_ROUTE_PREFIX)) {
      return handleOpRoute(req, res, path.slice(OP_ROUTE_PREFIX.length), options.ctx)
    }
    if (path.startsWith(DOWNLOAD_ROUTE_PREFIX)) {
      const id = path.slice(DOWNLOAD_ROUTE_PREFIX.length)
      return handleDownloadRoute(req, res, id, options.ctx.downloads)
    }
    if (path === '/api' || path.startsWith('/api/')) {
      return sendErrorResult(res, 404, 'NOT_FOUND', 'No such api route.')
    }
    return serveStatic(root, req, res, path)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: SERVE_HOST, port: options.port ?? 0 }, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port

  let closing: Promise<void> | null = null
  return {
    url: `http://${SERVE_HOST}:${port}/?token=${token}`,
    port,
    token,
    close: () => {
      closing ??= (async () => {
        streams.closeAll()
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeIdleConnections()
        await options.ctx.project.flush()
        server.closeAllConnections()
        await options.ctx.downloads.clear()
        await stopped
      })()
      return closing
    },
  }
}

/** Api callers get a `Result` they can show; pages get a sentence. */
function refuse(res: ServerResponse, rawUrl: string, refusal: Refusal): void {
  const headers: Record<string, string> =
    refusal.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="cht-migrate"' } : {}
  if (rawUrl === '/api' || rawUrl.startsWith('/api/')) {
    const code = refusal.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN'
    sendErrorResult(res, refusal.status, code, refusal.message, headers)
  } else {
    sendText(res, refusal.status, refusal.message, headers)
  }
}
