/**
 * The few browser globals the `page.evaluate` callbacks of these tests use.
 *
 * The tests are type-checked with the Node program (no DOM library, so that main-process code
 * cannot use `window` by accident); a callback runs in the page and reaches its globals through
 * `globalThis as unknown as BrowserGlobals`. Import this file with `import type` only.
 */
export interface BrowserElement {
  id: string
  matches(selector: string): boolean
  closest(selector: string): BrowserElement | null
  nextElementSibling: BrowserElement | null
}

export interface BrowserGlobals {
  document: {
    activeElement: BrowserElement | null
    body: BrowserElement
    documentElement: { scrollWidth: number; scrollHeight: number }
    addEventListener(
      type: 'securitypolicyviolation',
      listener: (event: { violatedDirective: string; blockedURI: string }) => void,
    ): void
  }
  innerWidth: number
  location: { hash: string }
  getComputedStyle(element: BrowserElement): { outlineStyle: string; outlineWidth: string }
  /** Filled by the CSP test's init script. */
  cspViolations?: string[]
}
