import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import {
  checkHostAndOrigin,
  cookieValues,
  generateToken,
  hasValidCredential,
  tokenCookie,
  tokenFromEntryUrl,
  tokensMatch,
} from '../../../src/main/serve/security'

const PORT = 4780
const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage

describe('per-run token (SEC-11)', () => {
  it('is 32 random bytes in base64url and differs every run', () => {
    const a = generateToken()
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(a, 'base64url')).toHaveLength(32)
    expect(generateToken()).not.toBe(a)
  })

  it('matches only the exact token, whatever the length of the guess', () => {
    const token = generateToken()
    expect(tokensMatch(token, token)).toBe(true)
    expect(tokensMatch(token.slice(0, -1), token)).toBe(false)
    expect(tokensMatch(token + 'x', token)).toBe(false)
    expect(tokensMatch('', token)).toBe(false)
  })

  it('is not accepted from the cookie of a server on another port', () => {
    const token = generateToken()
    const other = req({ cookie: `cht_migrate_token_${PORT + 1}=${token}` })
    expect(hasValidCredential(other, token, PORT)).toBe(false)
  })

  it('is accepted from the bearer header or the cookie, not from other headers', () => {
    const token = generateToken()
    expect(hasValidCredential(req({ authorization: `Bearer ${token}` }), token, PORT)).toBe(true)
    expect(
      hasValidCredential(req({ cookie: `a=1; cht_migrate_token_${PORT}=${token}` }), token, PORT),
    ).toBe(true)
    expect(hasValidCredential(req({ authorization: `Basic ${token}` }), token, PORT)).toBe(false)
    expect(hasValidCredential(req({ cookie: `other=${token}` }), token, PORT)).toBe(false)
    expect(hasValidCredential(req({ 'x-token': token }), token, PORT)).toBe(false)
    expect(hasValidCredential(req({}), token, PORT)).toBe(false)
  })

  it('is taken from the query only on GET /', () => {
    const url = (path: string) => new URL(`http://127.0.0.1:${PORT}${path}`)
    expect(tokenFromEntryUrl('GET', url('/?token=abc'))).toBe('abc')
    expect(tokenFromEntryUrl('POST', url('/?token=abc'))).toBeNull()
    expect(tokenFromEntryUrl('GET', url('/assets/a.js?token=abc'))).toBeNull()
    expect(tokenFromEntryUrl('GET', url('/'))).toBeNull()
  })

  it('is stored in an HttpOnly, SameSite=Strict cookie', () => {
    expect(tokenCookie('t0k', PORT)).toBe(
      `cht_migrate_token_${PORT}=t0k; HttpOnly; SameSite=Strict; Path=/`,
    )
    expect(
      cookieValues('x=1; cht_migrate_token=a; cht_migrate_token=b', 'cht_migrate_token'),
    ).toEqual(['a', 'b'])
  })
})

describe('Host and Origin check (SEC-11, DNS rebinding)', () => {
  it.each([`127.0.0.1:${PORT}`, `localhost:${PORT}`, `LOCALHOST:${PORT}`])(
    'accepts Host %s',
    (host) => {
      expect(checkHostAndOrigin(req({ host }), PORT)).toBeNull()
    },
  )

  it.each([
    `evil.example:${PORT}`,
    '127.0.0.1',
    `127.0.0.1:${PORT + 1}`,
    `localhost.evil.example:${PORT}`,
    `[::1]:${PORT}`,
  ])('refuses Host %s with 403', (host) => {
    expect(checkHostAndOrigin(req({ host }), PORT)?.status).toBe(403)
  })

  it('refuses a missing Host', () => {
    expect(checkHostAndOrigin(req({}), PORT)?.status).toBe(403)
  })

  it('accepts our own Origin and refuses any other', () => {
    const host = `127.0.0.1:${PORT}`
    expect(checkHostAndOrigin(req({ host, origin: `http://localhost:${PORT}` }), PORT)).toBeNull()
    expect(checkHostAndOrigin(req({ host, origin: `http://127.0.0.1:${PORT}` }), PORT)).toBeNull()
    for (const origin of ['https://evil.example', 'null', `https://127.0.0.1:${PORT}`]) {
      expect(checkHostAndOrigin(req({ host, origin }), PORT)?.status).toBe(403)
    }
  })
})
