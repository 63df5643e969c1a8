import type pg from 'pg'
import { describeTarget } from '../../../shared/connection-targets'
import type {
  MetricDefinition,
  ModelDefinition,
  ModelSourceDefinition,
} from '../../../shared/parity-definitions'
import type { ChtSyncProfile, PostgresProfile } from '../../../shared/project-schema'
import { AppError, isAppError } from '../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type { NewResult, StoredResult } from '../../../shared/results/result-schema'
import { passwordFor, projectSecrets } from '../connections/credentials'
import { SESSION_PROFILES } from '../db/read-transaction'
import type { Engine } from '../engine'
import type { JobContext } from '../jobs/job-registry'
import { failedResult } from './failed-result'
import { compareMetric } from './metric-compare'
import { METRIC_ITEM_ID, metricResult, metricResultId } from './metric-result'
import { canCompareDocuments, runDocuments } from './doc-run'
import { compareModels } from './model-compare'
import { MODEL_ITEM_ID, modelResult, modelResultId } from './model-result'
import type { ModelSource } from './model-types'

/** The kinds of comparison a parity run can be limited to. */
export const PARITY_RUN_KINDS = ['docs', 'models', 'metrics'] as const
export type ParityRunKind = (typeof PARITY_RUN_KINDS)[number]

/** One parity run per project at a time. */
export const parityJobKey = (projectId: string) => `parity:${projectId}`

export interface ParityRunInput {
  only?: ParityRunKind
}

/** The two PostgreSQL sides of a parity run: their pools and how results name them. */
export interface Sides {
  pools: { old: pg.Pool; new: pg.Pool }
  endpoints: NewResult['endpoints']
}

/**
 * Pools for the project's couch2pg and CHT Sync connections (passwords from the secret store);
 * `BAD_REQUEST` when either connection is not set.
 */
export async function openSides(engine: Engine): Promise<Sides> {
  const connections = engine.project.state?.document.connections
  const secrets = projectSecrets(engine)
  const old = connections?.couch2pg
  const neu = connections?.chtSync
  if (!old || !neu) {
    throw new AppError(
      'BAD_REQUEST',
      'Set the couch2pg and CHT Sync connections first (Connections page); parity reads both.',
    )
  }
  const pool = async (
    endpoint: 'couch2pg' | 'chtSync',
    profile: PostgresProfile | ChtSyncProfile,
  ) =>
    engine.connections.postgres(
      endpoint,
      profile,
      await passwordFor(endpoint, profile, { secrets }),
    )
  return {
    pools: { old: await pool('couch2pg', old), new: await pool('chtSync', neu) },
    endpoints: [
      { endpoint: 'couch2pg', target: clipText(describeTarget('couch2pg', old), TEXT_LIMITS.line) },
      { endpoint: 'chtSync', target: clipText(describeTarget('chtSync', neu), TEXT_LIMITS.line) },
    ],
  }
}

const sourceOf = (definition: ModelSourceDefinition): ModelSource =>
  definition.kind === 'relation'
    ? { kind: 'relation', schema: definition.schema, name: definition.name }
    : { kind: 'query', sql: definition.sql }

async function runMetric(
  definition: MetricDefinition,
  sides: Sides,
  signal: AbortSignal,
): Promise<NewResult> {
  const ranAt = new Date().toISOString()
  const started = performance.now()
  const read = { statementTimeoutMs: SESSION_PROFILES.probe.statementTimeoutMs, signal }
  try {
    const outcome = await compareMetric(sides.pools, definition, read)
    const durationMs = Math.round(performance.now() - started)
    return metricResult({
      metricId: definition.id,
      title: definition.title,
      spec: definition,
      outcome,
      ranAt,
      durationMs,
      endpoints: sides.endpoints,
    })
  } catch (e) {
    if (!isAppError(e) || e.code === 'CANCELLED') throw e
    const id = metricResultId(definition.id)
    const duration = Math.round(performance.now() - started)
    const what = { id, itemId: METRIC_ITEM_ID, title: definition.title, mode: 'metric' as const }
    return failedResult(what, e, sides.endpoints, ranAt, duration)
  }
}

async function runModel(
  definition: ModelDefinition,
  sides: Sides,
  signal: AbortSignal,
): Promise<NewResult> {
  const ranAt = new Date().toISOString()
  const started = performance.now()
  try {
    const outcome = await compareModels(
      {
        old: {
          pool: sides.pools.old,
          label: 'old (couch2pg)',
          endpoint: 'couch2pg',
          source: sourceOf(definition.old),
        },
        new: {
          pool: sides.pools.new,
          label: 'new (CHT Sync)',
          endpoint: 'chtSync',
          source: sourceOf(definition.new),
        },
        keys: definition.keys,
        columns: definition.columns,
        nullEqualsNull: definition.nullEqualsNull,
      },
      { signal },
    )
    const durationMs = Math.round(performance.now() - started)
    return modelResult({ definition, outcome, ranAt, durationMs, endpoints: sides.endpoints })
  } catch (e) {
    if (!isAppError(e) || e.code === 'CANCELLED') throw e
    const id = modelResultId(definition.id)
    const duration = Math.round(performance.now() - started)
    const what = { id, itemId: MODEL_ITEM_ID, title: definition.title, mode: 'model' as const }
    return failedResult(what, e, sides.endpoints, ranAt, duration)
  }
}

/**
 * The `parity.run` job: document parity (when the three connections are set), then the
 * project's model comparisons and dashboard metrics (or only one kind), one after the other,
 * recording each result in the project as soon as it is known, so a cancel or a failure keeps
 * what was found. A comparison that cannot run (a refused query, a missing column, a timeout) is
 * stored as an `error` result saying why, and the run goes on; a cancel stops it (document
 * parity first records what its drill-down had found, labelled partial). Answers the stored
 * results of this run.
 */
export async function runParity(
  engine: Engine,
  input: ParityRunInput & { samples?: number },
  job: JobContext,
): Promise<{ results: StoredResult[] }> {
  const document = engine.project.state?.document
  if (!document) throw new AppError('NO_PROJECT', 'Open or create a project first.')
  const projectId = document.id
  const docs = (input.only === undefined || input.only === 'docs') && canCompareDocuments(engine)
  if (input.only === 'docs' && !docs) {
    throw new AppError(
      'BAD_REQUEST',
      'Document parity reads CouchDB, couch2pg and CHT Sync: set all three connections first (Connections page).',
    )
  }
  const models = input.only === undefined || input.only === 'models' ? document.parity.models : []
  const metrics =
    input.only === undefined || input.only === 'metrics' ? document.parity.metrics : []
  const total = (docs ? 1 : 0) + models.length + metrics.length
  if (total === 0) {
    throw new AppError(
      'BAD_REQUEST',
      'Nothing to compare yet: set the three connections for document parity, or add a model pair or a dashboard metric on the Parity page.',
    )
  }
  const sides = await openSides(engine)
  const stored: StoredResult[] = []
  let done = 0
  const record = async (results: NewResult[]) => {
    if (engine.project.state?.document.id !== projectId) {
      throw new AppError('CANCELLED', 'The project was closed during the parity run.')
    }
    stored.push(...(await engine.project.recordResults(results)))
    done++
  }
  const step = async (title: string, run: () => Promise<NewResult>) => {
    job.progress({ phase: 'merging', unit: 'steps', done, total, message: title })
    await record([await run()])
  }
  if (docs) {
    const outcome = await runDocuments(engine, sides, job, {
      ...(input.samples === undefined ? {} : { samples: input.samples }),
    })
    await record(outcome.results)
    if (outcome.cancelled) throw new AppError('CANCELLED', 'The comparison was cancelled.')
  }
  for (const model of models) await step(model.title, () => runModel(model, sides, job.signal))
  for (const metric of metrics) await step(metric.title, () => runMetric(metric, sides, job.signal))
  job.progress({ phase: 'finishing', unit: 'steps', done, total, message: '' })
  return { results: stored }
}
