import type { ReactNode } from 'react'
import { CHECK_STEPS } from '../../../../shared/checks/check-catalog'
import { stepGate, type GateState } from '../../../../shared/checks/gate'
import { findStep } from '../../../../shared/steps-catalog'
import type { StepId } from '../../../../shared/steps'
import { navigate } from '../../actions/navigation'
import { useGateDocument } from '../../hooks/use-gate-document'
import { useNow } from '../../hooks/use-now'
import { routeToHash } from '../../lib/routes'

const GATE_LABEL: Record<GateState, string> = {
  open: 'Ready',
  held: 'Held',
  overridden: 'Overridden',
}
const GATE_BADGE: Record<GateState, string> = {
  open: 'badge-pass',
  held: 'badge-neutral',
  overridden: 'badge-warn',
}

function StepLink({ stepId, children }: { stepId: StepId; children: ReactNode }) {
  const route = { name: 'step', stepId } as const
  return (
    <a
      href={routeToHash(route)}
      onClick={(e) => {
        e.preventDefault()
        navigate(route)
      }}
    >
      {children}
    </a>
  )
}

/**
 * The automated checks of each step that has them: how many passed, warned, failed, were skipped or never ran
 * and where its gate stands, each step a link to its page; then the failed checks by title.
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
                <td>{gate.checks.passed}</td>
                <td>{gate.checks.warned}</td>
                <td>{gate.checks.failed}</td>
                <td>{gate.checks.skipped}</td>
                <td>{gate.checks.notRun}</td>
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
