import type { EvidenceItem } from '../../../../shared/results/check-result'
import { SETTING_NAMES, type ChtSyncConfig, type ConfigEntry } from '../config/config-types'
import { COUCHDB_ENTRY_FIELDS, HELM_SETTINGS, isKnownHelmKey } from '../config/helm-keys'
import { defineCheck } from '../define-check'
import {
  bounded,
  fileFact,
  fileName,
  listed,
  settingItem,
  shown,
  table,
  withConfig,
} from './config-evidence'

const GONE = 'nothing: '
const NOTHING_REDIS = 'nothing: Redis is gone, CHT Sync’s couch2pg writes to PostgreSQL itself'
const NOTHING_POSTGREST = 'nothing: PostgREST is gone, the POSTGRES_* settings say where to write'
const NOTHING_SUPERSET = 'nothing: Superset is no longer part of CHT Sync, run it on its own'

/** Settings of earlier CHT Sync releases (reference 2.6) and what took their place. */
const REMOVED: Readonly<Record<string, string>> = {
  DBT_POSTGRES_USER: 'POSTGRES_USER (dbt uses CHT Sync’s user)',
  DBT_POSTGRES_PASSWORD: 'POSTGRES_PASSWORD (dbt uses CHT Sync’s user)',
  DBT_POSTGRES_SCHEMA: 'POSTGRES_SCHEMA (the models are built beside the raw table)',
  DBT_POSTGRES_HOST: 'POSTGRES_HOST',
  REDIS_HOST: NOTHING_REDIS,
  REDIS_PORT: NOTHING_REDIS,
  REDIS_KEY: NOTHING_REDIS,
  REDIS_BATCH_SIZE: NOTHING_REDIS,
  COUCHDB_SEQ: 'nothing: each database’s position is kept in the couchdb_progress table',
  HTTP_ENDPOINT: NOTHING_POSTGREST,
  POSTGREST_ENDPOINT: NOTHING_POSTGREST,
  COUCHDB_DB: 'COUCHDB_DBS, a comma-separated list such as medic,medic-sentinel',
  POSTGRES_TABLES: 'POSTGRES_TABLE: one raw table (couchdb) holds every database',
  SUPERSET_ADMIN_EMAIL: NOTHING_SUPERSET,
  SUPERSET_PASSWORD: NOTHING_SUPERSET,
  SUPERSET_SSH_TUNNELING: NOTHING_SUPERSET,
}

/** `.env` names CHT Sync reads besides SETTING_NAMES; DBT_THREADS is `setup.env-threads`'s. */
const KNOWN_ENV = new Set<string>([
  ...SETTING_NAMES,
  'ROOT_POSTGRES_SCHEMA',
  'BASTION_PORT',
  'BASTION_AUTHORIZED_KEYS_FILE',
  'DBT_THREADS',
])
const OURS = /^(POSTGRES_|COUCHDB_|DBT_|DATAEMON_|CHT_PIPELINE)/
const HELM_NAMES = [
  ...Object.values(HELM_SETTINGS),
  'postgres.enabled',
  'dbt_selectors',
  'image_tag',
].concat(COUCHDB_ENTRY_FIELDS.map((f) => `couchdbs[].${f}`))

/** Edit distance, for "did you mean"; only short names are compared. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] ?? 0
    row[0] = i
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] ?? 0
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + cost)
      diagonal = above
    }
  }
  return row[b.length] ?? 0
}

function closest(key: string, names: readonly string[]): string | null {
  if (key.length > 40) return null
  let best: string | null = null
  let bestDistance = 3
  for (const name of names) {
    const d = distance(key.toLowerCase(), name.toLowerCase())
    if (d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  return best
}

const replacementOf = (key: string): string | null =>
  Object.prototype.hasOwnProperty.call(REMOVED, key) ? (REMOVED[key] ?? null) : null

/** Most unknown keys given a "perhaps meant" (each costs a comparison with every known name). */
const MAX_SUGGESTED = 50

/** Unknown keys that look meant for CHT Sync, with a likely intended name when one is close. */
function unknownKeys(config: ChtSyncConfig): { entry: ConfigEntry; meant: string | null }[] {
  const unknown =
    config.kind === 'env'
      ? config.entries.filter((e) => OURS.test(e.key) && !KNOWN_ENV.has(e.key))
      : config.entries.filter((e) => !isKnownHelmKey(e.key) && e.key !== 'dbt_threads')
  const names = config.kind === 'env' ? [...KNOWN_ENV] : HELM_NAMES
  return unknown
    .filter((e) => replacementOf(e.key) === null)
    .map((entry, i) => ({
      entry,
      meant: i < MAX_SUGGESTED ? closest(entry.key.replace(/\[\d+\]/g, '[]'), names) : null,
    }))
}

/** The setting that replaces a removed one; null when nothing does. */
function successor(key: string): string | null {
  const use = replacementOf(key) ?? GONE
  return use.startsWith(GONE) ? null : (use.split(/[ ,:]/, 1)[0] ?? null)
}

/** `REDIS_HOST (no longer used)`, `COUCHDB_DB (now COUCHDB_DBS)`: the evidence says why. */
function described(entry: ConfigEntry): string {
  const next = successor(entry.key)
  return `${shown(entry.key)} (${next ? `now ${next}` : 'no longer used'})`
}

/** Which value goes where, and which lines simply go. */
function removedRemedy(removed: ConfigEntry[]): string {
  const moves = removed
    .filter((e) => successor(e.key) !== null)
    .map((e) => `${e.key} → ${successor(e.key)}`)
  const gone = removed.filter((e) => successor(e.key) === null)
  const parts: string[] = []
  if (moves.length > 0)
    parts.push(`Move each value to the setting that replaces it (${listed(moves, 6)})`)
  if (gone.length > 0) {
    parts.push(
      `${moves.length > 0 ? 'delete' : 'Delete'} ${listed(
        gone.map((e) => e.key),
        6,
      )}, which nothing replaces`,
    )
  }
  return `${parts.join(', and ')}. Lines left over do nothing and mislead whoever reads the file next.`
}

/**
 * `setup.env-renamed`: no setting of an earlier CHT Sync release (Logstash, Redis, PostgREST,
 * DBT_POSTGRES_*, COUCHDB_DB, Superset): each fails with what replaces it. A key that looks like
 * CHT Sync's but is not one it reads (a `POSTGRES_`, `COUCHDB_`, `DBT_` name in a `.env`, any key
 * the chart does not read in a values.yaml) warns, with the name it was likely meant to be.
 * DBT_THREADS is left to `setup.env-threads`.
 */
export const envRenamedCheck = defineCheck('setup.env-renamed', (ctx) =>
  withConfig(ctx, (config) => {
    const removed = config.entries.filter((e) => replacementOf(e.key) !== null)
    const unknown = unknownKeys(config)
    const evidence: EvidenceItem[] = [fileFact(config)]
    if (removed.length > 0) {
      evidence.push(
        table(
          'Settings of earlier CHT Sync releases',
          ['Setting', 'Line', 'Use instead'],
          removed.map((e) => [e.key, e.line, replacementOf(e.key)]),
        ),
      )
    }
    if (unknown.length > 0) {
      evidence.push(
        table(
          'Settings CHT Sync does not read',
          ['Setting', 'Line', 'Perhaps meant'],
          unknown.map((u) => [u.entry.key, u.entry.line, u.meant]),
        ),
      )
    }
    evidence.push(
      ...[...removed, ...unknown.map((u) => u.entry)].map((e) => settingItem(config, e)),
    )
    if (removed.length > 0) {
      return {
        verdict: 'fail',
        summary: `${fileName(config)} sets settings the current CHT Sync ignores: ${listed(removed.map(described), 6)}.`,
        evidence: bounded(evidence),
        remedy: { text: removedRemedy(removed) },
      }
    }
    if (unknown.length > 0) {
      const named = unknown.map((u) =>
        u.meant ? `${shown(u.entry.key)} (${shown(u.meant)}?)` : shown(u.entry.key),
      )
      return {
        verdict: 'warn',
        summary: `${fileName(config)} sets ${listed(named, 5)}, which CHT Sync does not read.`,
        evidence: bounded(evidence),
        remedy: {
          text: 'Correct the name where a setting was misspelt, or delete the line: a setting CHT Sync does not read keeps its default.',
        },
      }
    }
    return {
      verdict: 'pass',
      summary: `${fileName(config)} uses only settings the current CHT Sync reads.`,
      evidence: bounded(evidence),
    }
  }),
)
