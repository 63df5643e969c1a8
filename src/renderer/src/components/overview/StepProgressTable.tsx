import type { Signoff } from '../../../../shared/signoff'
import { stepCompletion } from '../../../../shared/progress'
import { STEPS } from '../../../../shared/steps-catalog'
import { navigate } from '../../actions/navigation'
import { routeToHash } from '../../lib/routes'
import { changedAfterApproval, signoffStanding } from '../../lib/signoff-view'
import { useStore } from '../../store'
import { selectItems } from '../../store/selectors'
import { completionTone, toneClass } from './tone'

const NO_SIGNOFF: Partial<Record<string, Signoff[]>> = {}

/**
 * Each step's completion (done or not applicable out of its items), its bar in the tone of what it
 * means (nothing done neutral, part done in progress, all done green), and its sign-off.
 */
export function StepProgressTable() {
  const items = useStore(selectItems)
  const signoff = useStore((s) => s.project?.document.signoff ?? NO_SIGNOFF)
  return (
    <table className="progress-table">
      <caption className="visually-hidden">Completion and sign-off of each step</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Done</th>
          <th scope="col">Progress</th>
          <th scope="col">Sign-off</th>
        </tr>
      </thead>
      <tbody>
        {STEPS.map((step) => {
          const { done, total, percent } = stepCompletion(step, items)
          const tone = completionTone(done, total)
          const route = { name: 'step', stepId: step.id } as const
          const approvals = signoff[step.id]
          const changed = changedAfterApproval(step, items, approvals).length
          return (
            <tr key={step.id} data-step-id={step.id}>
              <th scope="row">
                <a
                  href={routeToHash(route)}
                  onClick={(e) => {
                    e.preventDefault()
                    navigate(route)
                  }}
                >
                  {step.number}. {step.title}
                </a>
              </th>
              <td>
                {done} of {total}
              </td>
              <td>
                <span className={`table-progress ${toneClass(tone)}`} data-tone={tone}>
                  <progress max={total} value={done} aria-hidden="true" />
                  <span>{percent}%</span>
                </span>
              </td>
              <td
                className={`signoff-standing${approvals?.length ? '' : ' signoff-standing-none'}`}
              >
                {signoffStanding(approvals)}
                {changed > 0 ? (
                  <>
                    {' '}
                    <span className="badge badge-warn">Changed since approval</span>
                  </>
                ) : null}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
