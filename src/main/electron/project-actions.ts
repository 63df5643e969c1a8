import type { MenuCommand } from '../../shared/events'
import type { AppErrorData, Result } from '../../shared/result'
import type { HandlerContext } from '../api/context'
import { dispatch, type Logger } from '../api/dispatch'
import type { UnsavedChoice } from './dialogs'

/** What the menu actions need from the rest of the Electron face. */
export interface ActionDeps {
  ctx: HandlerContext
  /** Shows the Save / Don't Save / Cancel box for the named project. */
  askUnsaved(projectName: string): Promise<UnsavedChoice>
  /** Shows an operation's error to the user (the menu has no page to show it in). */
  showError(title: string, error: AppErrorData): Promise<void>
  /** Sends a menu command to the page (`menu.command` event). */
  sendMenuCommand(command: MenuCommand): void
  /** Lets one typed open of `path` through the SEC-10 rule (command-line files). */
  allowPathOnce(path: string): void
  log?: Logger
}

/** The File menu's actions and the window's close guard, all going through `dispatch`. */
export interface ProjectActions {
  newProject(): Promise<void>
  open(): Promise<void>
  /** Opens a known path: an Open Recent entry, or a file named on the command line. */
  openPath(path: string, source: 'recent' | 'command-line'): Promise<void>
  save(): Promise<void>
  saveAs(): Promise<void>
  /** Opens the page's Export dialog (the plan as PDF, JSON, Markdown or CSV). */
  exportPlan(): void
  /** Shows the open project's Settings page. */
  settings(): void
  close(): Promise<void>
  /** Before the window closes or the app quits: true when nothing unsaved stands in the way. */
  confirmLeave(): Promise<boolean>
}

interface Settled {
  proceed: boolean
  discard: boolean
}

/**
 * Builds the actions behind the File menu and the window's close button.
 *
 * Every action calls the same operation the page would call, through `dispatch`, so no handler
 * logic is repeated here; open, save and export pass no path, so the native dialogs choose it
 * (SEC-10). Before anything that would lose unsaved changes (New, Open, Close, closing the
 * window, quitting), a pending autosave is flushed first; only changes still unsaved after that
 * (an untitled project, a failed write) bring up Save / Don't Save / Cancel. Errors other than a
 * dismissed dialog are shown to the user.
 */
export function createProjectActions(deps: ActionDeps): ProjectActions {
  const { ctx } = deps
  const run = (op: string, input: unknown): Promise<Result<unknown>> => dispatch(op, input, ctx)

  const report = async (title: string, result: Result<unknown>): Promise<boolean> => {
    if (result.ok) return true
    if (result.error.code !== 'CANCELLED') await deps.showError(title, result.error)
    return false
  }

  const settleUnsaved = async (): Promise<Settled> => {
    try {
      await ctx.project.flush()
    } catch (e) {
      deps.log?.('autosave flush failed before leaving the project', e)
    }
    const current = ctx.project.state
    if (!current?.dirty) return { proceed: true, discard: false }
    const choice = await deps.askUnsaved(current.document.name)
    if (choice === 'cancel') return { proceed: false, discard: false }
    if (choice === 'discard') return { proceed: true, discard: true }
    const saved = await report('The project could not be saved', await run('project.save', {}))
    return { proceed: saved, discard: false }
  }

  const discardFlag = (settled: Settled) => (settled.discard ? { discardChanges: true } : {})

  return {
    async newProject() {
      const settled = await settleUnsaved()
      if (!settled.proceed) return
      if (settled.discard) {
        const closed = await run('project.close', { discardChanges: true })
        if (!(await report('The project could not be closed', closed))) return
      }
      deps.sendMenuCommand('new')
    },
    async open() {
      const settled = await settleUnsaved()
      if (!settled.proceed) return
      await report(
        'The project could not be opened',
        await run('project.open', discardFlag(settled)),
      )
    },
    async openPath(path, source) {
      const settled = await settleUnsaved()
      if (!settled.proceed) return
      if (source === 'command-line') deps.allowPathOnce(path)
      const input = { path, ...discardFlag(settled) }
      await report('The project could not be opened', await run('project.open', input))
    },
    async save() {
      await report('The project could not be saved', await run('project.save', {}))
    },
    async saveAs() {
      await report('The project could not be saved', await run('project.saveAs', {}))
    },
    exportPlan() {
      // The page chooses the format and runs the export as a job with progress and Cancel; the
      // engine asks for the file with the native save dialog.
      deps.sendMenuCommand('export')
    },
    settings() {
      deps.sendMenuCommand('settings')
    },
    async close() {
      const settled = await settleUnsaved()
      if (!settled.proceed) return
      await report(
        'The project could not be closed',
        await run('project.close', discardFlag(settled)),
      )
    },
    async confirmLeave() {
      const settled = await settleUnsaved()
      // Don't Save: the changes are dropped for good, so no autosaved copy of them is kept
      // for the next start to offer.
      if (settled.proceed && settled.discard) {
        await report(
          'The project could not be closed',
          await run('project.close', { discardChanges: true }),
        )
      }
      return settled.proceed
    },
  }
}
