import { stepCompletion } from '../../../../shared/progress'
import { STEPS } from '../../../../shared/steps-catalog'
import { navigate } from '../../actions/navigation'
import { routeToHash } from '../../lib/routes'
import { useStore } from '../../store'
import { selectItems } from '../../store/selectors'

/** Each step's completion: done (or not applicable) out of its items. */
export function StepProgressTable() {
  const items = useStore(selectItems)
  return (
    <table className="progress-table">
      <caption className="visually-hidden">Completion of each step</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Done</th>
          <th scope="col">Progress</th>
        </tr>
      </thead>
      <tbody>
        {STEPS.map((step) => {
          const { done, total, percent } = stepCompletion(step, items)
          const route = { name: 'step', stepId: step.id } as const
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
                <span className="table-progress">
                  <progress max={total} value={done} aria-hidden="true" />
                  <span>{percent}%</span>
                </span>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
