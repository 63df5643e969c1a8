import type { ItemState, ProjectDocument, StoredResult } from '../project-schema'
import { isStale } from '../progress'
import { findStep } from '../steps-catalog'
import type { StepId } from '../steps'
import { checksOfItem, checksOfStep, type CheckMeta } from './check-catalog'
import type { GateOverride } from './check-settings'

/** Where a step's gate stands: `open` it may be marked done; `held` not yet; `overridden` held but opened by someone, with a reason. */
export type GateState = 'open' | 'held' | 'overridden'

/** One thing that holds a gate (or, for `notes`, should be looked at before relying on it). */
export interface GateBlocker {
  kind: 'check' | 'item'
  id: string
  title: string
  /** Why it holds, in words: “failed”, “could not run”, “to do”. */
  why: string
  itemId: string
}

export interface StepGate {
  stepId: StepId
  state: GateState
  /** Failed or errored checks, then open items. */
  blockers: GateBlocker[]
  /** Checks never run or whose result is stale: not blocking, but not evidence either. */
  notes: GateBlocker[]
  override: GateOverride | null
  /** Checks of the step and how many of their latest results passed or warned. */
  checks: {
    total: number
    passed: number
    warned: number
    failed: number
    skipped: number
    notRun: number
  }
}

/** What a gate is computed from: a project document's items, results, settings and checks. */
export type GateDocument = Pick<ProjectDocument, 'items' | 'results' | 'settings' | 'checks'>

/** The latest stored result of a check, or undefined when it never ran. */
export const checkResultOf = (results: Record<string, StoredResult>, checkId: string) =>
  results[checkId]?.details.kind === 'check' ? results[checkId] : undefined

const OPEN_ITEM: Record<ItemState['status'], string | null> = {
  todo: 'to do',
  in_progress: 'in progress',
  done: null,
  not_applicable: null,
}

/** The checks of an item whose latest result failed or could not run. */
export function failingChecksOfItem(
  results: Record<string, StoredResult>,
  itemId: string,
): CheckMeta[] {
  return checksOfItem(itemId).filter((c) => {
    const verdict = checkResultOf(results, c.id)?.verdict
    return verdict === 'fail' || verdict === 'error'
  })
}

/**
 * A step's gate, computed from its checks and items: held while any check's latest result
 * failed or could not run, or any item is still to do or in progress; open otherwise (warnings
 * and skipped checks do not hold it). A held gate with a recorded override is `overridden`.
 * Checks never run and stale results are listed as notes.
 */
export function stepGate(doc: GateDocument, stepId: StepId, now: number = Date.now()): StepGate {
  const step = findStep(stepId)
  const blockers: GateBlocker[] = []
  const notes: GateBlocker[] = []
  const counts = { total: 0, passed: 0, warned: 0, failed: 0, skipped: 0, notRun: 0 }
  for (const check of checksOfStep(stepId)) {
    counts.total++
    const result = checkResultOf(doc.results, check.id)
    const base = { kind: 'check' as const, id: check.id, title: check.title, itemId: check.itemId }
    if (!result) {
      counts.notRun++
      notes.push({ ...base, why: 'not run yet' })
      continue
    }
    if (result.verdict === 'fail' || result.verdict === 'error') {
      counts.failed++
      blockers.push({ ...base, why: result.verdict === 'fail' ? 'failed' : 'could not run' })
    } else if (result.verdict === 'pass') counts.passed++
    else if (result.verdict === 'warn') counts.warned++
    else if (result.verdict === 'skipped') counts.skipped++
    if (isStale(result.ranAt, doc.settings.staleAfterDays, now)) {
      notes.push({ ...base, why: 'result is stale' })
    }
  }
  for (const item of step?.items ?? []) {
    const why = OPEN_ITEM[doc.items[item.id]?.status ?? 'todo']
    if (why) blockers.push({ kind: 'item', id: item.id, title: item.title, why, itemId: item.id })
  }
  const override = doc.checks.gateOverrides[stepId] ?? null
  const state: GateState = blockers.length === 0 ? 'open' : override ? 'overridden' : 'held'
  return { stepId, state, blockers, notes, override, checks: counts }
}
