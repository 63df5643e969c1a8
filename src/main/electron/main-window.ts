import { BrowserWindow } from 'electron'
import type { ProjectState } from '../../shared/project-schema'
import { createWindowOptions, type WindowExtras } from './window-options'
import { windowTitle } from './window-title'

/** How the main window is made, and what it asks before closing. */
export interface MainWindowOptions {
  preloadPath: string
  startUrl: string
  extras: WindowExtras
  /** Resolves true when the window may close (unsaved changes settled). */
  confirmLeave(): Promise<boolean>
  /** Called when the user cancelled the close, so a pending quit is called off. */
  onCloseCancelled(): void
  /** Maximized or full screen as it was last time (the bounds are in `extras`). */
  shown?: { maximized: boolean; fullScreen: boolean }
}

/**
 * Creates the main window from the one options factory (SEC-01) and loads the renderer.
 *
 * The window is shown on `ready-to-show`. The page's own `<title>` is ignored: the title always
 * shows the project (see `showProject`). Closing is held until `confirmLeave` settles any unsaved
 * changes; a second close request while the question is open is ignored.
 */
export function openMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow(createWindowOptions(options.preloadPath, options.extras))
  win.once('ready-to-show', () => {
    if (options.shown?.fullScreen) win.setFullScreen(true)
    else if (options.shown?.maximized) win.maximize()
    win.show()
  })
  win.on('page-title-updated', (event) => event.preventDefault())
  let mayClose = false
  let asking = false
  win.on('close', (event) => {
    if (mayClose) return
    event.preventDefault()
    if (asking) return
    asking = true
    void options
      .confirmLeave()
      .catch(() => false)
      .then((ok) => {
        asking = false
        if (!ok) return options.onCloseCancelled()
        mayClose = true
        if (!win.isDestroyed()) win.close()
      })
  })
  void win.loadURL(options.startUrl)
  return win
}

/** Shows the open project in the window chrome: title with dirty marker, macOS document state. */
export function showProject(win: BrowserWindow | null, project: ProjectState | null): void {
  if (!win || win.isDestroyed()) return
  win.setTitle(windowTitle(project))
  if (process.platform === 'darwin') {
    win.setDocumentEdited(project?.dirty ?? false)
    win.setRepresentedFilename(project?.path ?? '')
  }
}
