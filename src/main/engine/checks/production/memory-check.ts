import { totalmem } from 'node:os'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome } from '../check-types'
import {
  couch2pgServices,
  dbtProcesses,
  dbtThreads,
  isLocalHost,
  optionalConfig,
} from '../setup/access-config'
import {
  formatBytes,
  gbToBytes,
  measureOn,
  PG_DEFAULTS,
  readPgSettings,
  settingBytes,
} from './pg-settings'

const GIB = 1024 ** 3
/** The Helm templates' memory limits: couch2pg 1Gi per CHT instance, dbt 1Gi per selector. */
const COUCH2PG_SERVICE = 1 * GIB
const DBT_PROCESS = 1 * GIB
/** The old cht-couch2pg (Node) while both pipelines run. */
const OLD_COUCH2PG = 0.5 * GIB
/** A model's statement may use work_mem in more than one sort or hash at once. */
const WORK_MEM_FACTOR = 2
const MARGIN = 0.2

/** The server's memory: entered, or this computer's when the database server is this computer. */
function serverMemory(ctx: CheckContext): { bytes: number | null; source: string } {
  const entered = ctx.document.checks.sizing.memoryGb
  if (entered !== null) return { bytes: gbToBytes(entered), source: 'entered in the calculator' }
  const { chtSync, couch2pg } = ctx.document.connections
  const host = (chtSync ?? couch2pg)?.host
  if (host && isLocalHost(host)) {
    return { bytes: totalmem(), source: 'this computer’s memory (the database server runs here)' }
  }
  return { bytes: null, source: 'not entered, and the database server is not this computer' }
}

/** The run of `production.memory`. */
export async function runMemoryCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const notes: string[] = []
  const config = await optionalConfig(ctx, notes)
  const read = await measureOn(ctx, 'chtSync', async (tx) => {
    const s = await readPgSettings(tx, ['shared_buffers', 'work_mem'])
    return {
      sharedBuffers: settingBytes(s.get('shared_buffers')),
      workMem: settingBytes(s.get('work_mem')),
    }
  })
  if (read.note) notes.push(`${read.note} PostgreSQL’s defaults are used.`)
  const sharedBuffers = read.value?.sharedBuffers ?? PG_DEFAULTS.sharedBuffers
  const workMem = read.value?.workMem ?? PG_DEFAULTS.workMem
  const threads = dbtThreads(config)
  const processes = dbtProcesses(config)
  const services = couch2pgServices(config)
  const sessions = processes * threads * workMem * WORK_MEM_FACTOR
  const needed =
    sharedBuffers + sessions + services * COUCH2PG_SERVICE + processes * DBT_PROCESS + OLD_COUCH2PG
  const memory = serverMemory(ctx)

  const evidence: EvidenceItem[] = [
    {
      type: 'measure',
      label: 'Server memory',
      value: memory.bytes,
      unit: 'bytes',
      limit: { op: '>=', value: needed },
    },
    { type: 'measure', label: 'Memory needed', value: needed, unit: 'bytes', limit: null },
    { type: 'fact', label: 'Server memory', value: memory.source },
    {
      type: 'fact',
      label: 'Formula',
      value:
        'shared_buffers + dbt processes × DBT_THREAD_COUNT × work_mem × 2 + 1 GiB per couch2pg service + 1 GiB per dbt process + 0.5 GiB for the old couch2pg',
    },
    {
      type: 'fact',
      label: 'shared_buffers',
      value: `${formatBytes(sharedBuffers)}${read.value?.sharedBuffers == null ? ' (PostgreSQL’s default)' : ''}`,
    },
    {
      type: 'fact',
      label: 'dbt sessions',
      value: `${processes} dbt process(es) × ${threads} thread(s) × work_mem ${formatBytes(workMem)} × ${WORK_MEM_FACTOR} = ${formatBytes(sessions)}`,
    },
    {
      type: 'fact',
      label: 'Containers',
      value: `${services} couch2pg service(s) and ${processes} dbt process(es) at 1 GiB each, as the Helm chart limits them`,
    },
    ...notes.map((value): EvidenceItem => ({ type: 'fact', label: 'Note', value })),
  ]
  const need = formatBytes(needed)
  if (memory.bytes === null) {
    return {
      verdict: 'warn',
      summary: `Both pipelines need about ${need} of memory; the server’s memory is unknown.`,
      evidence,
      remedy: {
        text: 'Enter the memory of the server that runs CHT Sync and its PostgreSQL in the calculator on this item (free -g on that server).',
      },
    }
  }
  const has = formatBytes(memory.bytes)
  if (memory.bytes < needed) {
    return {
      verdict: 'fail',
      summary: `Both pipelines need about ${need} of memory and the server has ${has}.`,
      evidence,
      remedy: {
        text: 'Add memory, run fewer dbt threads or selectors (DBT_THREAD_COUNT), or put CHT Sync’s PostgreSQL on another server.',
      },
    }
  }
  if (memory.bytes < needed * (1 + MARGIN)) {
    return {
      verdict: 'warn',
      summary: `${has} of memory covers the ${need} both pipelines need, with less than ${MARGIN * 100}% to spare.`,
      evidence,
      remedy: {
        text: 'Watch memory during the first full dbt run; add memory or lower DBT_THREAD_COUNT if the server swaps.',
      },
    }
  }
  return {
    verdict: 'pass',
    summary: `${has} of memory covers the ${need} both pipelines need during the parallel run.`,
    evidence,
  }
}
