import type { BrowserWindowConstructorOptions } from 'electron'
import { PRODUCT_NAME } from './window-title'
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, type Rect } from './window-state'

/** Optional extras of the main window that depend on how the app was started. */
export interface WindowExtras {
  /** Window icon (Linux and Windows; macOS takes the bundle icon). */
  icon?: string
  /** False in packaged builds, so DevTools cannot be opened at all. */
  devTools?: boolean
  /** Where the window opens (see `placeWindow`); the default size, centred, without it. */
  bounds?: Partial<Rect> & { width: number; height: number }
}

/**
 * Builds the options of every window the app opens, with the web preferences of SEC-01 spelled out.
 *
 * Each security setting is written explicitly, even where it equals Electron's current default, so
 * a change of defaults cannot weaken the app and a unit test can check every value. The window
 * starts hidden and is shown on `ready-to-show`, so no blank frame flashes.
 */
export function createWindowOptions(
  preloadPath: string,
  extras: WindowExtras = {},
): BrowserWindowConstructorOptions {
  return {
    title: PRODUCT_NAME,
    ...(extras.bounds ?? DEFAULT_WINDOW_SIZE),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    ...(extras.icon ? { icon: extras.icon } : {}),
    webPreferences: {
      preload: preloadPath,
      // SEC-01: isolated, sandboxed renderer without Node.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      devTools: extras.devTools ?? true,
    },
  }
}
