/**
 * What the configuration checks need to know about a CouchDB host as written in `COUCHDB_HOST`
 * (or a Helm `couchdbs[].host`): CHT Sync builds `http(s)://user:password@HOST:PORT/db` from it,
 * so it must be a host name alone.
 */

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i

/** What is wrong with a host as written, in words; null when it is a host name alone. */
export function hostFormProblem(value: string): string | null {
  const host = value.trim()
  const scheme = SCHEME.exec(host)
  if (scheme) return `starts with ${scheme[1]}://`
  if (/\s/.test(host)) return 'has a space in it'
  if (host.includes('@')) return 'holds a user name (@)'
  if (host.includes('/')) return 'has a path (/) in it'
  if (/^[^:[\]]+:\d*$/.test(host)) return 'has a port (:) in it'
  return null
}

/** The host name alone, for classifying it: scheme, user, path and port removed. */
export function bareHost(value: string): string {
  let host = value.trim().replace(SCHEME, '')
  host = host.slice(host.lastIndexOf('@') + 1)
  host = host.split('/', 1)[0] ?? ''
  if (host.startsWith('['))
    return host.slice(1, host.indexOf(']') === -1 ? undefined : host.indexOf(']'))
  return host.replace(/:\d*$/, '').toLowerCase()
}

const PRIVATE_V4 = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./]

/**
 * True when traffic to the host stays on this machine or a private network: `localhost`, loopback
 * and private IPv4 and IPv6 addresses, a Docker or Kubernetes service name without dots
 * (`couchdb`), `host.docker.internal`, and `.local`, `.internal`, `.svc`, `.cluster.local` names.
 */
export function isLocalHost(value: string): boolean {
  const host = bareHost(value)
  if (host === '') return true
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (PRIVATE_V4.some((p) => p.test(host))) return true
  if (host.includes(':'))
    return host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host) || host.startsWith('fe80:')
  if (!host.includes('.')) return true
  return /\.(local|internal|svc|cluster\.local|lan|home\.arpa)$/.test(host)
}

/** A TCP port as written, or null when it is not a whole number from 1 to 65535. */
export function portNumber(value: string): number | null {
  const text = value.trim()
  if (!/^\d{1,5}$/.test(text)) return null
  const port = Number(text)
  return port >= 1 && port <= 65535 ? port : null
}
