import type { ProjectDocument } from '../../../../shared/project-schema'
import { countOf } from '../../../../shared/teardown/gate-types'
import type { RunRecorder } from './recorder'
import { stoppedState } from './records'
import { projectRefusal } from './rules'
import { isConnectionLoss } from './session'
import type { ExecuteDeps, ExecuteInput, ExecuteResult, StageSession } from './types'

interface RunPlan {
  input: ExecuteInput
  recorder: RunRecorder
  session: StageSession
  statements: string[]
  /** Statements already done on the server, with why, recorded `skipped`. */
  skip: Map<number, string>
  names: { database: string; deprecated: string }
  /** The document the run started from: the same project and couch2pg target must stay open. */
  document: ProjectDocument
  /** The sessions found connected, as a sentence. */
  sessions: string
}

const DAY_MS = 86_400_000

/** Why the run may not go on now, judged again from the open project; null when it may. */
function holdNow(plan: RunPlan, deps: ExecuteDeps, now: Date): string | null {
  const current = deps.project.state?.document
  if (!current || current.id !== plan.document.id) {
    return 'The project was closed or replaced during the run.'
  }
  const before = plan.document.connections.couch2pg
  const after = current.connections.couch2pg
  if (
    !after ||
    !before ||
    after.host !== before.host ||
    after.port !== before.port ||
    after.database !== before.database
  ) {
    return 'The project’s couch2pg connection changed during the run.'
  }
  const refusal = projectRefusal(plan.input.stage, current, now)
  return refusal ? `A rule stopped holding during the run: ${refusal}` : null
}

/** Says how a run that ran every statement leaves the server. */
function doneMessage(plan: RunPlan, document: ProjectDocument, now: Date): string {
  const { database, deprecated } = plan.names
  const { stage } = plan.input
  if (stage === 'revoke-rename') {
    const graceDays = document.teardown.graceDays
    const from = new Date(now.getTime() + graceDays * DAY_MS).toISOString().slice(0, 10)
    return `${database} is renamed to ${deprecated} and nobody but its owner and superusers may connect to it. The grace period of ${countOf(graceDays, 'day')} starts now: drop may run from ${from}; restore-rename undoes this meanwhile.`
  }
  if (stage === 'restore-rename') {
    return `${database} has its name back and its users may connect again.`
  }
  const backup = document.teardown.backup?.path
  return `${deprecated} is dropped for good${backup ? `; only the backup ${backup} can bring it back` : ''}.`
}

/**
 * Runs (or, dry, records) a stage's statements in order. Before each one: the hook, then the
 * project judged again (the same project open, the same couch2pg target, the gates or the
 * override, a drop's rules) and the connection checked. Each outcome is recorded as soon as it
 * is known. The first failure, lost connection or rule that stops holding ends the run: the rest
 * is recorded `skipped` and the execution `stopped`, with where that leaves the database.
 */
export async function runStatements(deps: ExecuteDeps, plan: RunPlan): Promise<ExecuteResult> {
  const { input, recorder, session, statements, skip, names } = plan
  const { stage, dryRun } = input
  const stop = async (from: number, reason: string, done: number, uncertain: boolean) => {
    await recorder.entries(
      statements.slice(from).map((statement) => ({
        statement,
        outcome: 'skipped' as const,
        message: 'Not run: the stage stopped before it.',
      })),
    )
    const where = stoppedState(stage, { done, total: statements.length, uncertain }, names)
    const message = await recorder.execution('stopped', `${reason} ${where}`)
    return { outcome: 'stopped' as const, message, statements: recorder.reports }
  }

  let done = 0
  for (const [index, statement] of statements.entries()) {
    await deps.beforeStatement?.({ stage, index, statement })
    const hold = holdNow(plan, deps, recorder.now())
    if (hold) return stop(index, hold, done, false)
    const skipped = skip.get(index)
    if (skipped !== undefined) {
      await recorder.entries([{ statement, outcome: 'skipped', message: skipped }])
      done++
      continue
    }
    if (dryRun) {
      await recorder.entries([{ statement, outcome: 'dry-run', message: 'Not run (dry run).' }])
      continue
    }
    const lost = session.lost()
    if (lost) {
      return stop(
        index,
        `The connection to the server was lost before this statement: ${lost.message}.`,
        done,
        false,
      )
    }
    try {
      const result = await session.run(statement)
      await recorder.entries([{ statement, outcome: 'ok', message: result }])
      done++
    } catch (e) {
      const uncertain = isConnectionLoss(e) || session.lost() !== null
      const code = (e as { code?: unknown }).code
      const server = `${(e as Error).message}${typeof code === 'string' ? ` (${code})` : ''}`
      await recorder.entries([
        {
          statement,
          outcome: 'failed',
          message: uncertain ? `The connection was lost: ${server}` : server,
        },
      ])
      const reason = uncertain
        ? 'The connection to the server was lost during a statement.'
        : `A statement failed: ${server}.`
      return stop(index + 1, reason, done, uncertain)
    }
  }
  const now = recorder.now()
  const current = deps.project.state?.document ?? plan.document
  if (dryRun) {
    const message = await recorder.execution(
      'dry-run',
      `Dry run: the project's rules, the server's state and the role's rights allow ${stage}; ${countOf(statements.length, 'statement')} would run. Found ${plan.sessions}. Nothing ran.`,
    )
    return { outcome: 'dry-run', message, statements: recorder.reports }
  }
  const message = await recorder.execution(
    'done',
    `All ${countOf(statements.length, 'statement')} done. ${doneMessage(plan, current, now)}`,
  )
  return { outcome: 'done', message, statements: recorder.reports }
}
