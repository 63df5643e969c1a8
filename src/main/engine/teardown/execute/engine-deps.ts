import { AppError } from '../../../../shared/result'
import type { Engine } from '../../engine'
import { openStageSession } from './session'
import type { ExecuteDeps } from './types'

/**
 * What `executeStage` needs, from the engine: the open project, a session on the project's
 * couch2pg server (read when the run opens it), and the inspection pools to close before
 * revoke-rename ends the couch2pg database's sessions (their `error` listener keeps a terminated
 * idle connection from crashing the process either way).
 */
export function executeDepsOf(
  engine: Pick<Engine, 'project' | 'connections' | 'log'>,
): ExecuteDeps {
  return {
    project: engine.project,
    openSession: async (request) => {
      const profile = engine.project.state?.document.connections.couch2pg
      if (!profile) throw new AppError('BAD_REQUEST', 'Set the couch2pg connection first.')
      return openStageSession(profile, request)
    },
    closeInspectionPools: () => engine.connections.closeAll(),
    log: engine.log,
  }
}
