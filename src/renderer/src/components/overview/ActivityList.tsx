import { recentActivity } from '../../../../shared/progress'
import { ALL_ITEMS } from '../../../../shared/steps-catalog'
import { STATUS_LABEL } from '../../lib/labels'
import { useStore } from '../../store'
import { selectItems } from '../../store/selectors'
import { TimeAgo } from '../common/TimeAgo'
import { ItemLink } from './ItemLink'

/** Items currently in progress. */
export function InProgressList() {
  const items = useStore(selectItems)
  const inProgress = ALL_ITEMS.filter((def) => items[def.id]?.status === 'in_progress')
  if (inProgress.length === 0) return <p className="muted">Nothing is in progress.</p>
  return (
    <ul className="plain-list">
      {inProgress.map((def) => (
        <li key={def.id}>
          <ItemLink itemId={def.id} />
        </li>
      ))}
    </ul>
  )
}

/** The most recently changed items, with who changed them and when. */
export function ActivityList({ limit = 8 }: { limit?: number }) {
  const items = useStore(selectItems)
  const activity = recentActivity(ALL_ITEMS, items, limit)
  if (activity.length === 0) return <p className="muted">No item has been updated yet.</p>
  return (
    <ul className="plain-list activity-list">
      {activity.map(({ itemId, state }) => (
        <li key={itemId}>
          <ItemLink itemId={itemId} />
          <span className="activity-meta">
            {STATUS_LABEL[state.status]} · {state.updatedBy?.trim() || 'someone'},{' '}
            {state.updatedAt ? <TimeAgo iso={state.updatedAt} /> : null}
          </span>
        </li>
      ))}
    </ul>
  )
}
