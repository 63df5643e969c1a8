import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import { createServer as createTcpServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  classifyError,
  type ClassifiedError,
} from '../../../../src/main/engine/connections/classify'
import { createCouchSession } from '../../../../src/main/engine/connections/couch-session'
import { testPostgres } from '../../../support/test-postgres'
import { couchProfile, httpServer } from './fixtures'

/**
 * Fetch failures that used to reach the person as "fetch failed", each against a real server:
 * something that does not speak HTTP on the port (garbage, PostgreSQL, an https-only server), a
 * port Node's fetch refuses to use, TLS failures of an https address, and an answer cut short.
 */
let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cht-migrate-http-failures-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** GETs `/` of `url` as a connection test does, and classifies how it failed. */
async function failureOf(url: string): Promise<ClassifiedError> {
  const session = createCouchSession(couchProfile(url, ''), null, { requestTimeoutMs: 5_000 })
  const error = await session.get('').then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, `${url} answered`).not.toBeNull()
  const parsed = new URL(url)
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port)
  return classifyError(error, {
    endpoint: 'couchdb',
    host: parsed.hostname,
    port,
    timeoutMs: 5_000,
  })
}

/** A TCP server on 127.0.0.1 doing `onConnection` with each socket. */
async function tcpServer(onConnection: (socket: Socket) => void) {
  const sockets = new Set<Socket>()
  const server: Server = createTcpServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    onConnection(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const execFileAsync = promisify(execFile)
const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' })
const NEW_KEY = ['req', '-newkey', 'rsa:2048', '-nodes', '-days', '1']

/** An https server on 127.0.0.1 with the given key and certificate files. */
async function httpsServer(key: string, cert: string) {
  const server: HttpsServer = createHttpsServer(
    { key: readFileSync(key), cert: readFileSync(cert) },
    (_req, res) => res.end('{"couchdb":"Welcome"}'),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** An HTTP server answering like CouchDB on `port`, or null when the port is taken. */
async function serverOnPort(port: number) {
  const server = createHttpServer((_req, res) => res.end('{"couchdb":"Welcome"}'))
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => resolve(true))
  })
  if (!listening) return null
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

const COUCH_PORTS = /443 \(through nginx\).*5984/

describe('a server that does not speak HTTP on the port', () => {
  it('answering garbage (an SSH banner): not_couchdb, “does not speak HTTP”', async () => {
    const ssh = await tcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'))
    try {
      const failure = await failureOf(`http://127.0.0.1:${ssh.port}`)
      expect(failure).toMatchObject({
        kind: 'not_couchdb',
        message: `127.0.0.1:${ssh.port} does not speak HTTP: its answer is not an HTTP response, so another kind of server listens on this port.`,
      })
      expect(failure.hint).toMatch(COUCH_PORTS)
    } finally {
      await ssh.close()
    }
  })

  it('PostgreSQL’s port: it closes the connection without an HTTP answer', async () => {
    const { port } = testPostgres()
    const failure = await failureOf(`http://127.0.0.1:${port}`)
    expect(failure.message).toBe(
      `127.0.0.1:${port} closed the connection without an HTTP answer: whatever listens on this port does not speak HTTP (PostgreSQL and SSH close the connection like this), or speaks only https.`,
    )
    expect(failure.hint).toMatch(COUCH_PORTS)
    expect(failure.hint).toMatch(/https:\/\//)
  })

  it('PostgreSQL’s port as https: closed during the TLS handshake', async () => {
    const { port } = testPostgres()
    const failure = await failureOf(`https://127.0.0.1:${port}`)
    expect(failure).toMatchObject({
      kind: 'tls',
      message: `127.0.0.1:${port} closed the connection during the TLS handshake: it does not speak https on this port.`,
    })
    expect(failure.hint).toMatch(/http:\/\//)
  })

  it('headers larger than any CouchDB sends: not_couchdb', async () => {
    const big = await tcpServer((socket) =>
      socket.once('data', () =>
        socket.write(`HTTP/1.1 200 OK\r\nX-Filler: ${'z'.repeat(200 * 1024)}\r\n\r\n{}`),
      ),
    )
    try {
      const failure = await failureOf(`http://127.0.0.1:${big.port}`)
      expect(failure.kind).toBe('not_couchdb')
      expect(failure.message).toMatch(/answered with HTTP headers larger than any CouchDB sends/)
    } finally {
      await big.close()
    }
  })

  it('an answer cut in the middle', async () => {
    const cut = await tcpServer((socket) =>
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n')
        socket.write('\r\n{"couchdb":"Wel', () => socket.destroy())
      }),
    )
    try {
      const failure = await failureOf(`http://127.0.0.1:${cut.port}`)
      expect(failure.message).toBe(
        `127.0.0.1:${cut.port} closed the connection in the middle of its answer.`,
      )
    } finally {
      await cut.close()
    }
  })
})

describe('a port Node’s fetch refuses to use', () => {
  it.each([6000, 6666, 10080])('port %i: says why, and suggests an SSH tunnel', async (port) => {
    // A real server on the port where it is free: fetch refuses it all the same.
    const server = await serverOnPort(port)
    try {
      const failure = await failureOf(`http://127.0.0.1:${port}`)
      expect(failure.kind).toBe('other')
      expect(failure.message).toBe(
        `Node’s HTTP client refuses to connect to port ${port}: it is on the list of ports that browsers and Node block as unsafe, because other protocols (X11, IRC, SIP…) use them.`,
      )
      expect(failure.hint).toContain(`ssh -N -L 15984:127.0.0.1:${port} <user>@127.0.0.1`)
    } finally {
      await server?.close()
    }
  })
})

describe('TLS failures of an https address', () => {
  it('plain http on the https address: “does not speak TLS”', async () => {
    const plain = await httpServer((_req, res) => res.end('{"couchdb":"Welcome"}'))
    try {
      const failure = await failureOf(`https://127.0.0.1:${plain.port}`)
      expect(failure.kind).toBe('tls')
      expect(failure.message).toMatch(/does not speak TLS/)
      expect(failure.hint).toMatch(/http:\/\//)
    } finally {
      await plain.close()
    }
  })

  it('an http address on an https server: closed without an HTTP answer, try https://', async () => {
    const key = join(dir, 'self.key')
    const cert = join(dir, 'self.pem')
    openssl(...NEW_KEY, '-x509', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert)
    const tls = await httpsServer(key, cert)
    try {
      const plain = await failureOf(`http://127.0.0.1:${tls.port}`)
      expect(plain.message).toMatch(/closed the connection without an HTTP answer/)
      expect(plain.hint).toMatch(/change the address to https:\/\//)
      const selfSigned = await failureOf(`https://127.0.0.1:${tls.port}`)
      expect(selfSigned.kind).toBe('tls')
      expect(selfSigned.message).toMatch(/not trusted here \(self-signed/)
    } finally {
      await tls.close()
    }
  })

  it('a certificate for another host name: names the host it was made for', async () => {
    const file = (name: string) => join(dir, name)
    openssl(
      ...NEW_KEY,
      '-x509',
      '-subj',
      '/CN=Test CA',
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
    )
    openssl(
      ...NEW_KEY,
      '-subj',
      '/CN=cht.example.org',
      '-keyout',
      file('leaf.key'),
      '-out',
      file('leaf.csr'),
    )
    writeFileSync(file('leaf.ext'), 'subjectAltName=DNS:cht.example.org\n')
    openssl(
      ...['x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key')],
      ...['-CAcreateserial', '-days', '1', '-extfile', file('leaf.ext'), '-out', file('leaf.pem')],
    )
    const tls = await httpsServer(file('leaf.key'), file('leaf.pem'))
    try {
      const url = `https://127.0.0.1:${tls.port}`
      // Node reads extra CAs only at start-up: the request runs in a process that trusts the
      // test CA, as a machine with NODE_EXTRA_CA_CERTS set would, and reports fetch's error.
      // Asynchronously: the server answering is in this process.
      const { stdout } = await execFileAsync(
        process.execPath,
        ['--input-type=module', '-e', FETCH_CHAIN, url],
        { env: { ...process.env, NODE_EXTRA_CA_CERTS: file('ca.pem') }, timeout: 15_000 },
      )
      const chain = JSON.parse(stdout) as ErrorFields[]
      expect(chain.map((e) => e.code)).toContain('ERR_TLS_CERT_ALTNAME_INVALID')
      const failure = classifyError(rebuild(chain), {
        endpoint: 'couchdb',
        host: '127.0.0.1',
        port: tls.port,
        timeoutMs: 5_000,
      })
      expect(failure).toMatchObject({
        kind: 'tls',
        message: `The certificate of 127.0.0.1:${tls.port} is for another name than “127.0.0.1”.`,
      })
      // Here, where the CA is not trusted, the same server is reported as not trusted.
      expect((await failureOf(url)).message).toMatch(/not trusted here/)
    } finally {
      await tls.close()
    }
  })
})

interface ErrorFields {
  name: string
  code?: string
  message: string
}

/** Fetches argv[1] and prints the error's cause chain (name, code, message) as JSON. */
const FETCH_CHAIN = `
const chain = []
try { await fetch(process.argv[1]) } catch (e) {
  for (let c = e; c && chain.length < 6; c = c.cause) chain.push({ name: c.name, code: c.code, message: c.message })
}
console.log(JSON.stringify(chain))
`

/** The error again, from its printed chain: the fields classification reads. */
const rebuild = (chain: ErrorFields[]): unknown =>
  chain.reduceRight<Error | undefined>((cause, e) => {
    const error = new Error(e.message, cause ? { cause } : undefined)
    return Object.assign(error, { name: e.name }, e.code ? { code: e.code } : {})
  }, undefined)
