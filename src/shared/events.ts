import { z } from 'zod'
import { projectStateSchema } from './project-schema'

/**
 * Events the main side pushes to the renderer: over IPC in Electron, as server-sent events in
 * browser mode. Validated on receipt like every other message that crosses a boundary.
 */
export const MENU_COMMANDS = ['new', 'open', 'save', 'saveAs', 'export', 'close'] as const
export const menuCommandSchema = z.enum(MENU_COMMANDS)
export type MenuCommand = z.infer<typeof menuCommandSchema>

export const jobProgressSchema = z.object({
  jobId: z.string(),
  operation: z.string(),
  /** Work done so far and the total, in the job's own unit; `total` is null while unknown. */
  done: z.number(),
  total: z.number().nullable(),
  message: z.string(),
  state: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
})
export type JobProgress = z.infer<typeof jobProgressSchema>

export const appEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('project.changed'), project: projectStateSchema.nullable() }),
  z.object({ type: z.literal('job.progress'), progress: jobProgressSchema }),
  z.object({ type: z.literal('menu.command'), command: menuCommandSchema }),
])
export type AppEvent = z.infer<typeof appEventSchema>

// The channel names live in a module without zod so the preload can import them (SEC-02).
export { EVENT_CHANNEL, opChannel } from './ipc-channels'
