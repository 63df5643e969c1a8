import { useSyncExternalStore } from 'react'

/** The shell's sticky header, whose height a sticky column keeps clear of. */
const HEADER_SELECTOR = '.app-header'

function subscribe(onChange: () => void): () => void {
  const header = document.querySelector(HEADER_SELECTOR)
  if (!header || typeof ResizeObserver === 'undefined') return () => {}
  const observer = new ResizeObserver(onChange)
  observer.observe(header)
  return () => observer.disconnect()
}

const snapshot = () => document.querySelector<HTMLElement>(HEADER_SELECTOR)?.offsetHeight ?? 0

/** The height in pixels of the shell's sticky header (it wraps on narrower windows). */
export function useHeaderHeight(): number {
  return useSyncExternalStore(subscribe, snapshot)
}
