import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnectionService } from '../../../../src/main/engine/connections/connection-service'
import { detailsOf, expectFailure, targetOf } from '../../../support/connection-results'
import {
  closedPort,
  connectionsWith,
  couchProfile,
  couchServer,
  httpServer,
  silentServer,
  testService,
  TEST_TIMEOUTS,
} from './fixtures'

/**
 * Every classified CouchDB failure against a real failing endpoint: an unresolvable name, a
 * closed port, a server that never answers, https spoken to plain http, a self-signed
 * certificate, wrong and missing credentials, a user who may not read `medic`, and HTTP servers
 * that are not CouchDB. (A CouchDB without `medic` is in couchdb-missing.test.ts: one
 * CouchDB-compatible server per test file.)
 */
const service = testService()
let couch: Awaited<ReturnType<typeof couchServer>>

beforeAll(async () => {
  couch = await couchServer()
})
afterAll(async () => {
  await couch?.cleanup()
})

const test = (url: string, password: string | null, username = 'admin') =>
  service.test('couchdb', connectionsWith({ couchdb: couchProfile(url, username) }), {
    typed: password,
  })

const expectKind = expectFailure
/** The error of a failed test. */
const errorOf = (result: Parameters<typeof detailsOf>[0]) => detailsOf(result).error

describe('CouchDB connection failures, classified', () => {
  it('dns: a host name that cannot resolve (reserved .invalid TLD)', async () => {
    const report = await test('http://cht-couchdb.invalid:5984', 'x')
    expectKind(report, 'dns')
    expect(errorOf(report)?.message).toContain('cht-couchdb.invalid')
    expect(targetOf(report)).toBe('http://cht-couchdb.invalid:5984')
  })

  it('refused: a closed port on 127.0.0.1', async () => {
    const port = await closedPort()
    const report = await test(`http://127.0.0.1:${port}`, 'x')
    expectKind(report, 'refused')
    expect(errorOf(report)?.hint).toMatch(/443/)
  })

  it('timeout: a server that accepts and never answers, within the request timeout', async () => {
    const silent = await silentServer()
    try {
      const report = await test(`http://127.0.0.1:${silent.port}`, 'x')
      expectKind(report, 'timeout')
      expect(detailsOf(report).durationMs).toBeGreaterThanOrEqual(
        TEST_TIMEOUTS.requestTimeoutMs - 100,
      )
      expect(detailsOf(report).durationMs).toBeLessThan(TEST_TIMEOUTS.deadlineMs)
    } finally {
      await silent.close()
    }
  })

  it('timeout: the whole test gives up at its deadline, whatever it waits for', async () => {
    const silent = await silentServer()
    const patient = createConnectionService({ requestTimeoutMs: 30_000, deadlineMs: 800 })
    try {
      const profile = couchProfile(`http://127.0.0.1:${silent.port}`)
      const report = await patient.test('couchdb', connectionsWith({ couchdb: profile }), {
        typed: 'x',
      })
      expectKind(report, 'timeout')
      expect(errorOf(report)?.message).toBe(
        `http://127.0.0.1:${silent.port} did not finish answering within 1 s.`,
      )
      expect(detailsOf(report).durationMs).toBeLessThan(3_000)
    } finally {
      await silent.close()
    }
  })

  it('tls: an https address on a plain http server', async () => {
    const report = await test(couch.url.replace('http://', 'https://'), couch.adminPassword)
    expectKind(report, 'tls')
    expect(errorOf(report)?.message).toMatch(/does not speak TLS/)
    expect(errorOf(report)?.hint).toMatch(/http:\/\//)
  })

  it('tls: a self-signed certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-tls-'))
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      )
      const server = createHttpsServer(
        { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        (_req, res) => res.end('{"couchdb":"Welcome"}'),
      )
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const { port } = server.address() as { port: number }
      try {
        const report = await test(`https://127.0.0.1:${port}`, 'x')
        expectKind(report, 'tls')
        expect(errorOf(report)?.message).toMatch(/not trusted/)
      } finally {
        server.closeAllConnections()
        await new Promise((resolve) => server.close(resolve))
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('auth: a wrong password, without echoing it', async () => {
    const wrong = 'not-the-couch-Password'
    const report = await test(couch.url, wrong)
    expectKind(report, 'auth')
    expect(errorOf(report)?.message).toMatch(/refused the user name or password \(HTTP 401/)
    expect(JSON.stringify(report)).not.toContain(wrong)
  })

  it('auth: no user name on a server that requires one', async () => {
    const report = await test(couch.url, null, '')
    expectKind(report, 'auth')
    expect(errorOf(report)?.message).toMatch(/requires a user name and password/)
    expect(detailsOf(report).serverLabel).toMatch(/PouchDB Server/)
  })

  it('permission: a user who is not a member of medic', async () => {
    const auth = Buffer.from(`admin:${couch.adminPassword}`).toString('base64')
    const created = await fetch(`${couch.url}/_users/org.couchdb.user:reader`, {
      method: 'PUT',
      headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'reader', password: 'reader-Pa55', roles: [], type: 'user' }),
    })
    expect(created.status).toBe(201)
    const report = await test(couch.url, 'reader-Pa55', 'reader')
    expectKind(report, 'permission')
    expect(errorOf(report)?.message).toMatch(/“reader” may not read the “medic” database/)
  })

  it('not_couchdb: an HTTP server answering an HTML page', async () => {
    const web = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><title>Welcome to nginx!</title>')
    })
    try {
      const report = await test(web.url, 'x')
      expectKind(report, 'not_couchdb')
      expect(errorOf(report)?.message).toMatch(/an HTML page \(HTTP 200\): this is not a CouchDB/)
    } finally {
      await web.close()
    }
  })

  it('not_couchdb: an HTTP server answering JSON that is not CouchDB’s welcome', async () => {
    const api = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"status":"ok","service":"grafana"}')
    })
    try {
      const report = await test(api.url, 'x')
      expectKind(report, 'not_couchdb')
      expect(errorOf(report)?.message).toMatch(/JSON that is not CouchDB’s welcome/)
    } finally {
      await api.close()
    }
  })

  it('not_couchdb: a redirect names where it points', async () => {
    const redirect = await httpServer((_req, res) => {
      res.writeHead(301, { location: 'https://cht.example.org/' })
      res.end()
    })
    try {
      const report = await test(redirect.url, 'x')
      expectKind(report, 'not_couchdb')
      expect(errorOf(report)?.message).toContain('redirects to https://cht.example.org/')
    } finally {
      await redirect.close()
    }
  })

  it('no_password: a user name without a password is not sent', async () => {
    const report = await test(couch.url, null)
    expectKind(report, 'no_password')
    expect(errorOf(report)?.hint).toContain('CHT_MIGRATE_COUCHDB_PASSWORD')
  })
})
