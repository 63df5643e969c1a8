import { useEffect } from 'react'
import { getApiClient } from '../api/client'
import { bootstrap, handleAppEvent } from '../actions/app-actions'
import { hashToRoute } from '../lib/routes'
import { useStore } from '../store'

/**
 * Connects the app to the engine once: subscribes to its events first (so no change is missed
 * while loading), then loads the first screen, and follows the back and forward buttons.
 */
export function useAppConnection(): void {
  useEffect(() => {
    const unsubscribe = getApiClient().onEvent(handleAppEvent)
    void bootstrap()
    const onPopState = () => useStore.getState().setRoute(hashToRoute(window.location.hash), true)
    window.addEventListener('popstate', onPopState)
    return () => {
      unsubscribe()
      window.removeEventListener('popstate', onPopState)
    }
  }, [])
}
