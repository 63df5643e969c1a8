import type { ReactNode } from 'react'
import type { StepId } from '../../../../shared/steps'
import { navigate } from '../../actions/navigation'
import { routeToHash } from '../../lib/routes'

/** A link to a step's page. */
export function StepLink({ stepId, children }: { stepId: StepId; children: ReactNode }) {
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
