import { useEffect, type RefObject } from 'react'

/**
 * Keeps the CSS variable `--header-h` at the header's height, so the sticky step rail starts
 * under the header at any width (a header that wraps to two rows no longer hides the rail).
 */
export function useHeaderHeight(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const header = ref.current
    if (!header) return
    const root = document.documentElement
    const update = () => root.style.setProperty('--header-h', `${header.offsetHeight}px`)
    update()
    const observer = new ResizeObserver(update)
    observer.observe(header)
    return () => {
      observer.disconnect()
      root.style.removeProperty('--header-h')
    }
  }, [ref])
}
