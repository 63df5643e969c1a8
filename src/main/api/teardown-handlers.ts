import { AppError } from '../../shared/result'
import { SNAPSHOT_LIMIT } from '../../shared/teardown/teardown-settings'
import { openCouch2pg } from '../engine/inventory/inventory-job'
import { backupJobKey, recordBackup, runBackup } from '../engine/teardown/backup-job'
import { executeStage } from '../engine/teardown/execute/execute-stage'
import { executeDepsOf } from '../engine/teardown/execute/engine-deps'
import { takeUsageSnapshot } from '../engine/teardown/usage-snapshot'
import { dialogPath } from './dialog-path'
import type { DomainHandlers } from './handler-types'

/** How long a usage snapshot may take before it is cancelled. */
const SNAPSHOT_DEADLINE_MS = 120_000

/**
 * `teardown.*`: the Teardown step's engine-side records. `teardown.backup` (a job) dumps and
 * verifies the couch2pg database and records the backup; `teardown.recordBackup` verifies and
 * records an existing dump; `teardown.snapshot` reads the couch2pg database's read counters
 * (read-only) and keeps them in the project, the newest `SNAPSHOT_LIMIT`, for the "no reads"
 * gate. `teardown.execute` runs (or dry runs) one database stage of the decommission with the
 * credential typed for it, stamped with the user's name (see `executeStage`).
 */
export const teardownHandlers: DomainHandlers<'teardown'> = {
  'teardown.backup': async ({ dir }, ctx) => {
    const document = ctx.project.state?.document
    if (!document) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    const folder = await dialogPath(ctx, {
      typed: dir,
      purpose: 'export',
      choose: (dialogs) => dialogs.chooseFolder('Choose a folder for the backup of couch2pg'),
      what: 'the folder',
      missing: 'Give the folder for the backup.',
    })
    if (folder === null) throw new AppError('CANCELLED', 'No folder was chosen.')
    const jobId = ctx.jobs.start({
      kind: 'teardown.backup',
      title: 'Backup of the couch2pg database',
      exclusiveKey: backupJobKey(document.id),
      run: (job) => runBackup(ctx, folder, job),
    })
    return { jobId }
  },
  'teardown.recordBackup': async ({ path }, ctx) => {
    if (!ctx.project.state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    const file = await dialogPath(ctx, {
      typed: path,
      purpose: 'open',
      choose: (dialogs) => dialogs.chooseBackupFile(),
      what: 'the backup file',
      missing: 'Give the path of the backup file.',
    })
    if (file === null) throw new AppError('CANCELLED', 'No backup file was chosen.')
    return recordBackup(ctx, file)
  },
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
  'teardown.execute': async (input, ctx) =>
    executeStage(executeDepsOf(ctx), { ...input, by: ctx.prefs.get().userName }),
}
