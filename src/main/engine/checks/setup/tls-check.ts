import type { PostgresProfile } from '../../../../shared/project-schema'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome } from '../check-types'
import {
  entryValue,
  isDockerOnlyHost,
  isLocalHost,
  optionalConfig,
  settingValue,
  targetSecure,
} from './access-config'

/** One connection carrying data or passwords between two programs. */
interface Hop {
  name: string
  host: string
  /** The other end is on the same machine (or inside the same Docker host): no TLS needed. */
  local: boolean
  encrypted: boolean
  /** The server's certificate is checked (its chain and name). */
  verified: boolean
  note: string
}

function postgresHop(name: string, profile: PostgresProfile): Hop {
  const local = isLocalHost(profile.host)
  const base = { name, host: profile.host, local }
  if (profile.ssl === 'disable' || profile.host.startsWith('/')) {
    return {
      ...base,
      encrypted: false,
      verified: false,
      note: profile.host.startsWith('/') ? 'Unix socket' : 'SSL disabled',
    }
  }
  if (profile.ssl === 'verify-full') {
    return { ...base, encrypted: true, verified: true, note: 'verify-full' }
  }
  return {
    ...base,
    encrypted: true,
    verified: false,
    note: profile.sslFiles?.ca
      ? 'require with a CA: the chain is checked, not the name'
      : 'require',
  }
}

/** The hops the wizard itself uses: the project's connections. */
function projectHops(ctx: CheckContext): Hop[] {
  const { couchdb, couch2pg, chtSync } = ctx.document.connections
  const hops: Hop[] = []
  if (couchdb) {
    const url = new URL(couchdb.url)
    const https = url.protocol === 'https:'
    const host = url.hostname.replace(/^\[|\]$/g, '')
    hops.push({
      name: 'This computer → CouchDB',
      host,
      local: isLocalHost(host),
      encrypted: https,
      verified: https,
      note: https ? 'https, certificate checked' : 'http',
    })
  }
  if (couch2pg) hops.push(postgresHop('This computer → couch2pg PostgreSQL', couch2pg))
  if (chtSync) hops.push(postgresHop('This computer → CHT Sync PostgreSQL', chtSync))
  return hops
}

/** Hosts CHT Sync reaches inside its Docker host (service names) count as local. */
const chtSyncLocal = (host: string) => isLocalHost(host) || isDockerOnlyHost(host)

/** The hops CHT Sync will use, as its configuration sets them. */
async function configHops(ctx: CheckContext, notes: string[]): Promise<Hop[]> {
  const config = await optionalConfig(ctx, notes)
  if (!config) return []
  const hops: Hop[] = []
  for (const target of config.couchdbs.slice(0, 20)) {
    const host = entryValue(target.host)
    if (!host) continue
    const secure = targetSecure(config, target)
    hops.push({
      name: 'CHT Sync → CouchDB (COUCHDB_SECURE)',
      host,
      local: chtSyncLocal(host),
      encrypted: secure,
      verified: secure,
      note: secure ? 'https' : 'COUCHDB_SECURE is not “true”: http',
    })
  }
  const pgHost = settingValue(config, 'POSTGRES_HOST')
  if (pgHost) {
    hops.push({
      name: 'CHT Sync → PostgreSQL (POSTGRES_HOST)',
      host: pgHost,
      local: chtSyncLocal(pgHost),
      encrypted: false,
      verified: false,
      note: 'CHT Sync’s couch2pg service has no TLS setting: plain unless PGSSLMODE is set in its environment',
    })
  }
  return hops
}

const listed = (hops: Hop[]) => hops.map((h) => `${h.name} (${h.host})`).join('; ')

/** The run of `production.tls`. */
export async function runTlsCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const notes: string[] = []
  const hops = [...projectHops(ctx), ...(await configHops(ctx, notes))]
  const evidence: EvidenceItem[] = notes.map((value) => ({ type: 'fact', label: 'Note', value }))
  if (hops.length === 0) {
    const reason =
      'No connection is set and no CHT Sync configuration is chosen: there is nothing to look at.'
    return { verdict: 'skipped', summary: reason, skippedBecause: reason, evidence }
  }
  evidence.push({
    type: 'table',
    caption: 'Connections',
    columns: ['connection', 'host', 'encrypted', 'verified', 'note'],
    rows: hops.map((h) => [
      h.name,
      h.host,
      h.encrypted,
      h.verified,
      h.local ? `${h.note}; on the same machine, no TLS needed` : h.note,
    ]),
  })
  const remote = hops.filter((h) => !h.local)
  const plain = remote.filter((h) => !h.encrypted)
  if (plain.length > 0) {
    return {
      verdict: 'fail',
      summary: `Unencrypted across the network: ${listed(plain)}.`,
      evidence,
      remedy: {
        text: 'Use https for CouchDB (COUCHDB_SECURE=true, port 443 behind nginx; an https:// address for the wizard). For PostgreSQL on another server, set SSL to verify-full (or require) on the Connections page, add PGSSLMODE=require to CHT Sync’s couch2pg service, or keep PostgreSQL on the CHT Sync server or reach it through an SSH tunnel.',
      },
    }
  }
  const unverified = remote.filter((h) => !h.verified)
  if (unverified.length > 0) {
    return {
      verdict: 'warn',
      summary: `Encrypted, but the server’s certificate is not checked: ${listed(unverified)}. Anyone able to intercept the traffic could pose as the server.`,
      evidence,
      remedy: {
        text: 'Set SSL to verify-full on the Connections page, with the server’s CA file when it is not publicly trusted.',
      },
    }
  }
  return {
    verdict: 'pass',
    summary:
      remote.length === 0
        ? 'Every connection stays on one machine; none crosses the network.'
        : `Every connection that crosses the network is encrypted and checks the server’s certificate (${remote.length}).`,
    evidence,
  }
}
