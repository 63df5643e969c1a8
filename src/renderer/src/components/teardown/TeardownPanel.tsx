import { useMemo } from 'react'
import { decommissionPlan } from '../../../../shared/teardown/decommission-plan'
import { gatesVerdict, teardownGates } from '../../../../shared/teardown/gates'
import { useNow } from '../../hooks/use-now'
import { useStore } from '../../store'
import { BackupSection } from './BackupSection'
import { DashboardsSection } from './DashboardsSection'
import { DecommissionPlanSection } from './DecommissionPlanSection'
import { ReadinessSection } from './ReadinessSection'
import { RunStageSection } from './RunStageSection'
import { SettingsSection } from './SettingsSection'
import { SnapshotsSection } from './SnapshotsSection'
import { StageHistory } from './StageHistory'

/**
 * The Teardown step's own tools above its checklist: whether couch2pg may go (the gates, their
 * evidence and the override), the settings of the plan, the usage snapshots of the couch2pg
 * database, the dashboards of the plan, the backup, the staged decommission plan, and running
 * its database stages with their history. Gates and plan are judged here from the project copy
 * (the same pure functions as the CLI), so a saved project is reviewed offline the same way.
 */
export function TeardownPanel() {
  const document = useStore((s) => s.project?.document ?? null)
  const now = useNow()
  const gates = useMemo(
    () => (document ? teardownGates(document, new Date(now)) : []),
    [document, now],
  )
  const teardown = document?.teardown
  const database = document?.connections.couch2pg?.database ?? null
  const stages = useMemo(
    () =>
      teardown && database
        ? decommissionPlan({
            database,
            deployment: teardown.deployment,
            graceDays: teardown.graceDays,
            backupPath: teardown.backup?.path ?? null,
          })
        : [],
    [database, teardown],
  )
  if (!document || !teardown) return null
  return (
    <div className="teardown-panel" data-testid="teardown-panel">
      <ReadinessSection gates={gates} verdict={gatesVerdict(gates)} override={teardown.override} />
      <SettingsSection teardown={teardown} />
      <SnapshotsSection
        snapshots={teardown.snapshots}
        quietDays={teardown.quietDays}
        connected={database !== null}
      />
      <DashboardsSection dashboards={teardown.dashboards} />
      <BackupSection backup={teardown.backup} connected={database !== null} />
      <DecommissionPlanSection stages={stages} database={database} />
      <RunStageSection
        database={database}
        gates={gates}
        override={teardown.override}
        executions={teardown.executions}
        graceDays={teardown.graceDays}
      />
      <StageHistory executions={teardown.executions} audit={teardown.audit} />
    </div>
  )
}
