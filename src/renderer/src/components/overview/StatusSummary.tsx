import { overallCompletion, statusCounts } from '../../../../shared/progress'
import { ALL_ITEMS, STEPS } from '../../../../shared/steps-catalog'
import { STATUS_OPTIONS } from '../../lib/labels'
import { useStore } from '../../store'
import { selectItems } from '../../store/selectors'

/** How many items are in each status, and the overall completion. */
export function StatusSummary() {
  const items = useStore(selectItems)
  const counts = statusCounts(ALL_ITEMS, items)
  const overall = overallCompletion(STEPS, items)
  return (
    <div className="status-summary">
      <p className="overall">
        <span className="overall-figure">{overall.percent}%</span>
        <span>
          complete: {overall.done} of {overall.total} items done or not applicable
        </span>
      </p>
      <dl className="status-counts">
        {STATUS_OPTIONS.map((option) => (
          <div key={option.value} className={`status-count status-count-${option.value}`}>
            <dt>{option.label}</dt>
            <dd>{counts[option.value]}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
