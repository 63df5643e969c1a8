import type { ProjectDocument } from '../../../../shared/project-schema'
import { countOf, listOf } from '../../../../shared/teardown/gate-types'
import { teardownGates, type TeardownGate } from '../../../../shared/teardown/gates'
import { executionPermission } from '../../../../shared/teardown/override'
import type {
  ExecutableStage,
  ExecutionRecord,
} from '../../../../shared/teardown/teardown-settings'

/**
 * The rules a database stage must pass before anything runs, each answering null (passes) or a
 * sentence that says what holds it and what to do. Pure: judged from the project document and
 * the clock alone, so they are judged again before every statement.
 */

const DAY_MS = 86_400_000
const day = (d: Date) => d.toISOString().slice(0, 10)
const titles = (gates: readonly TeardownGate[]) =>
  listOf(
    gates.map((g) => g.title),
    6,
  )

/** The typed name must be the couch2pg database's name, exactly. */
export function confirmNameRefusal(typed: string, database: string): string | null {
  if (typed === database) return null
  return `The name typed, “${typed}”, is not the couch2pg database's name, “${database}”. Type the name exactly (same letters and case, no spaces) to confirm.`
}

/**
 * Every teardown gate met, or an override whose gates cover every gate not met now. A gate that
 * became unmet after the override was recorded is named as such.
 */
export function gateRefusal(document: ProjectDocument, now: Date): string | null {
  const gates = teardownGates(document, now)
  const { override } = document.teardown
  const permission = executionPermission(gates, override)
  if (permission.allowed) return null
  const holding = permission.holding
  if (!override) {
    return `Not every teardown gate is met: ${titles(holding)}. Meet ${holding.length === 1 ? 'it' : 'them'} (the Teardown step says how), or record an override with the reason to go ahead.`
  }
  const covered = gates.filter((g) => override.gates.includes(g.id))
  return `The override recorded by ${override.by} on ${override.at.slice(0, 10)} covers ${covered.length > 0 ? titles(covered) : 'no gate'}, but not ${titles(holding)}, which ${holding.length === 1 ? 'was' : 'were'} met then and ${holding.length === 1 ? 'is' : 'are'} not now. Meet ${holding.length === 1 ? 'it' : 'them'} again, or record the override again if you still mean to go ahead.`
}

/** When the rename the drop waits on was done, or why there is none to count from. */
export function renameDoneAt(executions: readonly ExecutionRecord[]): Date | string {
  let renamed: ExecutionRecord | null = null
  let restored: ExecutionRecord | null = null
  for (const e of executions) {
    if (e.outcome !== 'done') continue
    if (e.stage === 'revoke-rename') {
      renamed = e
      restored = null
    } else if (e.stage === 'restore-rename' && renamed) restored = e
  }
  if (!renamed) {
    return 'No revoke-rename run of the wizard is recorded as done: run it first, then wait the grace period.'
  }
  if (restored) {
    return `The rename of ${renamed.at.slice(0, 10)} was undone by restore-rename on ${restored.at.slice(0, 10)}: run revoke-rename again, then wait the grace period.`
  }
  return new Date(renamed.at)
}

/**
 * What a drop needs besides the gates: the verified backup (its gate met, even under an override:
 * only the backup can bring the data back), and the rename done at least `graceDays` ago and not
 * undone since.
 */
export function dropRefusal(document: ProjectDocument, now: Date): string | null {
  const backup = teardownGates(document, now).find((g) => g.id === 'backup')
  if (backup && backup.state !== 'met') {
    return `A drop needs a verified backup, even under an override: ${backup.evidence.join(' ')} ${backup.remedy ?? ''}`.trim()
  }
  const renamed = renameDoneAt(document.teardown.executions)
  if (typeof renamed === 'string') return renamed
  const { graceDays } = document.teardown
  const ends = new Date(renamed.getTime() + graceDays * DAY_MS)
  if (now.getTime() >= ends.getTime()) return null
  const left = Math.ceil((ends.getTime() - now.getTime()) / DAY_MS)
  return `The grace period of ${countOf(graceDays, 'day')} after the rename on ${day(renamed)} ends on ${day(ends)} (${countOf(left, 'day')} from now): the drop may run then, if nobody missed the database meanwhile.`
}

/**
 * The project's rules for a stage, judged from the document alone: a couch2pg connection, the
 * typed name, the gates (or an override covering them) and, for a drop, the backup and the grace
 * period after a recorded rename. Null when the stage may go on to the server.
 */
export function projectRefusal(
  stage: ExecutableStage,
  document: ProjectDocument,
  now: Date,
  confirmName?: string,
): string | null {
  const profile = document.connections.couch2pg
  if (!profile) return 'The project has no couch2pg connection: set it on the Connections page.'
  return (
    (confirmName === undefined ? null : confirmNameRefusal(confirmName, profile.database)) ??
    gateRefusal(document, now) ??
    (stage === 'drop' ? dropRefusal(document, now) : null)
  )
}
