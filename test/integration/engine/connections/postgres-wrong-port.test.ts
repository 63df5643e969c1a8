import { afterAll, describe, expect, it } from 'vitest'
import { detailsOf, expectFailure } from '../../../support/connection-results'
import { connectionsWith, httpServer, postgresProfile, testService } from './fixtures'

/**
 * A PostgreSQL profile pointed at another kind of server (a web server, an API) hears the
 * connection closed during the handshake; the test says so in words a person can act on
 * (`not_postgresql`), and names what answered when a probe of the port can tell.
 */
const service = testService()
const errorOf = (result: Parameters<typeof detailsOf>[0]) => detailsOf(result).error

afterAll(() => service.closeAll())

describe('a PostgreSQL profile on a port that is not PostgreSQL', () => {
  it('not_postgresql: an HTTP port, named as such, with what to check', async () => {
    const web = await httpServer((_req, res) => res.end('<html>grafana</html>'))
    try {
      const profile = postgresProfile('cht', { host: '127.0.0.1', port: web.port })
      const report = await service.test('couch2pg', connectionsWith({ couch2pg: profile }), {
        typed: 'x',
      })
      expectFailure(report, 'not_postgresql')
      expect(errorOf(report)?.message).toBe(
        `127.0.0.1:${web.port} answered like a web (HTTP) server and closed the connection during the PostgreSQL handshake: this port does not look like a PostgreSQL server; check the port.`,
      )
      expect(errorOf(report)?.looksLike).toBe('http')
      expect(errorOf(report)?.hint).toMatch(/5432/)
    } finally {
      await web.close()
    }
  })

  it('not_postgresql: an HTTP port with SSL “require” (it does not answer the SSL request)', async () => {
    const web = await httpServer((_req, res) => res.end('ok'))
    try {
      const profile = postgresProfile('cht', {
        host: '127.0.0.1',
        port: web.port,
        ssl: 'require',
      })
      const report = await service.test(
        'chtSync',
        connectionsWith({ chtSync: { ...profile, schema: 'v1', table: 'couchdb' } }),
        { typed: 'x' },
      )
      expectFailure(report, 'not_postgresql')
      expect(errorOf(report)?.looksLike).toBe('http')
    } finally {
      await web.close()
    }
  })
})
