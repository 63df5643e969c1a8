import type {
  ExecutableStage,
  ExecutionOutcome,
} from '../../../../shared/teardown/teardown-settings'
import { MASK } from '../../../../shared/redact'
import { recordText, withAudit, withExecution, type AuditOutcome } from './records'
import type { ExecuteDeps, StatementReport } from './types'

/** Thrown when the project the run started in is no longer the open one: nothing is recorded. */
export class ProjectGone extends Error {
  constructor() {
    super('The project was closed or replaced during the run.')
    this.name = 'ProjectGone'
  }
}

/**
 * Writes a run's audit entries and its execution into the project it started in, one at a time
 * as they happen (`recordTeardown`), stamped with who ran it and when. Every message passes
 * `recordText` (one line, clipped, credentials masked) and the typed password is masked
 * wherever it appears, should a server ever echo it. A record for a project that is no longer
 * open throws `ProjectGone`, so nothing lands in another project.
 */
export class RunRecorder {
  readonly reports: StatementReport[] = []

  constructor(
    private readonly deps: Pick<ExecuteDeps, 'project' | 'now'>,
    private readonly run: {
      projectId: string
      stage: ExecutableStage
      by: string
      password: string | null
    },
  ) {}

  /** The time the clock says now. */
  now(): Date {
    return this.deps.now ? this.deps.now() : new Date()
  }

  /** One line for the project file, with the typed password masked. */
  text(message: string): string {
    const { password } = this.run
    const masked = password && password.length >= 3 ? message.split(password).join(MASK) : message
    return recordText(masked)
  }

  private ensureOpen(): void {
    if (this.deps.project.state?.document.id !== this.run.projectId) throw new ProjectGone()
  }

  /**
   * Records statements and their outcome in the audit trail at once. `report` false: a fact the
   * run read (the sessions), kept in the trail but not in the reply's list of statements.
   */
  async entries(
    items: { statement: string; outcome: AuditOutcome; message: string }[],
    report = true,
  ): Promise<void> {
    if (items.length === 0) return
    this.ensureOpen()
    const at = this.now().toISOString()
    const entries = items.map((item) => ({
      at,
      by: this.run.by,
      stage: this.run.stage,
      statement: item.statement,
      outcome: item.outcome,
      message: this.text(item.message),
    }))
    await this.deps.project.recordTeardown((t) => withAudit(t, entries))
    if (report) {
      for (const e of entries) {
        this.reports.push({ statement: e.statement, outcome: e.outcome, message: e.message })
      }
    }
  }

  /** Records how the run ended in the executions. */
  /** The roles the stage revokes CONNECT from or grants it back to, recorded with the run. */
  roles: string[] = []

  async execution(outcome: ExecutionOutcome, message: string): Promise<string> {
    this.ensureOpen()
    const text = this.text(message)
    const record = {
      stage: this.run.stage,
      at: this.now().toISOString(),
      by: this.run.by,
      outcome,
      message: text,
      roles: this.roles,
    }
    await this.deps.project.recordTeardown((t) => withExecution(t, record))
    return text
  }
}
