import { useMemo } from 'react'
import type { ChecklistItemDef } from '../../../shared/steps'
import { GATES_OF_ITEM } from '../../../shared/teardown/gate-items'
import { teardownGates } from '../../../shared/teardown/gates'
import { itemVerdict, type ItemVerdict } from '../lib/item-summary'
import { useStore } from '../store'
import { selectResults, selectSettings } from '../store/selectors'
import { useNow } from './use-now'

/**
 * The verdict an item's row shows, from the project copy: its checks' latest results, its stored
 * result, the connection tests, or (for the Teardown items the gates judge) the gates as judged
 * now. Null for an item nothing automated judges.
 */
export function useItemVerdict(item: ChecklistItemDef): ItemVerdict | null {
  const results = useStore(selectResults)
  const staleAfterDays = useStore((s) => selectSettings(s).staleAfterDays)
  const now = useNow()
  const gated = GATES_OF_ITEM[item.id] !== undefined
  const document = useStore((s) => (gated ? (s.project?.document ?? null) : null))
  const gates = useMemo(
    () => (document ? teardownGates(document, new Date(now)) : null),
    [document, now],
  )
  return useMemo(
    () => itemVerdict(item, { results, staleAfterDays, now, gates }),
    [item, results, staleAfterDays, now, gates],
  )
}
