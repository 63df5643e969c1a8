import type { ApiSurface } from '../shared/api-client'

declare global {
  /**
   * `window.api` exists in the Electron renderer only (exposed by the preload); in browser mode it
   * is undefined and the renderer uses its HTTP client instead.
   */
  interface Window {
    api?: ApiSurface
  }
}

export {}
