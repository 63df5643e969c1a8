import { findItem } from '../../../../shared/steps-catalog'
import { navigate } from '../../actions/navigation'
import { routeToHash } from '../../lib/routes'

/** A link to the step page of an item, named by the item (and its step). */
export function ItemLink({ itemId }: { itemId: string }) {
  const found = findItem(itemId)
  if (!found) return <span>{itemId} (not in this version of the checklist)</span>
  const { step, item } = found
  const route = { name: 'step', stepId: step.id } as const
  return (
    <>
      <a
        href={routeToHash(route)}
        onClick={(e) => {
          e.preventDefault()
          navigate(route)
        }}
      >
        {item.title}
      </a>{' '}
      <span className="muted">(step {step.number})</span>
    </>
  )
}
