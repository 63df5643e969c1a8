import type { ReportFormat } from '../../shared/report/formats'
import { AppError } from '../../shared/result'
import { temporaryDemoFolderOf } from '../engine/demo/demo-folder'
import type { HandlerContext } from './context'
import { resolvePath } from './paths'

export interface SaveTargetOptions {
  /** The person was warned about a typed path in a demo's temporary folder and went on. */
  allowDemoFolder?: boolean | undefined
  /** The format of an export, for the save dialog's file type (default Markdown). */
  format?: ReportFormat | undefined
}

/**
 * The file to save or export to (`resolvePath`), never silently inside a demo's temporary folder
 * (removed, with everything in it, when the demo stops; a `--keep` folder does not count).
 *
 * A typed path there (browser mode, the CLI) is refused with `DEMO_FOLDER` unless the caller
 * says the person was warned (`allowDemoFolder`): the page shows the warning and asks again. A
 * path from a native dialog (Electron) is warned about through the dialog provider, because the
 * same operation also runs from the File menu, with no page to show a warning in; "Choose
 * another place" opens the save dialog again, Cancel ends with `CANCELLED`.
 */
export async function resolveSaveTarget(
  ctx: HandlerContext,
  path: string | undefined,
  purpose: 'save' | 'export',
  suggestedName: string,
  options: SaveTargetOptions = {},
): Promise<string> {
  const format = options.format ?? 'markdown'
  const kind = purpose === 'save' ? 'project' : format
  // Each round waits for the person; it ends when they choose a place, go on or cancel.
  for (;;) {
    const target = await resolvePath(ctx, path, purpose, suggestedName, format)
    const demoDir = await temporaryDemoFolderOf(target, ctx.demo.current, { registry: true })
    if (demoDir === null) return target
    if (path !== undefined || !ctx.dialogs) {
      if (options.allowDemoFolder) return target
      throw new AppError(
        'DEMO_FOLDER',
        `“${target}” is inside the demo's folder (${demoDir}), which is removed when the demo stops.`,
        { path: target, demoDir },
      )
    }
    const choice = await ctx.dialogs.confirmDemoFolder(target, demoDir, kind)
    if (choice === 'proceed') return target
    if (choice === 'cancel') throw new AppError('CANCELLED', 'No file was chosen.')
  }
}
