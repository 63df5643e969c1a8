import { routeToHash } from '../lib/routes'
import { useStore } from '../store'
import type { Route } from '../store/ui-slice'

/**
 * Moves the shell to a page and records it in the history (the fragment of the address), so the
 * back button and a reload come back to it. Focus moves to the new page's heading.
 */
export function navigate(route: Route): void {
  const hash = routeToHash(route)
  if (window.location.hash !== hash) window.history.pushState(null, '', hash)
  useStore.getState().setRoute(route, true)
}

/** Shows the overview without adding a history entry (after opening or creating a project). */
export function showOverview(): void {
  const overview: Route = { name: 'overview' }
  window.history.replaceState(null, '', routeToHash(overview))
  useStore.getState().setRoute(overview, false)
}
