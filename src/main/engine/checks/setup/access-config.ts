import { isIP } from 'node:net'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import { isLoopbackAddress } from '../../connections/same-database'
import { isSocketHost } from '../../db/pool-config'
import type { CheckContext } from '../check-types'
import {
  maskedValue,
  type ChtSyncConfig,
  type ConfigEntry,
  type CouchdbTarget,
  type SettingName,
} from '../config/config-types'

/**
 * What the access and production checks read from CHT Sync's configuration, and the host-name
 * rules they share: which hosts are this machine, which only resolve inside Docker.
 */

/** A setting's value, trimmed; null when it is not set or empty. */
export function settingValue(config: ChtSyncConfig | null, name: SettingName): string | null {
  const value = config?.settings[name]?.value.trim()
  return value ? value : null
}

/** A value of an entry, trimmed; null when the entry is absent or empty. */
export const entryValue = (entry: ConfigEntry | null | undefined): string | null =>
  entry?.value.trim() ? entry.value.trim() : null

/** The database names of a `COUCHDB_DBS` value, and whether it separates them with spaces. */
export interface DatabaseList {
  names: string[]
  /** True when names are separated by spaces alone (`medic medic-sentinel`). */
  spaceSeparated: boolean
}

/**
 * Splits `COUCHDB_DBS` as CHT Sync's couch2pg service does since 1.1.4: on commas or spaces,
 * trimmed, empty parts dropped, each name once.
 */
export function databaseList(entry: ConfigEntry | null | undefined): DatabaseList {
  const value = entry?.value ?? ''
  const spaceSeparated = value
    .split(',')
    .some((part) => /\S\s+\S/.test(part.trim().replace(/^["']|["']$/g, '')))
  const names = [
    ...new Set(
      value
        .split(/[\s,]+/)
        .map((n) => n.trim().replace(/^["']+|["']+$/g, ''))
        .filter(Boolean),
    ),
  ]
  return { names, spaceSeparated }
}

/**
 * The address CHT Sync builds for a CouchDB target: https unless `COUCHDB_SECURE` is set to
 * something other than the exact string `true` (couch2pg's test; Compose and Helm default to true).
 */
export interface CouchAddress {
  secure: boolean
  host: string
  port: number | null
  /** `http(s)://host:port`, without credentials. */
  url: string
}

/**
 * True when CHT Sync uses https for this target. Compose writes
 * `COUCHDB_SECURE=${COUCHDB_SECURE:-true}`: unset or empty is https; the Helm chart quotes
 * whatever it has, so nothing set there reaches CHT Sync as "" and means http.
 */
export function targetSecure(config: ChtSyncConfig, target: CouchdbTarget): boolean {
  const value = target.secure?.value ?? ''
  return value === '' ? config.kind === 'env' : value === 'true'
}

/** The target's address, or null when its host is not set or not a bare host name. */
export function couchAddress(config: ChtSyncConfig, target: CouchdbTarget): CouchAddress | null {
  const host = entryValue(target.host)
  if (!host || /[/@\s]/.test(host)) return null
  const portText = entryValue(target.port)
  const port = portText && /^\d{1,5}$/.test(portText) ? Number(portText) : null
  const secure = targetSecure(config, target)
  const shown = isIP(host) === 6 ? `[${host}]` : host
  return {
    secure,
    host,
    port,
    url: `${secure ? 'https' : 'http'}://${shown}${port === null ? '' : `:${port}`}`,
  }
}

/** True for a host of this machine: `localhost`, 127.0.0.0/8, ::1, or a Unix socket folder. */
export function isLocalHost(host: string): boolean {
  const name = host.trim().replace(/^\[|\]$/g, '')
  if (isSocketHost(name)) return true
  if (/(^|\.)localhost\.?$/i.test(name)) return true
  return isIP(name) !== 0 && isLoopbackAddress(name)
}

/**
 * True for a name that only resolves inside Docker: a Compose service name (one label, no dot,
 * such as `couchdb` or `postgres`) or Docker's own `host.docker.internal`.
 */
export function isDockerOnlyHost(host: string): boolean {
  const name = host.trim().toLowerCase()
  if (name === '' || isIP(name) !== 0 || isLocalHost(name)) return false
  return !name.includes('.') || /^(host|gateway)\.docker\.internal\.?$/.test(name)
}

/** The sentence a check adds when it could not resolve a Docker-only name from this computer. */
export const dockerOnlyNote = (setting: string, host: string): string =>
  `${setting} “${host}” only resolves inside Docker (a Compose service name or host.docker.internal), and this check ran from this computer, not from CHT Sync’s containers. Run it from the CHT Sync server, or check the connection there (docker compose logs couch2pg).`

/** A setting as evidence, where it was read and its value masked (SEC-09). */
export function settingEvidence(
  config: ChtSyncConfig,
  entry: ConfigEntry | null | undefined,
  key: string,
): EvidenceItem {
  return {
    type: 'setting',
    source: config.path,
    key: entry?.key ?? key,
    value: entry ? maskedValue(entry) : null,
    line: entry?.line ?? null,
  }
}

/**
 * The configuration when one is chosen and readable; null otherwise, with the reason in `notes`
 * (for checks that only use it when it is there).
 */
export async function optionalConfig(
  ctx: CheckContext,
  notes: string[],
): Promise<ChtSyncConfig | null> {
  // ctx.config() is null when no file is chosen.
  try {
    return await ctx.config()
  } catch (e) {
    if (ctx.signal.aborted) throw e
    notes.push(`The CHT Sync configuration could not be read: ${(e as Error).message}`)
    return null
  }
}

/** `DBT_THREAD_COUNT` as a whole number of at least 1; 1 when unset or not a number. */
export function dbtThreads(config: ChtSyncConfig | null): number {
  const n = Number(settingValue(config, 'DBT_THREAD_COUNT'))
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 1_000) : 1
}

/** How many dbt processes run: one per `dbt_selectors` entry of values.yaml, else one. */
export function dbtProcesses(config: ChtSyncConfig | null): number {
  if (!config || config.kind !== 'values') return 1
  const indexes = new Set<string>()
  for (const e of config.entries) {
    const m = /^dbt_selectors\[(\d+)\]/.exec(e.key)
    if (m?.[1]) indexes.add(m[1])
  }
  return Math.max(1, indexes.size)
}

/** How many couch2pg services CHT Sync runs: one per CouchDB target. */
export const couch2pgServices = (config: ChtSyncConfig | null): number =>
  Math.max(1, config?.couchdbs.length ?? 1)
