import { PROJECT_FILE_EXTENSION } from '../../shared/project-schema'
import { AppError } from '../../shared/result'
import type { HandlerContext } from './context'

/**
 * Turns an optional typed path into the path to use, following the face's rules (SEC-10).
 *
 * With no path, a face with native dialogs asks the user (`CANCELLED` when they dismiss it);
 * without dialogs the path is required. A typed path the face does not accept is refused.
 */
export async function resolvePath(
  ctx: HandlerContext,
  path: string | undefined,
  purpose: 'open' | 'save' | 'export',
  suggestedName = 'migration',
): Promise<string> {
  if (path !== undefined) {
    if (!ctx.acceptTypedPath(path, purpose)) {
      throw new AppError(
        'BAD_REQUEST',
        'Choose the file with the Open or Save dialog; typed paths are not accepted here.',
      )
    }
    return purpose === 'save' ? withProjectExtension(path) : path
  }
  if (!ctx.dialogs) {
    throw new AppError('BAD_REQUEST', 'Give the path of the file.', { field: 'path' })
  }
  const chosen =
    purpose === 'open'
      ? await ctx.dialogs.chooseOpenPath()
      : await ctx.dialogs.chooseSavePath(suggestedName, purpose === 'save' ? 'project' : 'markdown')
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
