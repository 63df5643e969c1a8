import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { resolve, sep } from 'node:path'
import { contentTypeOf } from '../../shared/content-types'
import { sendText } from './responses'

export { contentTypeOf }

/**
 * Maps a request path to a file inside the renderer directory, or null (SEC-11).
 *
 * `root` must already be a real path. The decoded path may not contain `..`, hidden segments,
 * backslashes or NUL; the resolved file must lie inside `root` both before and after following
 * symlinks, and must be a regular file (no directory listing). `/` is `index.html`.
 */
export async function resolveStaticFile(root: string, pathname: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null
  const relative = segments.length === 0 ? ['index.html'] : segments
  const candidate = resolve(root, ...relative)
  if (!isInside(root, candidate)) return null
  try {
    const real = await realpath(candidate)
    if (!isInside(root, real)) return null
    return (await stat(real)).isFile() ? real : null
  } catch {
    return null
  }
}

const isInside = (root: string, file: string): boolean => file.startsWith(root + sep)

/**
 * Serves the built renderer: GET and HEAD of files inside `root`, 404 for anything else.
 *
 * `index.html` is never cached (it names the current bundle); the other files may be cached by
 * this browser only and are revalidated.
 */
export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' })
    return
  }
  const file = await resolveStaticFile(root, pathname)
  if (!file) {
    sendText(res, 404, 'Not found.')
    return
  }
  const info = await stat(file)
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': String(info.size),
    'Cache-Control': file.endsWith(sep + 'index.html') ? 'no-store' : 'private, no-cache',
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(file)
    stream.on('error', () => {
      res.destroy()
      done()
    })
    stream.on('end', () => done())
    stream.pipe(res)
  })
}
