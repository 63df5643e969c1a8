import { useEffect } from 'react'

/**
 * Opens the page's closed disclosures (`<details>`) while it is printed and closes them again
 * afterwards, so that a printed page carries what they hold. (The print stylesheet shows their
 * content too where the browser supports `::details-content`.)
 */
export function usePrintDetails(): void {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = []
    const before = () => {
      opened = [...document.querySelectorAll('details:not([open])')].filter(
        (d): d is HTMLDetailsElement => d instanceof HTMLDetailsElement,
      )
      for (const details of opened) details.open = true
    }
    const after = () => {
      for (const details of opened) if (details.isConnected) details.open = false
      opened = []
    }
    window.addEventListener('beforeprint', before)
    window.addEventListener('afterprint', after)
    return () => {
      window.removeEventListener('beforeprint', before)
      window.removeEventListener('afterprint', after)
    }
  }, [])
}
