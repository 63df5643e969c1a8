import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  dialog,
  type BrowserWindow,
  type FileFilter,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron'
import { PROJECT_FILE_EXTENSION } from '../../shared/project-schema'
import { REPORT_FORMAT_INFO, reportFileName } from '../../shared/report/formats'
import type { DemoFolderChoice, DialogProvider, SaveKind } from '../api/context'

/** The answer to "save the changes to this project?". */
export type UnsavedChoice = 'save' | 'discard' | 'cancel'

/** Where the dialogs attach and which folder they start in (read at each call). */
export interface DialogOptions {
  getWindow(): BrowserWindow | null
  defaultDir(): string
}

/**
 * The filter for project files. macOS matches a filter on the last extension only, so there it
 * offers `.json` files; elsewhere exactly `*.chtmig.json`. The engine refuses a JSON file that is
 * not a project either way (`PROJECT_FOREIGN`).
 */
export function projectFilter(platform: NodeJS.Platform = process.platform): FileFilter {
  const extension = PROJECT_FILE_EXTENSION.slice(1)
  return platform === 'darwin'
    ? { name: `Migration projects (*.${extension})`, extensions: ['json'] }
    : { name: 'Migration projects', extensions: [extension] }
}
/** The file type of an export's save dialog: `PDF (*.pdf)`, `CSV: checks (*.csv)`. */
const exportFilter = (kind: Exclude<SaveKind, 'project'>): FileFilter => ({
  name: REPORT_FORMAT_INFO[kind].label,
  extensions: [REPORT_FORMAT_INFO[kind].extension.slice(1)],
})
const ALL_FILES: FileFilter = { name: 'All files', extensions: ['*'] }
const DUMP_FILTER: FileFilter = {
  name: 'PostgreSQL dumps',
  extensions: ['dump', 'backup', 'pgdump', 'bak'],
}
const MAX_NAME_LENGTH = 100

/**
 * The Electron face's native file dialogs: the only source of open, save and export paths in
 * the desktop app (SEC-10).
 *
 * Dialogs are modal to the main window when it is open and start in the default project folder;
 * save dialogs suggest a file name made from the project name. A dismissed dialog returns null,
 * which the handlers turn into `CANCELLED`.
 */
export function createDialogProvider(options: DialogOptions): DialogProvider {
  const parented = <T>(show: (win: BrowserWindow) => Promise<T>, alone: () => Promise<T>) => {
    const win = options.getWindow()
    return win && !win.isDestroyed() ? show(win) : alone()
  }
  return {
    async chooseOpenPath() {
      const settings: OpenDialogOptions = {
        title: 'Open migration project',
        defaultPath: existingDir(options.defaultDir()),
        properties: ['openFile'],
        filters: [projectFilter(), ALL_FILES],
      }
      const result = await parented(
        (win) => dialog.showOpenDialog(win, settings),
        () => dialog.showOpenDialog(settings),
      )
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseConfigPath(kind) {
      const settings: OpenDialogOptions = {
        title: kind === 'env' ? 'Choose CHT Sync’s .env file' : 'Choose CHT Sync’s values.yaml',
        properties: ['openFile', 'showHiddenFiles'],
        filters:
          kind === 'env' ? [ALL_FILES] : [{ name: 'YAML', extensions: ['yaml', 'yml'] }, ALL_FILES],
      }
      const result = await parented(
        (win) => dialog.showOpenDialog(win, settings),
        () => dialog.showOpenDialog(settings),
      )
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseFolder(title) {
      const settings: OpenDialogOptions = {
        title,
        defaultPath: existingDir(options.defaultDir()),
        properties: ['openDirectory', 'createDirectory'],
      }
      const result = await parented(
        (win) => dialog.showOpenDialog(win, settings),
        () => dialog.showOpenDialog(settings),
      )
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseBackupFile() {
      const settings: OpenDialogOptions = {
        title: 'Choose the backup of the couch2pg database (pg_dump -Fc)',
        defaultPath: existingDir(options.defaultDir()),
        properties: ['openFile'],
        filters: [DUMP_FILTER, ALL_FILES],
      }
      const result = await parented(
        (win) => dialog.showOpenDialog(win, settings),
        () => dialog.showOpenDialog(settings),
      )
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseSavePath(suggestedName, kind) {
      const settings: SaveDialogOptions = {
        title:
          kind === 'project'
            ? 'Save migration project'
            : `Export the migration plan (${REPORT_FORMAT_INFO[kind].label})`,
        defaultPath: join(
          existingDir(options.defaultDir()),
          suggestedFileName(suggestedName, kind),
        ),
        filters: [kind === 'project' ? projectFilter() : exportFilter(kind)],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }
      const result = await parented(
        (win) => dialog.showSaveDialog(win, settings),
        () => dialog.showSaveDialog(settings),
      )
      return result.canceled || !result.filePath ? null : result.filePath
    },
    async confirmDemoFolder(path, demoDir, kind) {
      const settings = demoFolderMessage(path, demoDir, kind)
      const { response } = await parented(
        (win) => dialog.showMessageBox(win, settings),
        () => dialog.showMessageBox(settings),
      )
      return DEMO_FOLDER_CHOICES[response] ?? 'cancel'
    },
  }
}

/** The buttons of the demo-folder warning, in order; Escape means Cancel. */
const DEMO_FOLDER_CHOICES: readonly DemoFolderChoice[] = ['elsewhere', 'proceed', 'cancel']

/**
 * The warning before a save or export into a demo's temporary folder: the file would be deleted
 * with the folder when the demo stops. "Choose another place" is the default.
 */
export function demoFolderMessage(
  path: string,
  demoDir: string,
  kind: SaveKind,
): MessageBoxOptions {
  return {
    type: 'warning',
    buttons: [
      'Choose another place',
      kind === 'project' ? 'Save here anyway' : 'Export here anyway',
      'Cancel',
    ],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    title: 'This folder is removed when the demo stops',
    message: 'This folder is removed when the demo stops',
    detail: `${path} is inside the demo's folder (${demoDir}). When the demo stops, the folder and everything in it are deleted.`,
  }
}

/**
 * The folder a dialog starts in: `dir` when it exists, else its parent (the default project
 * folder is only created when a project is first saved there), else the home folder.
 */
export function existingDir(dir: string, exists: (path: string) => boolean = existsSync): string {
  if (exists(dir)) return dir
  const parent = dirname(dir)
  return exists(parent) ? parent : homedir()
}

/**
 * Turns a project name into a file name: for the project, characters no file system accepts
 * become `-`, the length is capped, and its extension is appended (an empty result falls back to
 * `migration`); for an export, the format's default name (`kenya-plan.pdf`).
 */
export function suggestedFileName(projectName: string, kind: SaveKind): string {
  if (kind !== 'project') return reportFileName(projectName, kind)
  const base =
    projectName
      .replace(/[<>:"/\\|?*]/g, '-')
      .replace(/\p{Cc}/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '')
      .slice(0, MAX_NAME_LENGTH)
      .trim() || 'migration'
  return base + PROJECT_FILE_EXTENSION
}

/**
 * Asks what to do with unsaved changes before they would be lost: Save, Don't Save or Cancel.
 *
 * Escape and closing the box mean Cancel, so nothing is lost by accident.
 */
export async function askUnsavedChanges(
  win: BrowserWindow | null,
  projectName: string,
): Promise<UnsavedChoice> {
  const settings: MessageBoxOptions = {
    type: 'warning',
    buttons: ['Save', 'Don’t Save', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    title: 'Unsaved changes',
    message: `Do you want to save the changes to “${projectName}”?`,
    detail: 'Your changes will be lost if you don’t save them.',
  }
  const { response } =
    win && !win.isDestroyed()
      ? await dialog.showMessageBox(win, settings)
      : await dialog.showMessageBox(settings)
  return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel'
}

/** Shows an operation's error message, for menu actions that have no page to show it in. */
export async function showErrorMessage(
  win: BrowserWindow | null,
  title: string,
  message: string,
): Promise<void> {
  const settings: MessageBoxOptions = { type: 'error', title, message, buttons: ['OK'] }
  if (win && !win.isDestroyed()) await dialog.showMessageBox(win, settings)
  else await dialog.showMessageBox(settings)
}
