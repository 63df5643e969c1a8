import { CHECK_STEPS, type CheckStep } from './checks/check-entry'
import { stepGate, type StepGate } from './checks/gate'
import { CONNECTION_CHECK_IDS } from './connection-targets'
import { ENDPOINT_IDS, type ProjectDocument } from './project-schema'
import { findStep, STEPS } from './steps-catalog'
import type { StepId } from './steps'

/**
 * What to do next, in the guide's order: the wizard's answer to “where was I?”. Computed from the
 * project document alone (no connection), so the overview, each step page and the plan agree.
 *
 * - `connect`: the connections are not all tested and working (the Plan step needs them first);
 * - `run-checks`, `run-inventory`, `run-parity`: the step's tool has not run, or its results are stale;
 * - `fix-check`: a check of the step failed or could not run (its item holds the remedy);
 * - `do-item`: the next item still to do or in progress;
 * - `sign-off`: everything is settled and nobody approved the step yet;
 * - `next-step`: nothing left on this step; `finished`: nothing left anywhere.
 */
export type NextActionKind =
  | 'connect'
  | 'run-checks'
  | 'run-inventory'
  | 'run-parity'
  | 'fix-check'
  | 'do-item'
  | 'sign-off'
  | 'next-step'
  | 'finished'

/** One next action: where it is, what to do in a few words, and why in a sentence. */
export interface NextAction {
  kind: NextActionKind
  /** The step it belongs to (`next-step`: the step to go to; `finished`: null). */
  stepId: StepId | null
  /** The checklist item to open, for `fix-check`, `do-item` and `connect`. */
  itemId: string | null
  /** What to do, as a button or a heading says it. */
  label: string
  /** Why this is next, in one sentence. */
  why: string
}

/** What the next action is computed from. */
export type NextActionDocument = Pick<
  ProjectDocument,
  'items' | 'results' | 'settings' | 'checks' | 'signoff'
>

const isCheckStep = (id: StepId): id is CheckStep => (CHECK_STEPS as readonly string[]).includes(id)

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const hasResultOfKind = (doc: NextActionDocument, kinds: readonly string[]): boolean =>
  Object.values(doc.results).some((r) => kinds.includes(r.details.kind))

function connectionsAction(doc: NextActionDocument): NextAction | null {
  // A warning (a schema shared with couch2pg, say) still connects; the Connections page says why.
  const working = ENDPOINT_IDS.filter((id) => {
    const verdict = doc.results[CONNECTION_CHECK_IDS[id]]?.verdict
    return verdict === 'pass' || verdict === 'warn'
  }).length
  if (working === ENDPOINT_IDS.length) return null
  return {
    kind: 'connect',
    stepId: 'plan',
    itemId: 'plan.connections',
    label: 'Set up and test the connections',
    why: `${working} of ${ENDPOINT_IDS.length} connections tested and working; the inventory, checks and comparisons read through them.`,
  }
}

function toolAction(doc: NextActionDocument, stepId: StepId, gate: StepGate): NextAction | null {
  if (stepId === 'plan' && !hasResultOfKind(doc, ['inventory', 'couchdb-inventory'])) {
    return {
      kind: 'run-inventory',
      stepId,
      itemId: null,
      label: 'Run the inventory',
      why: 'The inventory lists the views, tables and functions of the couch2pg database that the migration must replace or retire.',
    }
  }
  if (stepId === 'parity' && !hasResultOfKind(doc, ['comparison'])) {
    return {
      kind: 'run-parity',
      stepId,
      itemId: null,
      label: 'Run the comparisons',
      why: 'No comparison of the new models with the old tables has run yet.',
    }
  }
  if (!isCheckStep(stepId)) return null
  const stale = gate.notes.filter((n) => n.why === 'result is stale').length
  if (gate.checks.notRun === 0 && stale === 0) return null
  const parts = [
    gate.checks.notRun > 0 ? `${plural(gate.checks.notRun, 'check')} not run yet` : '',
    stale > 0 ? `${plural(stale, 'result')} stale` : '',
  ].filter(Boolean)
  return {
    kind: 'run-checks',
    stepId,
    itemId: null,
    label: 'Run the checks of this step',
    why: `${parts.join(' and ')}; the gate needs their evidence.`,
  }
}

/**
 * The next action on one step, or `next-step` (with the following step) when nothing is left.
 * Failed checks come before open items, since an item whose check fails cannot honestly be done.
 */
export function stepNextAction(
  doc: NextActionDocument,
  stepId: StepId,
  now: number = Date.now(),
): NextAction {
  const gate = stepGate(doc, stepId, now)
  if (stepId === 'plan') {
    const connect = connectionsAction(doc)
    if (connect) return connect
  }
  const failed = gate.blockers.find((b) => b.kind === 'check')
  const tool = toolAction(doc, stepId, gate)
  // A run that never happened comes first; a stale run comes after a failure to fix.
  if (tool && (tool.kind !== 'run-checks' || gate.checks.notRun > 0 || !failed)) return tool
  if (failed) {
    return {
      kind: 'fix-check',
      stepId,
      itemId: failed.itemId,
      label: `Fix: ${failed.title}`,
      why: `This check ${failed.why}; its item says what to do.`,
    }
  }
  const open = gate.blockers.find((b) => b.kind === 'item')
  if (open) {
    return {
      kind: 'do-item',
      stepId,
      itemId: open.itemId,
      label: open.title,
      why: `The next item of this step, ${open.why}.`,
    }
  }
  if ((doc.signoff[stepId]?.length ?? 0) === 0) {
    return {
      kind: 'sign-off',
      stepId,
      itemId: null,
      label: 'Record the approval of this step',
      why: 'Every item is settled; the plan asks who approved the step, in which role.',
    }
  }
  const index = STEPS.findIndex((s) => s.id === stepId)
  const next = STEPS[index + 1]
  return next
    ? {
        kind: 'next-step',
        stepId: next.id,
        itemId: null,
        label: `Continue to step ${next.number}: ${next.title}`,
        why: `Step ${index + 1} is done and approved.`,
      }
    : {
        kind: 'finished',
        stepId: null,
        itemId: null,
        label: 'The migration is complete',
        why: 'Every step is done and approved.',
      }
}

/**
 * The project's next action: the first step, in the guide's order, with something left to do.
 * A held step comes first even when later steps are under way, as the guide's order asks.
 */
export function projectNextAction(doc: NextActionDocument, now: number = Date.now()): NextAction {
  for (const step of STEPS) {
    const action = stepNextAction(doc, step.id, now)
    if (action.kind !== 'next-step' && action.kind !== 'finished') return action
  }
  return stepNextAction(doc, 'teardown', now)
}

/** The step's title with its number, as the next-action card names it. */
export function stepLabel(stepId: StepId): string {
  const step = findStep(stepId)
  return step ? `Step ${step.number}: ${step.title}` : stepId
}
