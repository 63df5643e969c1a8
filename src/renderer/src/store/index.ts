import { create } from 'zustand'
import { createAppSlice, type AppSlice } from './app-slice'
import { createConnectionsSlice, type ConnectionsSlice } from './connections-slice'
import { createDemoSlice, type DemoSlice } from './demo-slice'
import { createJobsSlice, type JobsSlice } from './jobs-slice'
import { createProjectSlice, type ProjectSlice } from './project-slice'
import { createUiSlice, type UiSlice } from './ui-slice'

export type Store = ProjectSlice & UiSlice & AppSlice & ConnectionsSlice & JobsSlice & DemoSlice

/**
 * The renderer's one store: the project copy, the UI, the app, connections, jobs and the demo,
 * as slices.
 */
export const useStore = create<Store>()((...a) => ({
  ...createProjectSlice(...a),
  ...createUiSlice(...a),
  ...createAppSlice(...a),
  ...createConnectionsSlice(...a),
  ...createJobsSlice(...a),
  ...createDemoSlice(...a),
}))
