import { AppError } from '../../shared/result'
import { SNAPSHOT_LIMIT } from '../../shared/teardown/teardown-settings'
import { openCouch2pg } from '../engine/inventory/inventory-job'
import { takeUsageSnapshot } from '../engine/teardown/usage-snapshot'
import type { DomainHandlers } from './handler-types'

/** How long a usage snapshot may take before it is cancelled. */
const SNAPSHOT_DEADLINE_MS = 120_000

/**
 * `teardown.*`: the Teardown step's engine-side records. `teardown.snapshot` reads the couch2pg
 * database's read counters (read-only) and keeps them in the project, the newest
 * `SNAPSHOT_LIMIT`, for the "no reads" gate.
 */
export const teardownHandlers: DomainHandlers<'teardown'> = {
  'teardown.snapshot': async (_input, ctx) => {
    if (!ctx.project.state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    const { pool } = await openCouch2pg(ctx)
    const snapshot = await takeUsageSnapshot(
      pool,
      ctx.workers,
      AbortSignal.timeout(SNAPSHOT_DEADLINE_MS),
    )
    await ctx.project.recordTeardown((t) => ({
      ...t,
      snapshots: [...t.snapshots, snapshot].slice(-SNAPSHOT_LIMIT),
    }))
    const relations = Object.values(snapshot.relations)
    return {
      takenAt: snapshot.takenAt,
      relations: relations.length,
      statements: relations.some((r) => r.statementCalls !== null),
    }
  },
}
