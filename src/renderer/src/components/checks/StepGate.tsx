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

function countsText({ checks: c }: Gate): string {
  const parts = [`${c.passed} passed`, `${c.warned} warned`, `${c.failed} failed or could not run`]
  if (c.skipped > 0) parts.push(`${c.skipped} skipped`)
  return `Of ${c.total} checks: ${parts.join(', ')}, ${c.notRun} not run yet.`
}

/**
 * The gate of a step with checks, under its lead: whether the step may be marked done, what holds
 * it (failed checks, open items, each a link to it), what to look at (checks not run, stale
 * results), the override (who, when, why; Remove) or the button to record one, and the run of
 * all the step's checks. The Monitor step also asks here for CHT Watchdog's address.
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
      <div className="gate-head">
        <div>
          <h2 id="gate-title" className="gate-title">
            {TITLE[gate.state](gate)}
          </h2>
          <p className="muted gate-counts">{countsText(gate)}</p>
        </div>
        <RunStepChecks step={step} />
      </div>
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
        <button type="button" className="button" onClick={() => setOverriding(true)}>
          Override the gate
        </button>
      ) : null}
      {gate.notes.length > 0 ? (
        <details className="gate-notes">
          <summary>
            {gate.notes.length} {gate.notes.length === 1 ? 'check' : 'checks'} to look at: not run
            yet or stale
          </summary>
          <GateList
            stepId={step}
            entries={gate.notes}
            label="Checks to look at"
            showLabel={false}
          />
        </details>
      ) : null}
      {overriding ? (
        <OverrideDialog stepId={step} stepTitle={title} onClose={() => setOverriding(false)} />
      ) : null}
    </section>
  )
}
