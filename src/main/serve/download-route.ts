import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import type { DownloadStore } from '../engine/report/downloads'
import { sendErrorResult } from './responses'

/** The prefix of download routes: `GET /api/download/<id>`. */
export const DOWNLOAD_ROUTE_PREFIX = '/api/download/'

const ID = /^[A-Za-z0-9_-]{1,100}$/

/**
 * The `Content-Disposition` of a download: an attachment named in ASCII for old clients and,
 * exactly, in UTF-8 (RFC 6266 and RFC 8187), so a name in any script arrives as it was.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]|["\\%;]/g, '_')
  const exact = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`
}

/**
 * `GET /api/download/<id>`: sends an export kept for the browser (`report.export` with
 * `download: true`) once, as an attachment that is never cached or sniffed, then deletes it. An
 * unknown, spent or expired id is 404; any other method 405. The token was checked before.
 */
export async function handleDownloadRoute(
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  downloads: DownloadStore,
): Promise<void> {
  if (req.method !== 'GET') {
    sendErrorResult(res, 405, 'BAD_REQUEST', 'Downloads are fetched with GET.', { Allow: 'GET' })
    return
  }
  const download = ID.test(id) ? await downloads.take(id) : null
  if (!download) {
    sendErrorResult(
      res,
      404,
      'NOT_FOUND',
      'This download is gone: each export can be fetched once, within 10 minutes. Export it again.',
    )
    return
  }
  res.writeHead(200, {
    'Content-Type': download.mediaType,
    'Content-Length': String(download.bytes),
    'Content-Disposition': contentDisposition(download.fileName),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  })
  // A client that goes away mid-file ends the stream; the file is deleted either way.
  await pipeline(download.stream, res).catch(() => undefined)
}
