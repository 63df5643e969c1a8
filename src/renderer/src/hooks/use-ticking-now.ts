import { useEffect, useState } from 'react'

/**
 * The current time, updated every second while `active` (a job runs), so an elapsed time on
 * screen counts up; when nothing runs, no timer is left behind (and the value stands still).
 */
export function useTickingNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setNow(Date.now()), 1_000)
    return () => clearInterval(timer)
  }, [active])
  return now
}
