import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { ReadTx } from '../../db/read-transaction'
import type { CheckContext, CheckOutcome } from '../check-types'
import { couch2pgServices, dbtProcesses, dbtThreads, optionalConfig } from '../setup/access-config'
import {
  databaseBytes,
  formatBytes,
  PG_DEFAULTS,
  readPgSettings,
  settingBytes,
  settingNumber,
} from './pg-settings'

/**
 * The end of community support of each PostgreSQL major version (postgresql.org/support/versioning):
 * after it, no security fixes.
 */
const END_OF_SUPPORT: Record<string, string> = {
  '9.4': '2020-02-13',
  '9.5': '2021-02-11',
  '9.6': '2021-11-11',
  '10': '2022-11-10',
  '11': '2023-11-09',
  '12': '2024-11-21',
  '13': '2025-11-13',
  '14': '2026-11-12',
  '15': '2027-11-11',
  '16': '2028-11-09',
  '17': '2029-11-08',
  '18': '2030-11-14',
}

/** Sessions CHT Sync's neighbours open besides dbt: the SQL exporter and the dashboards. */
const EXPORTER_SESSIONS = 3
const DASHBOARD_SESSIONS = 10
const ONE_GB = 1024 ** 3

/** `160004` → `16`; `90624` → `9.6`. */
export const majorOf = (num: number): string =>
  num >= 100_000
    ? String(Math.floor(num / 10_000))
    : `${Math.floor(num / 10_000)}.${Math.floor(num / 100) % 100}`

type Finding = { verdict: 'warn' | 'fail'; text: string; remedy: string }

/**
 * The version's verdict. Fail below 9.5: CHT Sync's couch2pg service creates its indexes with
 * `CREATE INDEX CONCURRENTLY IF NOT EXISTS`, a syntax error before 9.5. Fail below 10:
 * cht-pipeline's document_metadata carries a hash index, and before PostgreSQL 10 hash indexes
 * are not written to the WAL, so a crash or a replica leaves it corrupt. Warn on any version past
 * its end of support (13 and older by now), since the server gets no security fixes: CHT Sync is
 * documented and tested on 16.
 */
export function versionFinding(num: number, now: Date): Finding | null {
  const major = majorOf(num)
  if (num < 90_500) {
    return {
      verdict: 'fail',
      text: `PostgreSQL ${major} cannot run CHT Sync: its couch2pg service creates indexes with CREATE INDEX CONCURRENTLY IF NOT EXISTS (9.5 and later).`,
      remedy: 'Upgrade PostgreSQL (CHT Sync is documented with 16).',
    }
  }
  if (num < 100_000) {
    return {
      verdict: 'fail',
      text: `PostgreSQL ${major} keeps hash indexes out of the write-ahead log; cht-pipeline’s document_metadata has one, which a crash would leave corrupt.`,
      remedy: 'Upgrade PostgreSQL to a supported version (CHT Sync is documented with 16).',
    }
  }
  const end = END_OF_SUPPORT[major]
  const unsupported = (end !== undefined && new Date(`${end}T00:00:00Z`) < now) || num < 130_000
  if (unsupported) {
    return {
      verdict: 'warn',
      text: `PostgreSQL ${major} is out of community support${end ? ` since ${end}` : ''}: no more security fixes.`,
      remedy:
        'Plan an upgrade to a supported PostgreSQL (CHT Sync is documented with 16) before production.',
    }
  }
  return null
}

interface ServerState {
  versionNum: number
  maxConnections: number | null
  reserved: number
  sessions: number
  sharedBuffers: number | null
  workMem: number | null
  databaseSize: number | null
}

async function readState(tx: ReadTx): Promise<ServerState> {
  const s = await readPgSettings(tx, [
    'server_version_num',
    'max_connections',
    'superuser_reserved_connections',
    'reserved_connections',
    'shared_buffers',
    'work_mem',
  ])
  const versionNum = settingNumber(s.get('server_version_num')) ?? 0
  const filter = versionNum >= 100_000 ? "WHERE backend_type = 'client backend'" : ''
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity ${filter}`,
  )
  return {
    versionNum,
    maxConnections: settingNumber(s.get('max_connections')),
    reserved:
      (settingNumber(s.get('superuser_reserved_connections')) ?? 3) +
      (settingNumber(s.get('reserved_connections')) ?? 0),
    sessions: rows[0]?.n ?? 0,
    sharedBuffers: settingBytes(s.get('shared_buffers')),
    workMem: settingBytes(s.get('work_mem')),
    databaseSize: await databaseBytes(tx),
  }
}

/** The run of `production.postgres-settings`. */
export async function runPostgresSettingsCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const notes: string[] = []
  const config = await optionalConfig(ctx, notes)
  const state = await ctx.read('chtSync', readState)
  const threads = dbtThreads(config)
  const processes = dbtProcesses(config)
  const needed =
    threads * processes + couch2pgServices(config) + EXPORTER_SESSIONS + DASHBOARD_SESSIONS
  const findings: Finding[] = []
  const version = versionFinding(state.versionNum, ctx.now())
  if (version) findings.push(version)

  const headroom =
    state.maxConnections === null ? null : state.maxConnections - state.reserved - state.sessions
  if (headroom !== null && headroom < needed) {
    findings.push({
      verdict: 'warn',
      text: `${headroom} connection slots are free and CHT Sync with its neighbours needs about ${needed}.`,
      remedy: `Raise max_connections to at least ${(state.maxConnections ?? 0) + needed - headroom} (a restart is needed), or lower DBT_THREAD_COUNT.`,
    })
  }
  const sharedBuffers = state.sharedBuffers ?? PG_DEFAULTS.sharedBuffers
  if (sharedBuffers <= PG_DEFAULTS.sharedBuffers && (state.databaseSize ?? 0) > ONE_GB) {
    findings.push({
      verdict: 'warn',
      text: `shared_buffers is still PostgreSQL’s default (${formatBytes(sharedBuffers)}) for a ${formatBytes(state.databaseSize ?? 0)} database.`,
      remedy: 'Set shared_buffers to about a quarter of the server’s memory (a restart is needed).',
    })
  }
  if (state.workMem !== null && state.workMem < PG_DEFAULTS.workMem) {
    findings.push({
      verdict: 'warn',
      text: `work_mem is ${formatBytes(state.workMem)}, below PostgreSQL’s default of 4 MB: dbt’s sorts and joins spill to disk.`,
      remedy:
        'Set work_mem to at least 4 MB (16–64 MB suits dbt on a server with memory to spare).',
    })
  }

  const evidence: EvidenceItem[] = [
    {
      type: 'fact',
      label: 'PostgreSQL',
      value: `${majorOf(state.versionNum)} (server_version_num ${state.versionNum})`,
    },
    {
      type: 'measure',
      label: 'server_version_num',
      value: state.versionNum,
      unit: null,
      limit: { op: '>=', value: 130000 },
    },
    {
      type: 'measure',
      label: 'max_connections',
      value: state.maxConnections,
      unit: 'connections',
      limit: null,
    },
    {
      type: 'measure',
      label: 'Sessions open now',
      value: state.sessions,
      unit: 'connections',
      limit: null,
    },
    {
      type: 'measure',
      label: 'Reserved connections',
      value: state.reserved,
      unit: 'connections',
      limit: null,
    },
    {
      type: 'measure',
      label: 'Free connection slots',
      value: headroom,
      unit: 'connections',
      limit: { op: '>=', value: needed },
    },
    {
      type: 'fact',
      label: 'Connections needed',
      value: `${processes} dbt process(es) × ${threads} thread(s) + ${couch2pgServices(config)} couch2pg + ${EXPORTER_SESSIONS} SQL exporter + ${DASHBOARD_SESSIONS} dashboards = ${needed}`,
    },
    {
      type: 'measure',
      label: 'shared_buffers',
      value: state.sharedBuffers,
      unit: 'bytes',
      limit: null,
    },
    {
      type: 'measure',
      label: 'work_mem',
      value: state.workMem,
      unit: 'bytes',
      limit: { op: '>=', value: PG_DEFAULTS.workMem },
    },
    {
      type: 'measure',
      label: 'Database size',
      value: state.databaseSize,
      unit: 'bytes',
      limit: null,
    },
    ...notes.map((value): EvidenceItem => ({ type: 'fact', label: 'Note', value })),
  ]
  if (findings.length === 0) {
    return {
      verdict: 'pass',
      summary: `PostgreSQL ${majorOf(state.versionNum)} is supported, has ${headroom ?? 'enough'} free connection slots for the ${needed} needed, and its memory settings suit dbt.`,
      evidence,
    }
  }
  const failed = findings.some((f) => f.verdict === 'fail')
  return {
    verdict: failed ? 'fail' : 'warn',
    summary: findings.map((f) => f.text).join(' '),
    evidence,
    remedy: { text: findings.map((f) => f.remedy).join(' ') },
  }
}
