import { useMemo } from 'react'
import {
  projectNextAction,
  stepNextAction,
  type NextAction,
  type NextActionDocument,
} from '../../../shared/next-action'
import type { StepId } from '../../../shared/steps'
import { useStore } from '../store'
import { useNow } from './use-now'

/** The next action of one step (`stepId`) or of the whole project (no step). */
export function useNextAction(stepId?: StepId): NextAction | null {
  const doc: NextActionDocument | null = useStore((s) => s.project?.document ?? null)
  const now = useNow()
  return useMemo(() => {
    if (!doc) return null
    return stepId ? stepNextAction(doc, stepId, now) : projectNextAction(doc, now)
  }, [doc, stepId, now])
}
