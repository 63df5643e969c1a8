import { z } from 'zod'
import { pathSchema } from './paths'
import { REPORT_FORMATS } from './report/formats'

/** At most this many entries in one answer of `files.list`; the rest are only counted. */
export const FOLDER_LISTING_LIMIT = 2_000

/** Why a folder is offered as a starting point of the file browser. */
export const fileRootKindSchema = z.enum(['home', 'projects', 'project', 'recent'])
export type FileRootKind = z.infer<typeof fileRootKindSchema>

/** A folder the file browser may show, with everything under it (browser mode's confinement). */
export const fileRootSchema = z.object({
  kind: fileRootKindSchema,
  /** `Home`, `Projects folder`, `This project's folder`, or the recent folder's own name. */
  label: z.string().max(300),
  /** The folder with its links resolved. */
  path: z.string().max(4096),
})
export type FileRoot = z.infer<typeof fileRootSchema>

/** One entry of a listed folder: a sub-folder, or a file that matters for the purpose. */
export const fileEntrySchema = z.object({
  name: z.string().max(1000),
  path: z.string().max(4096),
  kind: z.enum(['folder', 'file']),
  /** Bytes, for a file; null for a folder. */
  size: z.number().int().nonnegative().nullable(),
  /** Last change (ISO time), or null when it could not be read. */
  modified: z.string().max(40).nullable(),
})
export type FileEntry = z.infer<typeof fileEntrySchema>

/** A step of the breadcrumbs, from the root down to the listed folder. */
export const fileCrumbSchema = z.object({ name: z.string().max(1000), path: z.string().max(4096) })
export type FileCrumb = z.infer<typeof fileCrumbSchema>

/**
 * What the file browser is for: opening a project, saving one, exporting the plan, or choosing
 * a folder to write into (folders only).
 */
export const filePurposeSchema = z.enum(['open', 'save', 'export', 'folder'])
export type FilePurpose = z.infer<typeof filePurposeSchema>

/** The answer of `files.list`. */
export const folderListingSchema = z.object({
  roots: z.array(fileRootSchema).max(30),
  /** The folder listed (links resolved), or null when no root exists to list. */
  dir: z.string().max(4096).nullable(),
  /** Its parent, or null at a root (the browser never goes above one). */
  parent: z.string().max(4096).nullable(),
  crumbs: z.array(fileCrumbSchema).max(500),
  /** Folders first, then files, each by name. */
  entries: z.array(fileEntrySchema).max(FOLDER_LISTING_LIMIT),
  /** Entries that match but were left out past the limit. */
  more: z.number().int().nonnegative(),
})
export type FolderListing = z.infer<typeof folderListingSchema>

/**
 * Browser mode's file browser, part of the contract (`contract.ts` spreads it in).
 */
export const FILES_OPERATIONS = {
  /**
   * Lists a folder on the machine running the wizard, for the file browser of Open, Save As and
   * Export: its sub-folders and the files of the purpose (project files for Open and Save, the
   * format's files for Export, none for a folder), with the roots it may show (home, the projects folder, the open
   * project's folder, the folders of recent projects). A folder outside the roots (links
   * resolved), hidden (a dot name) or a system folder is refused with `FORBIDDEN`; without
   * `dir`, the open project's folder, else the projects folder, else home is listed.
   */
  'files.list': {
    input: z
      .object({
        dir: pathSchema.optional(),
        purpose: filePurposeSchema,
        format: z.enum(REPORT_FORMATS).optional(),
      })
      .strict(),
    output: folderListingSchema,
  },
} as const
