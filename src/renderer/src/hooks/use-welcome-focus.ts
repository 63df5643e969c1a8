import { useEffect, type RefObject } from 'react'
import { useStore } from '../store'
import type { WelcomePanel } from '../store/ui-slice'

/** Focuses a welcome form's first field when the menu (or a closed project) asks for it. */
export function useWelcomeFocus(panel: WelcomePanel, ref: RefObject<HTMLElement | null>): void {
  const request = useStore((s) => s.welcomeFocus)
  useEffect(() => {
    if (request?.panel === panel) ref.current?.focus()
  }, [request, panel, ref])
}
