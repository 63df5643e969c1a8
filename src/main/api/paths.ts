import { isAbsolute, resolve } from 'node:path'
import { PROJECT_FILE_EXTENSION } from '../../shared/project-schema'
import type { ReportFormat } from '../../shared/report/formats'
import { AppError } from '../../shared/result'
import type { HandlerContext } from './context'

/**
 * Turns an optional typed path into the path to use, following the face's rules (SEC-10).
 *
 * With no path, a face with native dialogs asks the user (`CANCELLED` when they dismiss it);
 * without dialogs the path is required. A typed path the face does not accept is refused. In
 * browser mode a typed path names a file on the machine running `cht-migrate serve`, whose
 * working folder the person cannot see: a relative one is refused, with the absolute path it
 * would mean in the default project folder as a suggestion. The CLI resolves a relative path
 * against its own working folder, as a shell user expects. `exportFormat` picks the save
 * dialog's file type for an export (Markdown by default).
 */
export async function resolvePath(
  ctx: HandlerContext,
  path: string | undefined,
  purpose: 'open' | 'save' | 'export',
  suggestedName = 'migration',
  exportFormat: ReportFormat = 'markdown',
): Promise<string> {
  if (path !== undefined) {
    if (!ctx.acceptTypedPath(path, purpose)) {
      throw new AppError(
        'BAD_REQUEST',
        'Choose the file with the Open or Save dialog; typed paths are not accepted here.',
      )
    }
    const named = purpose === 'save' ? withProjectExtension(path) : path
    if (isAbsolute(named)) return named
    if (ctx.face === 'browser') {
      const suggestion = resolve(ctx.defaultProjectDir, named)
      throw new AppError(
        'BAD_REQUEST',
        `Paths are on the machine running “cht-migrate serve”, and must be absolute there: “${named}” is relative. Did you mean “${suggestion}”?`,
        { field: 'path', suggestion },
      )
    }
    return ctx.face === 'cli' ? resolve(named) : named
  }
  if (!ctx.dialogs) {
    throw new AppError('BAD_REQUEST', 'Give the path of the file.', { field: 'path' })
  }
  const chosen =
    purpose === 'open'
      ? await ctx.dialogs.chooseOpenPath()
      : await ctx.dialogs.chooseSavePath(
          suggestedName,
          purpose === 'save' ? 'project' : exportFormat,
        )
  if (!chosen) throw new AppError('CANCELLED', 'No file was chosen.')
  return purpose === 'save' ? withProjectExtension(chosen) : chosen
}

/** Appends `.chtmig.json` unless the name already ends with it (or with `.json`). */
export function withProjectExtension(path: string): string {
  if (path.endsWith(PROJECT_FILE_EXTENSION) || path.endsWith('.json')) return path
  return path + PROJECT_FILE_EXTENSION
}

/**
 * Refuses to replace a project with unsaved changes unless the caller said to discard them.
 *
 * A pending autosave is flushed first, so only changes that really are unsaved (no file yet, a
 * failed save, a recovered backup) stop the caller; not ones still inside the autosave delay.
 */
export async function ensureNoUnsavedChanges(
  ctx: HandlerContext,
  discardChanges: boolean | undefined,
) {
  await ctx.project.flush()
  const current = ctx.project.state
  if (current?.dirty && !discardChanges) {
    throw new AppError(
      'UNSAVED_CHANGES',
      `“${current.document.name}” has unsaved changes. Save it first, or discard the changes.`,
      { path: current.path },
    )
  }
}
