import { z } from 'zod'
import { jobSnapshotSchema } from './jobs'
import { projectPatchSchema } from './project-patch'
import { projectStateSchema } from './project-schema'
import { appErrorSchema } from './result'

/**
 * Events the main side pushes to the renderer: over IPC in Electron, as server-sent events in
 * browser mode. Validated on receipt like every other message that crosses a boundary.
 */
export const MENU_COMMANDS = [
  'new',
  'open',
  'save',
  'saveAs',
  'export',
  'close',
  'settings',
] as const
export const menuCommandSchema = z.enum(MENU_COMMANDS)
export type MenuCommand = z.infer<typeof menuCommandSchema>

/** A job's `Result`, as `job.finished` carries it; its value is checked against the job's kind. */
export const jobResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorSchema }),
])

/** What the engine says happened, whatever face is listening. */
export const engineEventSchema = z.discriminatedUnion('type', [
  /** Another project was opened, created or closed: the whole state (or null). */
  z.object({ type: z.literal('project.changed'), project: projectStateSchema.nullable() }),
  /** The open project changed: only what changed (see project-patch.ts). */
  z.object({ type: z.literal('project.patched'), patch: projectPatchSchema }),
  z.object({ type: z.literal('job.progress'), job: jobSnapshotSchema }),
  z.object({ type: z.literal('job.finished'), job: jobSnapshotSchema, result: jobResultSchema }),
  /** The running demo deployment stopped working (a server stopped from outside). */
  z.object({ type: z.literal('demo.failed'), message: z.string().max(2_000) }),
])
export type EngineEvent = z.infer<typeof engineEventSchema>

export const appEventSchema = z.discriminatedUnion('type', [
  ...engineEventSchema.options,
  z.object({ type: z.literal('menu.command'), command: menuCommandSchema }),
])
export type AppEvent = z.infer<typeof appEventSchema>

// The channel names live in a module without zod so the preload can import them (SEC-02).
export { EVENT_CHANNEL, opChannel } from './ipc-channels'
