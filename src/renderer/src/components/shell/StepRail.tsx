import type { ReactNode } from 'react'
import { CONNECTION_CHECK_IDS } from '../../../../shared/connection-targets'
import { ENDPOINT_IDS } from '../../../../shared/project-schema'
import { stepCompletion } from '../../../../shared/progress'
import { STEPS } from '../../../../shared/steps-catalog'
import type { StepDef } from '../../../../shared/steps'
import { navigate } from '../../actions/navigation'
import { routeToHash, sameRoute } from '../../lib/routes'
import { useStore } from '../../store'
import { selectItems, selectResults } from '../../store/selectors'
import type { Route } from '../../store/ui-slice'

function RailLink({
  route,
  current,
  label,
  children,
}: {
  route: Route
  current: Route
  label?: string
  children: ReactNode
}) {
  const active = sameRoute(route, current)
  return (
    <a
      href={routeToHash(route)}
      className={`rail-link${active ? ' rail-link-active' : ''}`}
      aria-current={active ? 'page' : undefined}
      aria-label={label}
      onClick={(event) => {
        event.preventDefault()
        navigate(route)
      }}
    >
      {children}
    </a>
  )
}

function StepLink({ step, current }: { step: StepDef; current: Route }) {
  const items = useStore(selectItems)
  const { done, total } = stepCompletion(step, items)
  return (
    <RailLink
      route={{ name: 'step', stepId: step.id }}
      current={current}
      label={`${step.title}, ${done} of ${total} done`}
    >
      <span className="rail-number" aria-hidden="true">
        {step.number}
      </span>
      <span className="rail-text">
        <span className="rail-label">{step.railLabel}</span>
        <span className="rail-progress" aria-hidden="true">
          <progress max={total} value={done} />
          <span className="rail-count">
            {done}/{total}
          </span>
        </span>
      </span>
    </RailLink>
  )
}

/** The connections page, with how many of the three endpoints passed their last test. */
function ConnectionsLink({ current }: { current: Route }) {
  const results = useStore(selectResults)
  const connected = ENDPOINT_IDS.filter((endpoint) => {
    const verdict = results[CONNECTION_CHECK_IDS[endpoint]]?.verdict
    return verdict === 'pass' || verdict === 'warn'
  }).length
  const total = ENDPOINT_IDS.length
  return (
    <RailLink
      route={{ name: 'connections' }}
      current={current}
      label={`Connections, ${connected} of ${total} connected`}
    >
      <span className="rail-number rail-icon" aria-hidden="true">
        ⇄
      </span>
      <span className="rail-text">
        <span className="rail-label">Connections</span>
        <span className="rail-progress" aria-hidden="true">
          <progress max={total} value={connected} />
          <span className="rail-count">
            {connected}/{total}
          </span>
        </span>
      </span>
    </RailLink>
  )
}

/**
 * The left rail: the overview, the connections, the seven steps with their completion, and the
 * settings.
 */
export function StepRail() {
  const route = useStore((s) => s.route)
  return (
    <nav className="rail" aria-label="Migration steps">
      <ul>
        <li>
          <RailLink route={{ name: 'overview' }} current={route}>
            <span className="rail-number rail-icon" aria-hidden="true">
              ◎
            </span>
            <span className="rail-label">Overview</span>
          </RailLink>
        </li>
        <li>
          <ConnectionsLink current={route} />
        </li>
        {STEPS.map((step) => (
          <li key={step.id}>
            <StepLink step={step} current={route} />
          </li>
        ))}
        <li className="rail-separated">
          <RailLink route={{ name: 'settings' }} current={route}>
            <span className="rail-number rail-icon" aria-hidden="true">
              ⚙
            </span>
            <span className="rail-label">Settings</span>
          </RailLink>
        </li>
      </ul>
    </nav>
  )
}
