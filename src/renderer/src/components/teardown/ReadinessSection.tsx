import { useState } from 'react'
import type { GatesVerdict, TeardownGate } from '../../../../shared/teardown/gates'
import type { TeardownOverride } from '../../../../shared/teardown/teardown-settings'
import {
  GATE_STATE_BADGE,
  GATE_STATE_LABEL,
  uncoveredGates,
  VERDICT_VIEW,
} from '../../lib/teardown-view'
import { InlineCode } from './InlineCode'
import { OverrideStanding } from './OverrideStanding'
import { TeardownOverrideDialog } from './TeardownOverrideDialog'

function GateEntry({ gate, covered }: { gate: TeardownGate; covered: boolean }) {
  const headingId = `teardown-gate-${gate.id}`
  return (
    <li
      className={`teardown-gate teardown-gate-${gate.state}`}
      data-gate-id={gate.id}
      data-state={gate.state}
      aria-labelledby={headingId}
    >
      <div className="teardown-gate-head">
        <h3 id={headingId}>{gate.title}</h3>
        <span className={`badge ${GATE_STATE_BADGE[gate.state]}`}>
          {GATE_STATE_LABEL[gate.state]}
        </span>
        {covered ? <span className="badge badge-neutral">Covered by the override</span> : null}
      </div>
      <ul className="teardown-evidence" aria-label={`Evidence: ${gate.title}`}>
        {gate.evidence.map((line) => (
          <li key={line}>
            <InlineCode text={line} />
          </li>
        ))}
      </ul>
      {gate.remedy ? (
        <p className="teardown-remedy">
          <span className="teardown-remedy-label">What to do: </span>
          <InlineCode text={gate.remedy} />
        </p>
      ) : null}
    </li>
  )
}

/**
 * “Readiness”: the gates' verdict together (ready, blocked or incomplete, said in words), each
 * gate with its state, the evidence it was judged on and what to do, and the override of the
 * gates not met: who recorded it, when, why and which gates it covers, with a way to clear it,
 * or to record one. A gate not met that the override does not cover is called out.
 */
export function ReadinessSection({
  gates,
  verdict,
  override,
}: {
  gates: readonly TeardownGate[]
  verdict: GatesVerdict
  override: TeardownOverride | null
}) {
  const [recording, setRecording] = useState(false)
  const view = VERDICT_VIEW[verdict]
  const open = uncoveredGates(gates, override)
  const covered = new Set<string>(override?.gates ?? [])
  return (
    <section
      className={`card teardown-readiness teardown-verdict-${verdict}`}
      aria-labelledby="teardown-readiness-heading"
      data-testid="teardown-readiness"
      data-verdict={verdict}
    >
      <h2 id="teardown-readiness-heading">Readiness</h2>
      <p className="teardown-verdict" data-testid="teardown-verdict">
        <span className="badge teardown-verdict-badge">{view.label}</span> {view.text}
      </p>
      {override && verdict !== 'ready' && open.length === 0 ? (
        <p data-testid="teardown-overridden">
          The override recorded covers every gate not met: the database stages may run anyway.
        </p>
      ) : null}
      <ol className="teardown-gates" aria-label="Teardown gates">
        {gates.map((g) => (
          <GateEntry key={g.id} gate={g} covered={g.state !== 'met' && covered.has(g.id)} />
        ))}
      </ol>
      <OverrideStanding gates={gates} override={override} uncovered={open} />
      {open.length > 0 ? (
        <button type="button" className="button" onClick={() => setRecording(true)}>
          {override ? 'Record the override again' : 'Record an override'}
        </button>
      ) : null}
      {recording ? (
        <TeardownOverrideDialog notMet={open} onClose={() => setRecording(false)} />
      ) : null}
    </section>
  )
}
