import { CHECK_STEPS } from '../../../../shared/checks/check-catalog'
import { stepGate, type GateState } from '../../../../shared/checks/gate'
import { findStep } from '../../../../shared/steps-catalog'
import { useGateDocument } from '../../hooks/use-gate-document'
import { useNow } from '../../hooks/use-now'
import { StepLink } from './StepLink'
import { checkCountTone, toneClass, type CheckCount } from './tone'

const GATE_LABEL: Record<GateState, string> = {
  open: 'Ready',
  held: 'Held',
  overridden: 'Overridden',
}
const COUNTS: readonly CheckCount[] = ['passed', 'warned', 'failed', 'skipped', 'notRun']
const GATE_BADGE: Record<GateState, string> = {
  open: 'badge-pass',
  held: 'badge-neutral',
  overridden: 'badge-warn',
}

/**
 * The automated checks of each step that has them: how many passed, warned, failed, were skipped or never ran
 * (failures in the danger tone, warnings in warn, passes in done) and where its gate stands, each
 * step a link to its page; then the failed checks by title.
 */
export function ChecksSummary() {
  const now = useNow()
  const doc = useGateDocument()
  if (!doc) return null
  const gates = CHECK_STEPS.map((stepId) => ({
    step: findStep(stepId),
    gate: stepGate(doc, stepId, now),
  }))
  const failed = gates.flatMap(({ step, gate }) =>
    gate.blockers.filter((b) => b.kind === 'check').map((b) => ({ ...b, step })),
  )
  return (
    <>
      <table className="progress-table checks-summary">
        <caption className="visually-hidden">Automated checks of each step</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Passed</th>
            <th scope="col">Warned</th>
            <th scope="col">Failed</th>
            <th scope="col">Skipped</th>
            <th scope="col">Not run</th>
            <th scope="col">Gate</th>
          </tr>
        </thead>
        <tbody>
          {gates.map(({ step, gate }) =>
            step ? (
              <tr key={step.id} data-step-id={step.id}>
                <th scope="row">
                  <StepLink stepId={step.id}>
                    {step.number}. {step.title}
                  </StepLink>
                </th>
                {COUNTS.map((column) => (
                  <td
                    key={column}
                    className={toneClass(checkCountTone(column, gate.checks[column]))}
                  >
                    {gate.checks[column]}
                  </td>
                ))}
                <td>
                  <span className={`badge ${GATE_BADGE[gate.state]}`}>
                    {GATE_LABEL[gate.state]}
                  </span>
                </td>
              </tr>
            ) : null,
          )}
        </tbody>
      </table>
      {failed.length > 0 ? (
        <>
          <h3 className="checks-failed-title">Failed checks</h3>
          <ul className="plain-list checks-failed">
            {failed.map((b) => (
              <li key={b.id}>
                {b.step ? <StepLink stepId={b.step.id}>{b.title}</StepLink> : b.title}{' '}
                <span className="muted">
                  ({b.why}
                  {b.step ? `, step ${b.step.number}` : ''})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  )
}
