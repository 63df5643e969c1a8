import { AppError, isAppError } from '../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import { describeTarget } from '../../../shared/connection-targets'
import type { NewResult } from '../../../shared/results/result-schema'
import { passwordFor, projectSecrets } from '../connections/credentials'
import { SESSION_PROFILES } from '../db/read-transaction'
import type { Engine } from '../engine'
import type { JobContext } from '../jobs/job-registry'
import { openCouchSource } from './couch-source'
import { compareDocuments, type DocCompareOutcome } from './doc-compare'
import { countBreakdown, type CountRow } from './doc-counts'
import { DOC_COMPARISONS } from './doc-classify'
import { DOC_ITEMS, DOC_SIDES, DOC_TITLES, docResultId, docResults } from './doc-result'
import { failedResult } from './failed-result'
import { readDocScope } from './doc-scope'
import type { Sides } from './parity-job'

/** Each CouchDB request of a parity run is abandoned after this long. */
export const COUCH_REQUEST_TIMEOUT_MS = 120_000

/** Whether the project has what document parity needs: the three connections. */
export const canCompareDocuments = (engine: Engine): boolean => {
  const c = engine.project.state?.document.connections
  return Boolean(c?.couchdb && c.couch2pg && c.chtSync)
}

function errorResults(
  error: AppError,
  endpoints: NewResult['endpoints'],
  ranAt: string,
  durationMs: number,
): NewResult[] {
  return DOC_COMPARISONS.map((c) => {
    const [old, neu] = DOC_SIDES[c]
    const what = {
      id: docResultId(c),
      itemId: DOC_ITEMS[c],
      title: DOC_TITLES[c],
      mode: 'documents' as const,
      old,
      new: neu,
    }
    return failedResult(what, error, endpoints, ranAt, durationMs)
  })
}

/**
 * Document parity as a step of the `parity.run` job: reads the scope, compares, and answers the
 * results to record. A comparison that cannot run (a server down, a table missing) gives `error`
 * results saying why; a cancel during the drill-down gives partial results and then `CANCELLED`
 * (thrown after the caller recorded them, through `afterRecord`).
 */
export async function runDocuments(
  engine: Engine,
  sides: Sides,
  job: JobContext,
  options: { samples?: number } = {},
): Promise<{ results: NewResult[]; cancelled: boolean }> {
  const connections = engine.project.state?.document.connections
  const secrets = projectSecrets(engine)
  const profile = connections?.couchdb
  const chtSync = connections?.chtSync
  if (!profile || !chtSync) {
    throw new AppError(
      'BAD_REQUEST',
      'Set the CouchDB connection first (Connections page): document parity reads it as the source of truth.',
    )
  }
  const ranAt = new Date().toISOString()
  const started = performance.now()
  const couch = openCouchSource(profile, await passwordFor('couchdb', profile, { secrets }), {
    signal: job.signal,
    requestTimeoutMs: COUCH_REQUEST_TIMEOUT_MS,
  })
  const endpoints: NewResult['endpoints'] = [
    { endpoint: 'couchdb', target: clipText(describeTarget('couchdb', profile), TEXT_LIMITS.line) },
    ...sides.endpoints,
  ]
  const read = { ...SESSION_PROFILES.scan, signal: job.signal }
  try {
    const scope = await readDocScope({
      couch,
      pools: sides.pools,
      chtSync: { schema: chtSync.schema, table: chtSync.table },
      options: { ...SESSION_PROFILES.probe, signal: job.signal },
    })
    let breakdown: { old: CountRow[]; new: CountRow[] } | null = null
    const counts = Promise.all([
      scope.old.spec.tables.length > 0 ? countBreakdown(sides.pools.old, scope.old.spec, read) : [],
      countBreakdown(sides.pools.new, scope.new.spec, read),
    ]).then(([o, n]) => (breakdown = { old: o, new: n }))
    // A failure of the counts alone is reported by the comparison's own reads of the same tables.
    counts.catch(() => {})
    const outcome: DocCompareOutcome = await compareDocuments({
      couch,
      pools: sides.pools,
      scope,
      signal: job.signal,
      ...(options.samples === undefined ? {} : { samples: options.samples }),
      progress: (phase, unit, done, total, message) =>
        job.progress({ phase, unit, done, total, message }),
    })
    await counts.catch(() => {})
    const results = docResults({
      scope,
      outcome,
      breakdown,
      ranAt,
      durationMs: Math.round(performance.now() - started),
      endpoints: endpoints.slice(0, 3),
    })
    return { results, cancelled: outcome.partial?.reason === 'cancelled' }
  } catch (e) {
    if (!isAppError(e) || e.code === 'CANCELLED') throw e
    const duration = Math.round(performance.now() - started)
    return {
      results: errorResults(e, endpoints.slice(0, 3), ranAt, duration),
      cancelled: false,
    }
  }
}
