import type { ProjectDocument } from '../../../../shared/project-schema'
import { AppError } from '../../../../shared/result'
import { quoteIdent } from '../../../../shared/sql/quote'
import { deprecatedName } from '../../../../shared/teardown/decommission-plan'
import { ProjectGone, RunRecorder } from './recorder'
import { describeSessions } from './records'
import { projectRefusal } from './rules'
import { judgeServerState } from './server-state'
import { runStatements } from './run-statements'
import { revokedRoles, stageStatements } from './stage-statements'
import type { ExecuteDeps, ExecuteInput, ExecuteResult, StageSession } from './types'

/** Projects with a stage running now: one run at a time per project. */
const running = new Set<string>()

/**
 * Runs one database stage of the decommission on the couch2pg server (or, with `dryRun`, judges
 * it and lists its statements without running any): the project's rules first, then on one
 * connection with the typed credential the server's state and the role's rights, then each
 * statement, judged again just before it runs. Every refusal, statement and outcome is recorded
 * in the project as it happens (`teardown.audit`, `teardown.executions`).
 *
 * Throws only for bad input (`BAD_REQUEST`: a real run without a credential), no project
 * (`NO_PROJECT`) or a run already going in this project (`JOB_RUNNING`); everything else is
 * answered, and recorded, as the run's outcome.
 */
export async function executeStage(deps: ExecuteDeps, input: ExecuteInput): Promise<ExecuteResult> {
  const document = deps.project.state?.document
  if (!document) throw new AppError('NO_PROJECT', 'Open or create a project first.')
  if (!input.dryRun && !input.credential) {
    throw new AppError(
      'BAD_REQUEST',
      'Give the user and password of a role that may run this stage (a superuser, or the database’s owner): they are used for this run only and never kept.',
    )
  }
  if (running.has(document.id)) {
    throw new AppError(
      'JOB_RUNNING',
      'A teardown stage is already running in this project; wait for it to finish.',
    )
  }
  running.add(document.id)
  try {
    const result = await execute(deps, input, document)
    deps.log?.info(
      `teardown ${input.stage}${input.dryRun ? ' (dry run)' : ''} by ${input.by}: ${result.outcome}`,
    )
    return result
  } catch (e) {
    if (e instanceof ProjectGone) {
      return {
        outcome: 'stopped',
        message: `${e.message} The run stopped there, and what it did could not be recorded in the project: open it again and rerun the stage as a dry run to see the server's state.`,
        statements: [],
      }
    }
    throw e
  } finally {
    running.delete(document.id)
  }
}

async function execute(
  deps: ExecuteDeps,
  input: ExecuteInput,
  document: ProjectDocument,
): Promise<ExecuteResult> {
  const { stage, dryRun, credential } = input
  const recorder = new RunRecorder(deps, {
    projectId: document.id,
    stage,
    by: input.by,
    password: credential?.password ?? null,
  })
  // Revoke-rename's roles come from the server (read below); restore-rename's from the record.
  let statements = stageStatements(
    stage,
    document,
    stage === 'restore-rename' ? revokedRoles(document) : [],
  )
  const refuse = async (reason: string): Promise<ExecuteResult> => {
    const message = await recorder.execution('refused', `Nothing ran. ${reason}`)
    return {
      outcome: 'refused',
      message,
      statements: statements.map((statement) => ({
        statement,
        outcome: 'skipped',
        message: 'Not run: the stage was refused.',
      })),
    }
  }

  const refusal = projectRefusal(stage, document, recorder.now(), input.confirmName)
  if (refusal) return refuse(refusal)
  const database = document.connections.couch2pg!.database
  const names = { database, deprecated: deprecatedName(database).name }

  if (!credential) {
    await recorder.entries(
      statements.map((statement) => ({
        statement,
        outcome: 'dry-run' as const,
        message: 'Not run (dry run); the server was not checked.',
      })),
    )
    const message = await recorder.execution(
      'dry-run',
      `Dry run: the project's rules allow ${stage}. The server's state and the role's rights were not checked, since no credential was given; nothing ran.`,
    )
    return { outcome: 'dry-run', message, statements: recorder.reports }
  }

  let session: StageSession
  try {
    session = await deps.openSession({
      dryRun,
      credential,
      maintenanceDatabase: input.maintenanceDatabase ?? 'postgres',
    })
  } catch (e) {
    if (e instanceof AppError) return refuse(e.message)
    throw e
  }
  try {
    let facts
    try {
      facts = await session.facts(names.database, names.deprecated)
    } catch (e) {
      return refuse(`The server's state could not be read: ${(e as Error).message}`)
    }
    if (stage === 'revoke-rename') {
      const granted = new Set([
        ...revokedRoles(document),
        ...(facts.database?.connectGrantees ?? []),
      ])
      recorder.roles = [...granted]
      statements = stageStatements(stage, document, recorder.roles)
    } else recorder.roles = revokedRoles(document)
    const verdict = judgeServerState(stage, facts, names, statements)
    if (verdict.refusal !== null) return refuse(verdict.refusal)
    const on = facts.deprecated && stage !== 'revoke-rename' ? names.deprecated : names.database
    const sessions = describeSessions(verdict.sessions?.sessions ?? [])
    await recorder.entries(
      [
        {
          statement: `-- sessions connected to ${quoteIdent(on)} (pg_stat_activity)`,
          outcome: 'ok',
          message: `Connected as ${facts.user}${facts.superuser ? ' (superuser)' : ''}: ${sessions}.`,
        },
      ],
      false,
    )
    if (!dryRun && stage === 'revoke-rename') await deps.closeInspectionPools?.()
    return await runStatements(deps, {
      input,
      recorder,
      session,
      statements,
      skip: verdict.skip,
      names,
      document,
      sessions,
    })
  } finally {
    await session.close()
  }
}
