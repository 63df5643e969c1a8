import { overallCompletion, statusCounts } from '../../../../shared/progress'
import { ALL_ITEMS, STEPS } from '../../../../shared/steps-catalog'
import { STATUS_OPTIONS } from '../../lib/labels'
import { useStore } from '../../store'
import { selectItems } from '../../store/selectors'
import { completionTone, statusTone, toneClass } from './tone'

/**
 * How many items are in each status, and the overall completion, each in the tone of what it
 * means: nothing done is neutral, part done in progress, all done green.
 */
export function StatusSummary() {
  const items = useStore(selectItems)
  const counts = statusCounts(ALL_ITEMS, items)
  const overall = overallCompletion(STEPS, items)
  const tone = completionTone(overall.done, overall.total)
  return (
    <div className="status-summary">
      <p className="overall">
        <span className={`overall-figure ${toneClass(tone)}`} data-tone={tone}>
          {overall.percent}%
        </span>
        <span>
          complete: {overall.done} of {overall.total} items done or not applicable
        </span>
      </p>
      <dl className="status-counts">
        {STATUS_OPTIONS.map((option) => {
          const count = counts[option.value]
          const countTone = statusTone(option.value, count)
          return (
            <div
              key={option.value}
              className={`status-count status-count-${option.value} ${toneClass(countTone)}`}
              data-tone={countTone}
            >
              <dt>{option.label}</dt>
              <dd>{count}</dd>
            </div>
          )
        })}
      </dl>
    </div>
  )
}
