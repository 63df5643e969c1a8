import { useSyncExternalStore } from 'react'

/** How often relative times (“5 minutes ago”) and staleness are recomputed. */
const TICK_MS = 30_000

let now = Date.now()
const listeners = new Set<() => void>()
let timer: ReturnType<typeof setInterval> | null = null

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  if (timer === null) {
    now = Date.now()
    timer = setInterval(() => {
      now = Date.now()
      for (const l of listeners) l()
    }, TICK_MS)
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer)
      timer = null
    }
  }
}

const snapshot = () => now

/**
 * The current time, shared by every component and updated every 30 seconds, so that rendering
 * stays pure and all relative times on screen agree.
 */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot)
}
