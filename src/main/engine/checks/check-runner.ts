import { type CheckMeta, type CheckNeed } from '../../../shared/checks/check-catalog'
import type { ProjectDocument } from '../../../shared/project-schema'
import { AppError, isAppError } from '../../../shared/result'
import { excerpt } from '../../../shared/redact'
import type { EndpointRef } from '../../../shared/results/common'
import type { NewResult, StoredResult } from '../../../shared/results/result-schema'
import type { Engine } from '../engine'
import type { JobContext } from '../jobs/job-registry'
import { checkContext, endpointRef, type RunShared } from './check-context'
import { checkResult } from './check-result'
import type { CheckDef, CheckOutcome } from './check-types'

/** One checks run per project at a time. */
export const checksJobKey = (projectId: string) => `checks:${projectId}`

/** Which checks to run: the given ids, a step's, or (neither) all of them. */
export interface ChecksSelection {
  step?: string
  ids?: readonly string[]
}

export interface RunChecksOptions {
  /** The checks this engine knows (default: every registered check). */
  registry: readonly CheckDef[]
  /** The wait between the two samples of `setup.arriving` (default 10 s). */
  sampleWindowMs?: number
}

/** The default wait between the two samples of a sampling check. */
export const DEFAULT_SAMPLE_WINDOW_MS = 10_000

/**
 * The checks a selection runs, in catalog order, with every prerequisite they need added (a
 * check whose prerequisite did not run could only be skipped). Unknown ids are `BAD_REQUEST`.
 */
export function selectChecks(
  registry: readonly CheckDef[],
  selection: ChecksSelection,
): CheckDef[] {
  const byId = new Map(registry.map((c) => [c.id, c]))
  const wanted = new Set<string>()
  const add = (id: string) => {
    if (wanted.has(id)) return
    const check = byId.get(id)
    if (!check) {
      throw new AppError('BAD_REQUEST', `There is no check “${id.slice(0, 100)}”.`, { id })
    }
    wanted.add(id)
    for (const prerequisite of check.prerequisites) add(prerequisite)
  }
  if (selection.ids) selection.ids.forEach(add)
  else for (const c of registry) if (!selection.step || c.step === selection.step) add(c.id)
  return registry.filter((c) => wanted.has(c.id))
}

const NEED_REASON: Record<CheckNeed, string> = {
  config:
    'No CHT Sync .env or values.yaml is chosen for this project: choose it on the Set up step.',
  couchdb: 'The CouchDB connection is not set (Connections page).',
  couch2pg: 'The couch2pg connection is not set (Connections page).',
  chtSync: 'The CHT Sync connection is not set (Connections page).',
  watchdog: 'No CHT Watchdog Prometheus address is given (Monitor step).',
}

function missingNeed(doc: ProjectDocument, need: CheckNeed): boolean {
  switch (need) {
    case 'config':
      return doc.checks.envPath === null && doc.checks.valuesPath === null
    case 'watchdog':
      return doc.checks.watchdogUrl === null
    default:
      return doc.connections[need] === null
  }
}

const PREREQUISITE_WORD = { fail: 'failed', error: 'could not run', skipped: 'was skipped' }

/** Why a check cannot run now (an input not set, a prerequisite that did not pass), or null. */
function skipReason(
  check: CheckDef,
  doc: ProjectDocument,
  verdicts: Map<string, NewResult['verdict']>,
  titles: ReadonlyMap<string, string>,
): string | null {
  for (const need of check.needs) if (missingNeed(doc, need)) return NEED_REASON[need]
  for (const id of check.prerequisites) {
    const verdict = verdicts.get(id)
    if (verdict === 'fail' || verdict === 'error' || verdict === 'skipped') {
      const title = titles.get(id) ?? id
      return `Skipped because “${title}” ${PREREQUISITE_WORD[verdict]}.`
    }
  }
  return null
}

function endpointsOf(check: CheckMeta, document: ProjectDocument): EndpointRef[] {
  return (['couchdb', 'couch2pg', 'chtSync'] as const)
    .filter((e) => check.needs.includes(e))
    .map((e) => endpointRef(document, e))
    .filter((e): e is EndpointRef => e !== null)
}

/** Runs one check within its time limit; a timeout or a throw becomes the outcome's error. */
async function runOne(
  check: CheckDef,
  shared: RunShared,
  job: JobContext,
  log: Engine['log'],
): Promise<{ outcome: CheckOutcome | { verdict: 'error'; summary: string }; timedOut: boolean }> {
  const timeout = new AbortController()
  const signal = AbortSignal.any([job.signal, timeout.signal])
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      timeout.abort()
      resolve('timeout')
    }, check.timeoutMs)
  })
  try {
    const outcome = await Promise.race([check.run(checkContext(shared, signal)), expired])
    if (outcome !== 'timeout') return { outcome, timedOut: false }
    const seconds = Math.round(check.timeoutMs / 1000)
    return {
      outcome: {
        verdict: 'error',
        summary: `The check did not finish within ${seconds} s: a server did not answer in time. Run it again; if it keeps happening, check that the server is up and reachable from this computer.`,
      },
      timedOut: true,
    }
  } catch (e) {
    if (job.signal.aborted) throw new AppError('CANCELLED', 'The checks were cancelled.')
    if (isAppError(e) && e.code !== 'INTERNAL') {
      return { outcome: { verdict: 'error', summary: e.message }, timedOut: false }
    }
    log.error('A check failed unexpectedly', { checkId: check.id, error: String(e) })
    // The message is shown (secrets masked, cut short): it is what a person or a bug report needs.
    const message = excerpt(e instanceof Error ? e.message : String(e), 300)
    return {
      outcome: {
        verdict: 'error',
        summary: `The check stopped with an error: ${message || 'no message'}. The details are in the log; if it keeps happening, report it from here.`,
      },
      timedOut: false,
    }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The `checks.run` job: runs the selected checks one after the other, in catalog order, and
 * records each result in the project as soon as it is known (a cancel keeps what ran). A check
 * whose input is not set, or whose prerequisite failed, could not run or was skipped, is recorded
 * as skipped, saying which. A check that throws is recorded as `error` with its message, one that
 * passes its time limit as `error` (partial: timeout); the others still run.
 */
export async function runChecks(
  engine: Engine,
  selection: ChecksSelection,
  job: JobContext,
  options: RunChecksOptions,
): Promise<{ results: StoredResult[] }> {
  const document = engine.project.state?.document
  if (!document) throw new AppError('NO_PROJECT', 'Open or create a project first.')
  const checks = selectChecks(options.registry, selection)
  const shared: RunShared = {
    engine,
    document,
    startedAt: new Date(),
    memo: new Map(),
    sampleWindowMs: options.sampleWindowMs ?? DEFAULT_SAMPLE_WINDOW_MS,
  }
  const verdicts = new Map<string, NewResult['verdict']>()
  const titles = new Map(checks.map((c) => [c.id, c.title]))
  const stored: StoredResult[] = []
  for (const [index, check] of checks.entries()) {
    job.progress({
      phase: 'checking',
      unit: 'checks',
      done: index,
      total: checks.length,
      message: check.title,
    })
    const ranAt = new Date().toISOString()
    const started = performance.now()
    const endpoints = endpointsOf(check, document)
    const reason = skipReason(check, document, verdicts, titles)
    const run = reason
      ? {
          outcome: { verdict: 'skipped' as const, summary: reason, skippedBecause: reason },
          timedOut: false,
        }
      : await runOne(check, shared, job, engine.log)
    const durationMs = performance.now() - started
    const result = checkResult(check, run.outcome, {
      ranAt,
      durationMs,
      endpoints,
      ...(run.timedOut
        ? { partial: { reason: 'timeout' as const, note: 'Stopped at the check’s time limit.' } }
        : {}),
    })
    verdicts.set(check.id, result.verdict)
    if (engine.project.state?.document.id !== document.id) {
      throw new AppError('CANCELLED', 'The project was closed while its checks ran.')
    }
    stored.push(...(await engine.project.recordResults([result])))
  }
  job.progress({ phase: 'finishing', unit: 'checks', done: checks.length, total: checks.length })
  return { results: stored }
}
