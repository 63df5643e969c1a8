import { connect } from 'node:net'
import type { ConnectionError } from '../../../shared/results/connection-result'

/** PostgreSQL's SSLRequest: length 8, code 80877103. A PostgreSQL server answers one byte. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 4, 210, 22, 47])

/**
 * What answers on a port that failed the PostgreSQL handshake, from its first bytes: `postgresql`
 * when it answers an SSLRequest with `S` or `N` as PostgreSQL does, `http` when it answers with an
 * HTTP status line (or a TLS alert, as an https port does), null when it says nothing in time or
 * something else. One small, read-only exchange: 8 bytes out, at most 64 read, bounded in time.
 */
export function sniffPort(
  host: string,
  port: number,
  timeoutMs = 1_500,
): Promise<ConnectionError['looksLike']> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    let received = Buffer.alloc(0)
    const finish = (result: ConnectionError['looksLike']) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(result)
    }
    const judge = (final: boolean) => {
      const head = received.subarray(0, 5).toString('latin1')
      if (received.length === 1 && (head === 'S' || head === 'N')) return finish('postgresql')
      if (head.startsWith('HTTP/')) return finish('http')
      // A TLS record (alert 0x15 or handshake 0x16, version 3.x): an https port.
      if (
        received.length >= 2 &&
        (received[0] === 0x15 || received[0] === 0x16) &&
        received[1] === 3
      ) {
        return finish('http')
      }
      if (final || received.length >= 64) return finish(null)
    }
    const timer = setTimeout(() => judge(true), timeoutMs)
    socket.once('connect', () => socket.write(SSL_REQUEST))
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]).subarray(0, 64)
      // `S`/`N` come alone; wait a moment for anything else to say more.
      if (received.length > 1) judge(false)
      else setTimeout(() => judge(true), 50)
    })
    socket.once('end', () => judge(true))
    socket.once('error', () => finish(null))
  })
}
