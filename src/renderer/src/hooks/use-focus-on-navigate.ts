import { useEffect, type RefObject } from 'react'
import { useStore } from '../store'

/**
 * Moves focus to a page's heading after the user navigated to it, so keyboard and screen reader
 * users start at the top of the new page instead of being left on the link they used.
 */
export function useFocusOnNavigate(ref: RefObject<HTMLElement | null>): void {
  const navigations = useStore((s) => s.navigations)
  useEffect(() => {
    if (navigations > 0) ref.current?.focus()
  }, [navigations, ref])
}
