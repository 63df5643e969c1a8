import { useShallow } from 'zustand/react/shallow'
import type { GateDocument } from '../../../shared/checks/gate'
import { useStore } from '../store'

/**
 * The parts of the open project a gate reads (items, results, settings, check settings), or null
 * without a project; a change elsewhere in the document does not re-render.
 */
export function useGateDocument(): GateDocument | null {
  const parts = useStore(
    useShallow((s) => {
      const d = s.project?.document
      return { items: d?.items, results: d?.results, settings: d?.settings, checks: d?.checks }
    }),
  )
  const { items, results, settings, checks } = parts
  return items && results && settings && checks ? { items, results, settings, checks } : null
}
