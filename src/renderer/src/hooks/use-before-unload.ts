import { useEffect } from 'react'
import { useStore } from '../store'

/**
 * In browser mode, asks the browser to confirm leaving the page while the project has unsaved
 * changes. (Electron handles closing its window itself.)
 */
export function useBeforeUnloadWhileDirty(): void {
  const dirty = useStore((s) => s.project?.dirty ?? false)
  const browserMode = useStore((s) => s.info?.face === 'browser')
  useEffect(() => {
    if (!dirty || !browserMode) return
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [dirty, browserMode])
}
