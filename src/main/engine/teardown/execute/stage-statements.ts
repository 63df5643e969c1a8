import type { ProjectDocument } from '../../../../shared/project-schema'
import { decommissionPlan } from '../../../../shared/teardown/decommission-plan'
import type { ExecutableStage } from '../../../../shared/teardown/teardown-settings'

/**
 * The statements of a database stage, from the project's decommission plan: revoke-rename's,
 * its restore statements for restore-rename, drop's. `roles`: those with a CONNECT grant of
 * their own, revoked (or granted back) one by one besides PUBLIC. Empty without a couch2pg
 * connection.
 */
export function stageStatements(
  stage: ExecutableStage,
  document: ProjectDocument,
  roles: readonly string[] = [],
): string[] {
  const database = document.connections.couch2pg?.database
  if (database === undefined) return []
  const plan = decommissionPlan({
    database,
    deployment: document.teardown.deployment,
    graceDays: document.teardown.graceDays,
    backupPath: document.teardown.backup?.path ?? null,
    dashboardRoles: [...roles],
  })
  const of = (id: 'revoke-rename' | 'drop') => plan.find((s) => s.id === id)!
  if (stage === 'restore-rename') return of('revoke-rename').restore.statements
  return of(stage).statements
}

/**
 * The roles whose CONNECT grant the revoke-rename runs since the last restore-rename took away
 * (or may have: a stopped run may have revoked some before it stopped), in the order first
 * revoked. A restore-rename grants it back to them; a rerun of revoke-rename keeps them in its
 * record although the server no longer lists them.
 */
export function revokedRoles(document: ProjectDocument): string[] {
  const roles = new Set<string>()
  for (const e of document.teardown.executions) {
    if (e.stage === 'restore-rename' && e.outcome === 'done') roles.clear()
    if (e.stage === 'revoke-rename' && (e.outcome === 'done' || e.outcome === 'stopped')) {
      for (const role of e.roles) roles.add(role)
    }
  }
  return [...roles]
}
