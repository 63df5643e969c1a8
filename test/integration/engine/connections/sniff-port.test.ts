import { describe, expect, it } from 'vitest'
import { sniffPort } from '../../../../src/main/engine/connections/sniff-port'
import { testPostgres } from '../../../support/test-postgres'
import { closedPort, httpServer, silentServer } from './fixtures'

/** What answers on a port, from one SSLRequest: PostgreSQL, a web server, or nothing known. */
describe('sniffPort', () => {
  it('knows PostgreSQL by its one-byte answer', async () => {
    const server = testPostgres()
    expect(await sniffPort(server.host, server.port)).toBe('postgresql')
  })

  it('knows an HTTP server by its status line', async () => {
    const web = await httpServer((_req, res) => res.end('hello'))
    try {
      expect(await sniffPort('127.0.0.1', web.port)).toBe('http')
    } finally {
      await web.close()
    }
  })

  it('says nothing for a silent server (within its time limit) or a closed port', async () => {
    const silent = await silentServer()
    try {
      const started = Date.now()
      expect(await sniffPort('127.0.0.1', silent.port, 300)).toBeNull()
      expect(Date.now() - started).toBeLessThan(1_500)
    } finally {
      await silent.close()
    }
    expect(await sniffPort('127.0.0.1', await closedPort())).toBeNull()
  })
})
