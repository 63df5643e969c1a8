import type { ItemState } from '../../../../shared/project-schema'
import { TimeAgo } from '../common/TimeAgo'

/** “Updated by Amina, 5 minutes ago”, with the exact time in the tooltip. */
export function UpdatedLine({ state }: { state: ItemState | undefined }) {
  if (!state?.updatedAt) return <p className="updated muted">Not updated yet.</p>
  return (
    <p className="updated muted">
      Updated by {state.updatedBy?.trim() ? state.updatedBy : 'someone without a name set'},{' '}
      <TimeAgo iso={state.updatedAt} />
    </p>
  )
}
