import { z } from 'zod'
import { projectStateSchema } from './project-schema'

/**
 * The name of one autosaved copy in the config folder: the project's id made file-safe, a dash
 * and the random token of the wizard run that wrote it. Anything else is refused before a path
 * is built from it.
 */
export const recoveryKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}-[0-9a-f]{16}$/, 'not the name of an autosaved copy')

/**
 * How the project's own file compares with the autosaved copy: `newer` when it changed after
 * the autosave (saved elsewhere since, or by another wizard), `older` when the autosave holds
 * the later work, `missing` when there is no file there any more.
 */
export const recoveryDiskSchema = z.enum(['newer', 'older', 'missing'])
export type RecoveryDisk = z.infer<typeof recoveryDiskSchema>

/** One autosaved copy of unsaved work left by a wizard that did not close normally. */
export const recoveryEntrySchema = z.object({
  key: recoveryKeySchema,
  /** The project's name (from the document when it loads, else from the description). */
  name: z.string().max(200),
  /** The project's own file, or null for a project that was never saved. */
  originalPath: z.string().max(4096).nullable(),
  /** When the copy was written (ISO time), or null when its description is unreadable. */
  autosavedAt: z.string().max(40).nullable(),
  /** Null for a never-saved project or an unreadable description. */
  disk: recoveryDiskSchema.nullable(),
  /** Why the copy cannot be restored (damaged, crafted, too large); null when it can. */
  problem: z.string().max(1000).nullable(),
})
export type RecoveryEntry = z.infer<typeof recoveryEntrySchema>

/** What `recovery.list` and `recovery.discard` answer. */
export const recoveryListSchema = z.object({
  /** True when the wizard before this one ended without shutting down (crash, kill, power cut). */
  uncleanEnd: z.boolean(),
  entries: z.array(recoveryEntrySchema).max(100),
})
export type RecoveryList = z.infer<typeof recoveryListSchema>

/** The autosaved copies of unsaved work (`contract.ts` spreads this in). */
export const RECOVERY_OPERATIONS = {
  /**
   * The autosaved copies left by wizards that are no longer running (the open project's own
   * copy, and copies of another running wizard, are not listed), newest first, damaged ones
   * with their problem.
   */
  'recovery.list': { input: z.object({}).strict(), output: recoveryListSchema },
  /**
   * Opens an autosaved copy as the open project: unsaved, bound to its original file (or to
   * none), and not autosaved over that file until the person saves. `UNSAVED_CHANGES` like
   * `project.open` unless `discardChanges`.
   */
  'recovery.restore': {
    input: z.object({ key: recoveryKeySchema, discardChanges: z.boolean().optional() }).strict(),
    output: projectStateSchema,
  },
  /** Deletes an autosaved copy for good (the person confirmed it); answers the new list. */
  'recovery.discard': {
    input: z.object({ key: recoveryKeySchema }).strict(),
    output: recoveryListSchema,
  },
} as const
