import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { posix } from 'node:path'
import type { PostgresProfile } from '../../../shared/project-schema'
import { isSocketHost } from '../db/pool-config'

/** Every address a host name resolves to (`dns.lookup` with `all: true`). */
export type LookupAll = (host: string) => Promise<string[]>

export interface SameDatabaseOptions {
  /** Resolves a host name; node:dns `lookup` unless a test gives its own. */
  lookup?: LookupAll
  /** A name that does not resolve within this long counts as unresolved (default 1.5 s). */
  timeoutMs?: number
}

/** The one address every loopback name and address stands for: this machine. */
const LOOPBACK = 'loopback'

const systemLookup: LookupAll = async (host) =>
  (await dnsLookup(host, { all: true })).map((a) => a.address)

/** `::ffff:127.0.0.1` → `127.0.0.1`; IPv6 in one spelling (`0:0::1` → `::1`); else as given. */
function canonicalIp(ip: string): string {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  if (isIP(bare) === 4) return bare
  if (isIP(bare) !== 6) return bare.toLowerCase()
  const spelled = new URL(`http://[${bare}]/`).hostname.replace(/^\[|\]$/g, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(spelled)
  if (mapped?.[1]) return mapped[1]
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(spelled)
  if (hex?.[1] && hex[2]) {
    const high = parseInt(hex[1], 16)
    const low = parseInt(hex[2], 16)
    return [high >> 8, high & 255, low >> 8, low & 255].join('.')
  }
  return spelled
}

/** True for `127.0.0.0/8` and `::1`: addresses of this machine whatever it is called. */
export function isLoopbackAddress(ip: string): boolean {
  const canonical = canonicalIp(ip)
  return canonical === '::1' || /^127\.\d+\.\d+\.\d+$/.test(canonical)
}

/** `localhost`, `db.localhost` (RFC 6761): names of this machine, never looked up. */
const isLoopbackName = (host: string): boolean => /(^|\.)localhost\.?$/i.test(host)

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms)
  })
  try {
    return await Promise.race([work.catch(() => null), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The addresses a host stands for: itself for an IP address, `loopback` for loopback names and
 * addresses, else what the name resolves to within the timeout. A name that does not resolve
 * stands for itself (lower-cased), so two spellings of it still compare equal.
 */
export async function hostAddresses(
  host: string,
  options: SameDatabaseOptions = {},
): Promise<Set<string>> {
  const name = host.trim().replace(/^\[|\]$/g, '')
  const mark = (ip: string) => (isLoopbackAddress(ip) ? LOOPBACK : canonicalIp(ip))
  if (isIP(name.replace(/%.*$/, '')) !== 0) return new Set([mark(name)])
  if (isLoopbackName(name)) return new Set([LOOPBACK])
  const found = await withTimeout(
    (options.lookup ?? systemLookup)(name),
    options.timeoutMs ?? 1_500,
  )
  if (!found || found.length === 0) return new Set([name.toLowerCase().replace(/\.$/, '')])
  return new Set(found.map(mark))
}

const socketDir = (host: string) => posix.normalize(host).replace(/(.)\/+$/, '$1')

/**
 * True when two profiles name the same database on the same server: the same database name and
 * port, and hosts that share an address once resolved (`localhost`, `127.0.0.1` and `::1` are
 * all this machine). A Unix socket folder is compared as a path, and never equals a TCP host.
 */
export async function sameDatabase(
  a: PostgresProfile,
  b: PostgresProfile,
  options: SameDatabaseOptions = {},
): Promise<boolean> {
  if (a.database !== b.database || a.port !== b.port) return false
  const socketA = isSocketHost(a.host)
  const socketB = isSocketHost(b.host)
  if (socketA || socketB) return socketA && socketB && socketDir(a.host) === socketDir(b.host)
  if (a.host.trim().toLowerCase() === b.host.trim().toLowerCase()) return true
  const [first, second] = await Promise.all([
    hostAddresses(a.host, options),
    hostAddresses(b.host, options),
  ])
  return [...first].some((address) => second.has(address))
}
