import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import { redactSecrets } from '../../../../shared/redact'
import {
  AUDIT_LIMIT,
  EXECUTION_LIMIT,
  type AuditEntry,
  type ExecutableStage,
  type ExecutionRecord,
  type TeardownSettings,
} from '../../../../shared/teardown/teardown-settings'
import type { SessionCount } from './types'

export type AuditOutcome = AuditEntry['outcome']

/**
 * A message fit for the project file: one line of at most `TEXT_LIMITS.line` characters, with
 * anything that looks like a credential masked (SEC-09). Server messages pass through here.
 */
export function recordText(text: string): string {
  return clipText(redactSecrets(text.replace(/\s+/g, ' ').trim()), TEXT_LIMITS.line)
}

/** The audit trail with `entries` appended, the oldest dropped beyond `AUDIT_LIMIT`. */
export function withAudit(teardown: TeardownSettings, entries: AuditEntry[]): TeardownSettings {
  const audit = [...teardown.audit, ...entries]
  return { ...teardown, audit: audit.slice(Math.max(0, audit.length - AUDIT_LIMIT)) }
}

/** The executions with `record` appended, the oldest dropped beyond `EXECUTION_LIMIT`. */
export function withExecution(
  teardown: TeardownSettings,
  record: ExecutionRecord,
): TeardownSettings {
  const executions = [...teardown.executions, record]
  return {
    ...teardown,
    executions: executions.slice(Math.max(0, executions.length - EXECUTION_LIMIT)),
  }
}

/** `3 sessions: couch2pg (cht-migrate) ×2, dashboard (psql) ×1`, or `no other session`. */
export function describeSessions(sessions: readonly SessionCount[]): string {
  const total = sessions.reduce((n, s) => n + s.count, 0)
  if (total === 0) return 'no other session'
  const parts = sessions.map(
    (s) => `${s.user || '(no user)'} (${s.application || 'no application name'}) ×${s.count}`,
  )
  return `${total} ${total === 1 ? 'session' : 'sessions'}: ${parts.join(', ')}`
}

/**
 * Where the database is left when a stage stopped after `done` of its `total` statements
 * succeeded, and what to do next. `uncertain`: the statement that failed lost its connection on
 * the way, so whether it took effect is unknown. Rerunning a stage is safe: it reads the server
 * first and does what is left.
 */
export function stoppedState(
  stage: ExecutableStage,
  progress: { done: number; total: number; uncertain: boolean },
  names: { database: string; deprecated: string },
): string {
  const { done, total, uncertain } = progress
  const { database, deprecated } = names
  const last = done === total - 1
  if (stage === 'drop') {
    return uncertain
      ? `Whether ${deprecated} was dropped is unknown: the connection was lost during the DROP. Run drop again: it reads the server first and says whether there is anything left to drop.`
      : `Nothing was changed on the server: ${deprecated} is still there. Fix what the error says, then run drop again.`
  }
  if (stage === 'revoke-rename') {
    if (done === 0 && !uncertain) {
      return `Nothing was changed on the server: ${database} is as it was. Fix what the error says, then run revoke-rename again.`
    }
    if (last && uncertain) {
      return `Whether ${database} was renamed to ${deprecated} is unknown: the connection was lost during the rename. Run revoke-rename again: it reads the server first; if the rename happened it says so, and restore-rename then undoes it.`
    }
    return `${done} of ${total} statements ran: connections to ${database} may be revoked, but it is not renamed. Run revoke-rename again to finish (it is safe to repeat), or restore-rename once it is done to undo it.`
  }
  if (done === 0 && !uncertain) {
    return `Nothing was changed on the server: ${deprecated} is as it was. Fix what the error says, then run restore-rename again.`
  }
  return `${deprecated} may already be renamed back to ${database} while CONNECT is not granted again to everyone. Run restore-rename again to finish: it skips the rename when that is done and grants CONNECT again.`
}
