import type { ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { classifyError, ConnectionFailure } from '../../../../src/main/engine/connections/classify'
import { createCouchSession } from '../../../../src/main/engine/connections/couch-session'
import { couchProfile, httpServer } from './fixtures'

/**
 * A CouchDB answer is read as a stream with a byte cap: a server that streams without end (a
 * chunked body, no Content-Length) ends in a classified failure within moments, with memory
 * bounded, instead of taking the process to gigabytes.
 */

const MB = 1024 * 1024
/** Enough to show unbounded reading (hundreds of MB) without endangering the machine. */
const SERVER_LIMIT = 512 * MB

/** Writes JSON-looking bytes without end (up to SERVER_LIMIT), honouring back-pressure. */
function streamForever(res: ServerResponse, sent: { bytes: number; closed: boolean }) {
  res.writeHead(200, { 'content-type': 'application/json' })
  const chunk = Buffer.alloc(64 * 1024, 'x')
  res.on('close', () => (sent.closed = true))
  const pump = () => {
    while (!sent.closed && sent.bytes < SERVER_LIMIT) {
      sent.bytes += chunk.length
      if (!res.write(chunk)) return void res.once('drain', pump)
    }
    res.end()
  }
  res.write('{"couchdb":"Welcome","padding":"')
  pump()
}

/** Samples this process's resident memory every 20 ms; `stop()` returns the peak growth. */
function rssSampler() {
  const before = process.memoryUsage.rss()
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20)
  return {
    stop() {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage.rss()) - before
    },
  }
}

const session = (url: string) =>
  createCouchSession(couchProfile(url, ''), null, { requestTimeoutMs: 15_000 })

describe('a CouchDB answer without end', () => {
  it('is cut at 2 MB: a classified failure within moments, memory bounded', async () => {
    const sent = { bytes: 0, closed: false }
    const server = await httpServer((_req, res) => streamForever(res, sent))
    try {
      const rss = rssSampler()
      const started = Date.now()
      const error = await session(server.url)
        .get('')
        .catch((e: unknown) => e)
      const growth = rss.stop()
      expect(error).toBeInstanceOf(ConnectionFailure)
      expect((error as ConnectionFailure).kind).toBe('not_couchdb')
      expect((error as ConnectionFailure).message).toBe(
        `${server.url} answered with more than 2 MB to /; it is not behaving like CouchDB.`,
      )
      expect(Date.now() - started).toBeLessThan(3_000)
      expect(growth).toBeLessThan(64 * MB)
      // The stream was cancelled: the connection closed and the server stopped sending.
      await expect.poll(() => sent.closed, { timeout: 2_000 }).toBe(true)
      expect(sent.bytes).toBeLessThan(64 * MB)
    } finally {
      await server.close()
    }
  })

  it('is classified for the person as “not behaving like CouchDB”, with what to check', async () => {
    const server = await httpServer((_req, res) => streamForever(res, { bytes: 0, closed: false }))
    try {
      const error = await session(server.url)
        .get('')
        .catch((e: unknown) => e)
      const classified = classifyError(error, {
        endpoint: 'couchdb',
        host: '127.0.0.1',
        port: server.port,
        timeoutMs: 15_000,
      })
      expect(classified).toMatchObject({
        kind: 'not_couchdb',
        message: `${server.url} answered with more than 2 MB to /; it is not behaving like CouchDB.`,
      })
      expect(classified.hint).toMatch(/Check the address/)
    } finally {
      await server.close()
    }
  })

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const sent = { bytes: 0, closed: false }
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 100 * MB })
      res.on('close', () => (sent.closed = true))
      res.write(Buffer.alloc(MB, ' '))
    })
    try {
      await expect(session(server.url).get('medic')).rejects.toThrow(
        `${server.url} answered with more than 2 MB to /medic; it is not behaving like CouchDB.`,
      )
      await expect.poll(() => sent.closed, { timeout: 2_000 }).toBe(true)
    } finally {
      await server.close()
    }
  })

  it('takes a cap per request, and reads an answer within it in full', async () => {
    const body = JSON.stringify({ couchdb: 'Welcome', padding: 'y'.repeat(100 * 1024) })
    const server = await httpServer((_req, res) => {
      // Chunked, so only the streamed count can catch it.
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(body)
    })
    try {
      const full = await session(server.url).get('')
      expect((full.json as { couchdb: string }).couchdb).toBe('Welcome')
      await expect(session(server.url).get('_session', { maxBytes: 64 * 1024 })).rejects.toThrow(
        `${server.url} answered with more than 64 KB to /_session; it is not behaving like CouchDB.`,
      )
    } finally {
      await server.close()
    }
  })
})
