import type { StateCreator } from 'zustand'
import type { DemoStatus } from '../../../shared/contract'
import type { Store } from './index'

/**
 * The demo deployment as the engine last described it (`demo.status`), so the welcome screen can
 * show a running demo after its project was closed or the page reloaded. Null until asked.
 */
export interface DemoSlice {
  demo: DemoStatus | null
  setDemo(demo: DemoStatus | null): void
}

export const createDemoSlice: StateCreator<Store, [], [], DemoSlice> = (set) => ({
  demo: null,
  setDemo: (demo) => set({ demo }),
})
