import { describe, expect, it, vi } from 'vitest'
import {
  hostAddresses,
  isLoopbackAddress,
  sameDatabase,
  type LookupAll,
} from '../../../../src/main/engine/connections/same-database'
import type { PostgresProfile } from '../../../../src/shared/project-schema'

/** The schema-clash test compares servers by address, not by how their host is spelt. */
const profile = (host: string, patch: Partial<PostgresProfile> = {}): PostgresProfile => ({
  host,
  port: 5432,
  database: 'cht',
  user: 'reader',
  ssl: 'disable',
  ...patch,
})

/** A resolver that knows a few names, and never answers for `slow.example.org`. */
const lookup: LookupAll = async (host) => {
  const known: Record<string, string[]> = {
    'db.example.org': ['10.0.0.5', '2001:db8::5'],
    'db-alias.example.org': ['10.0.0.5'],
    'other.example.org': ['10.0.0.6'],
    'this-machine': ['127.0.1.1'],
  }
  if (host === 'slow.example.org') return new Promise<string[]>(() => undefined)
  const found = known[host]
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
  return found
}

describe('sameDatabase', () => {
  it('knows localhost, 127.0.0.1, ::1 and the loopback range as this machine, without DNS', async () => {
    const never = vi.fn<LookupAll>()
    for (const [a, b] of [
      ['localhost', '127.0.0.1'],
      ['127.0.0.1', '::1'],
      ['LOCALHOST', '[::1]'],
      ['127.0.0.2', 'localhost'],
      ['db.localhost', '::ffff:127.0.0.1'],
    ] as const) {
      expect(await sameDatabase(profile(a), profile(b), { lookup: never }), `${a} ${b}`).toBe(true)
    }
    expect(never).not.toHaveBeenCalled()
  })

  it('compares the addresses names resolve to', async () => {
    expect(await sameDatabase(profile('db.example.org'), profile('10.0.0.5'), { lookup })).toBe(
      true,
    )
    expect(
      await sameDatabase(profile('db.example.org'), profile('db-alias.example.org'), { lookup }),
    ).toBe(true)
    expect(
      await sameDatabase(profile('db.example.org'), profile('2001:db8:0::5'), { lookup }),
    ).toBe(true)
    expect(await sameDatabase(profile('this-machine'), profile('localhost'), { lookup })).toBe(true)
    expect(
      await sameDatabase(profile('db.example.org'), profile('other.example.org'), { lookup }),
    ).toBe(false)
  })

  it('needs the same port and database; the user does not matter', async () => {
    const a = profile('localhost')
    expect(await sameDatabase(a, profile('127.0.0.1', { user: 'other' }))).toBe(true)
    expect(await sameDatabase(a, profile('127.0.0.1', { port: 5433 }))).toBe(false)
    expect(await sameDatabase(a, profile('127.0.0.1', { database: 'cht_sync' }))).toBe(false)
  })

  it('compares Unix socket folders as paths, never with a TCP host', async () => {
    const socket = profile('/var/run/postgresql')
    expect(await sameDatabase(socket, profile('/var/run/postgresql/'))).toBe(true)
    expect(await sameDatabase(socket, profile('/var/run/../run/postgresql'))).toBe(true)
    expect(await sameDatabase(socket, profile('/tmp'))).toBe(false)
    expect(await sameDatabase(socket, profile('localhost'))).toBe(false)
  })

  it('falls back to the names when a lookup fails or outlasts its timeout', async () => {
    const options = { lookup, timeoutMs: 20 }
    expect(await sameDatabase(profile('nowhere.invalid'), profile('10.0.0.5'), options)).toBe(false)
    expect(await sameDatabase(profile('slow.example.org'), profile('10.0.0.5'), options)).toBe(
      false,
    )
    expect(
      await sameDatabase(profile('Slow.Example.org'), profile('slow.example.org.'), options),
    ).toBe(true)
  })
})

describe('hostAddresses', () => {
  it('marks loopback addresses and keeps others in one spelling', async () => {
    expect(await hostAddresses('127.10.0.1')).toEqual(new Set(['loopback']))
    expect(await hostAddresses('[0:0:0:0:0:0:0:1]')).toEqual(new Set(['loopback']))
    expect(await hostAddresses('::ffff:10.0.0.5')).toEqual(new Set(['10.0.0.5']))
    expect(await hostAddresses('db.example.org', { lookup })).toEqual(
      new Set(['10.0.0.5', '2001:db8::5']),
    )
  })

  it('knows the loopback range', () => {
    expect(isLoopbackAddress('127.255.255.254')).toBe(true)
    expect(isLoopbackAddress('::1')).toBe(true)
    expect(isLoopbackAddress('128.0.0.1')).toBe(false)
    expect(isLoopbackAddress('::2')).toBe(false)
  })
})
