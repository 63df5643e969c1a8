import { stepGate, type StepGate } from '../checks/gate'
import { stepCompletion, type Completion } from '../progress'
import type { StepDef } from '../steps'
import type { ReportContext, Tone } from './model'

/** One step as the summary and the cover see it: its completion and gate. */
export interface StepStanding {
  step: StepDef
  completion: Completion
  gate: StepGate
  /** Every item settled and the gate open or overridden. */
  finished: boolean
}

/** Each step's completion and gate, in the guide's order. */
export function stepStandings(ctx: ReportContext): StepStanding[] {
  const now = ctx.now.getTime()
  return ctx.steps.map((step) => {
    const completion = stepCompletion(step, ctx.document.items)
    const gate = stepGate(ctx.document, step.id, now)
    const finished = completion.done === completion.total && gate.state !== 'held'
    return { step, completion, gate, finished }
  })
}

/**
 * The overall readiness verdict in one sentence: complete once every step is finished; blocked
 * while a check of a step already under way failed or could not run; in progress otherwise,
 * naming the step to work on next.
 */
export function readinessVerdict(standings: readonly StepStanding[]): { text: string; tone: Tone } {
  const finished = standings.filter((s) => s.finished).length
  if (standings.length > 0 && finished === standings.length) {
    return { text: 'Complete: every step is done and its gate is open.', tone: 'good' }
  }
  const next = standings.find((s) => !s.finished)
  const failing = standings.reduce((n, s) => n + s.gate.checks.failed, 0)
  const nextText = next ? ` Next: step ${next.step.number}, ${next.step.title}.` : ''
  if (failing > 0) {
    return {
      text: `Blocked: ${failing} check${failing === 1 ? '' : 's'} failed or could not run; ${finished} of ${standings.length} steps done.${nextText}`,
      tone: 'bad',
    }
  }
  return {
    text: `In progress: ${finished} of ${standings.length} steps done.${nextText}`,
    tone: finished === 0 ? 'neutral' : 'warn',
  }
}
