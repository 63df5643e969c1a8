import { useState } from 'react'
import type { CheckStep } from '../../../../shared/checks/check-catalog'
import { stepGate, type StepGate as Gate } from '../../../../shared/checks/gate'
import { findStep } from '../../../../shared/steps-catalog'
import { clearGateOverride } from '../../actions/check-actions'
import { useGateDocument } from '../../hooks/use-gate-document'
import { useNow } from '../../hooks/use-now'
import { heldByText } from '../../lib/check-view'
import { TimeAgo } from '../common/TimeAgo'
import { GateList } from './GateList'
import { OverrideDialog } from './OverrideDialog'
import { RunStepChecks } from './RunStepChecks'
import { SourcesForm } from './SourcesForm'

const TITLE: Record<Gate['state'], (gate: Gate) => string> = {
  open: () => 'Ready to mark done',
  held: (gate) => heldByText(gate.blockers.length),
  overridden: (gate) => `Overridden: ${heldByText(gate.blockers.length).toLowerCase()}`,
}

/** `Of 17 checks: 12 passed, 1 failed or could not run, 4 not run yet.` (no zero counts). */
function countsText({ checks: c }: Gate): string {
  const parts = (
    [
      [c.passed, 'passed'],
      [c.warned, 'warned'],
      [c.failed, 'failed or could not run'],
      [c.skipped, 'skipped'],
      [c.notRun, 'not run yet'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`)
  return `Of ${c.total} ${c.total === 1 ? 'check' : 'checks'}: ${parts.join(', ')}.`
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** What the gate's disclosure holds, in its summary: `9 items not done, 17 checks to look at`. */
function moreText(gate: Gate, step: CheckStep): string {
  const failed = gate.blockers.filter((b) => b.kind === 'check').length
  const open = gate.blockers.length - failed
  const parts: string[] = []
  if (failed > 0) parts.push(counted(failed, 'check failed', 'checks failed'))
  if (open > 0) parts.push(counted(open, 'item not done', 'items not done'))
  if (gate.notes.length > 0)
    parts.push(counted(gate.notes.length, 'check', 'checks') + ' to look at')
  if (gate.override) parts.push('the override')
  else if (gate.state === 'held') parts.push('how to override')
  if (step === 'monitor') parts.push('CHT Watchdog’s address')
  return parts.length > 0 ? `Details: ${parts.join(', ')}` : 'Details'
}

/**
 * The gate of a step with checks, under its header, in one line: whether the step may be marked
 * done (or how many things hold it), the checks' counts, and the run of all the step's checks.
 * Behind a disclosure: what holds it (failed checks, open items, each a link that opens it in the
 * checklist), what to look at (checks not run, stale results), the override (who, when, why;
 * Remove) or the button to record one; on the Monitor step also CHT Watchdog's address.
 */
export function StepGate({ step }: { step: CheckStep }) {
  const now = useNow()
  const doc = useGateDocument()
  const [overriding, setOverriding] = useState(false)
  const title = findStep(step)?.title ?? step
  if (!doc) return null
  const gate = stepGate(doc, step, now)
  const { override } = gate
  return (
    <section
      className={`card gate gate-${gate.state}`}
      aria-labelledby="gate-title"
      data-testid="step-gate"
      data-gate={gate.state}
    >
      <div className="gate-line">
        <div className="gate-standing">
          <h2 id="gate-title" className="gate-title">
            {TITLE[gate.state](gate)}
          </h2>
          <p className="muted gate-counts">{countsText(gate)}</p>
        </div>
        <RunStepChecks step={step} />
      </div>
      <details className="gate-more" data-testid="gate-details">
        <summary>{moreText(gate, step)}</summary>
        {step === 'monitor' ? <SourcesForm which="watchdog" /> : null}
        {gate.state === 'open' ? (
          <p>Every check passed or warned, and every item is done or not applicable.</p>
        ) : (
          <div className="gate-blockers">
            <GateList
              stepId={step}
              entries={gate.blockers.filter((b) => b.kind === 'check')}
              label="Checks that failed or could not run"
            />
            <GateList
              stepId={step}
              entries={gate.blockers.filter((b) => b.kind === 'item')}
              label="Items not done yet"
            />
          </div>
        )}
        <GateList
          stepId={step}
          entries={gate.notes}
          label="Checks to look at: not run yet or stale"
          notes
        />
        {override ? (
          <div className="gate-override" data-testid="gate-override">
            <p>
              {gate.state === 'overridden'
                ? 'Overridden'
                : 'An override, no longer needed, was recorded'}{' '}
              by <strong>{override.by}</strong> <TimeAgo iso={override.at} />: “{override.reason}”
            </p>
            <button
              type="button"
              className="button button-small"
              onClick={() => void clearGateOverride(step, title)}
            >
              Remove override
            </button>
          </div>
        ) : null}
        {gate.state === 'held' ? (
          <button type="button" className="button button-small" onClick={() => setOverriding(true)}>
            Override the gate
          </button>
        ) : null}
      </details>
      {overriding ? (
        <OverrideDialog stepId={step} stepTitle={title} onClose={() => setOverriding(false)} />
      ) : null}
    </section>
  )
}
