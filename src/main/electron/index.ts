/// <reference types="electron-vite/node" />
/**
 * The Electron face: wires the window, IPC, menu and dialogs to the shared handler table.
 *
 * Order matters: the `app:` scheme is declared before `ready`; the session's CSP and permission
 * rules and the navigation lock are in place before the first window exists; IPC is registered
 * before the page loads. Set `CHT_MIGRATE_CONFIG_DIR` to keep preferences elsewhere (tests).
 *
 * @packageDocumentation
 */
import { join } from 'node:path'
import { app, BrowserWindow, Menu, protocol, screen, session, shell } from 'electron'
import icon from '../../../resources/icon.png?asset'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import type { RecentEntry } from '../../shared/contract'
import type { HandlerContext } from '../api/context'
import { createHandlerContext } from '../api/create-context'
import { APP_START_URL, isSameAppOrigin, registerAppScheme, serveRenderer } from './app-protocol'
import { installAsarUnpacked } from './asar-unpacked'
import { projectPathFromArgs } from './command-line'
import { askUnsavedChanges, createDialogProvider, showErrorMessage } from './dialogs'
import { createSenderCheck, registerIpcHandlers, sendEvent } from './ipc'
import { createKeychainSecretStore } from './keychain-secret-store'
import { openMainWindow, showProject } from './main-window'
import { buildMenuTemplate } from './menu'
import { createOsRecentSync } from './os-recent'
import { createProjectActions, type ProjectActions } from './project-actions'
import { applySessionSecurity, devContentSecurityPolicy, hardenAllWebContents } from './security'
import { createTypedPathPolicy } from './typed-path-policy'
import { allowedExternalUrl } from './url-guard'
import { PRODUCT_NAME } from './window-title'
import {
  placeWindow,
  readWindowState,
  trackWindowState,
  writeWindowState,
  type WindowState,
} from './window-state'

// Until the engine (and its log file) exists, the few things that can fail go to stderr.
let log: (message: string, error?: unknown) => void = (message, error) => {
  process.stderr.write(`[cht-migrate] ${message} ${error instanceof Error ? error.message : ''}\n`)
}
const openExternal = (url: string) =>
  void shell.openExternal(url).catch((e) => log('openExternal failed', e))

let mainWindow: BrowserWindow | null = null
let quitRequested = false
let pendingPath: string | null = projectPathFromArgs(process.argv.slice(1), process.cwd())
let whenStarted: ((path: string) => void) | null = null

registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
    const path = projectPathFromArgs(argv.slice(1), workingDirectory)
    if (path) openFromOutside(path)
  })
  // macOS hands files opened from the Finder to the running app, possibly before `ready`.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    openFromOutside(path)
  })
  app
    .whenReady()
    .then(start)
    .catch((e) => {
      log('the app could not start', e)
      app.exit(1)
    })
}

function openFromOutside(path: string): void {
  if (whenStarted) whenStarted(path)
  else pendingPath = path
}

async function start(): Promise<void> {
  // The demo's PostgreSQL binaries run from app.asar.unpacked (see asar-unpacked.ts).
  if (app.isPackaged) installAsarUnpacked(process.resourcesPath)
  if (process.platform === 'win32') app.setAppUserModelId('org.communityhealthtoolkit.cht-migrate')
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  const startUrl = devUrl ?? APP_START_URL
  applySessionSecurity(
    session.defaultSession,
    devUrl ? devContentSecurityPolicy(CONTENT_SECURITY_POLICY, devUrl) : CONTENT_SECURITY_POLICY,
  )
  if (!devUrl) serveRenderer(protocol, join(__dirname, '../renderer'))
  hardenAllWebContents(app, { startUrl, openExternal })

  const getWindow = () => mainWindow
  // The dialogs and the typed-path rule read the context, which is built with them.
  const late: { ctx?: HandlerContext } = {}
  const requireCtx = (): HandlerContext => {
    if (!late.ctx) throw new Error('the handler context is not ready')
    return late.ctx
  }
  const paths = createTypedPathPolicy(() => requireCtx().prefs)
  const configDir = process.env.CHT_MIGRATE_CONFIG_DIR?.trim() || app.getPath('userData')
  const context = await createHandlerContext({
    face: 'electron',
    configDir,
    // SEC-09: passwords in the OS keychain through safeStorage, or for this run only.
    secrets: createKeychainSecretStore({ dir: configDir, log: (m, e) => log(m, e) }),
    dialogs: createDialogProvider({ getWindow, defaultDir: () => requireCtx().defaultProjectDir }),
    // SEC-10: a path typed in the page is accepted only to reopen a recent project.
    acceptTypedPath: (path, purpose) => paths.accept(path, purpose),
  })
  late.ctx = context
  log = (message, error) => context.log.error(message, error)

  const actions = createProjectActions({
    ctx: context,
    askUnsaved: (name) => askUnsavedChanges(getWindow(), name),
    showError: (title, error) => showErrorMessage(getWindow(), title, error.message),
    sendMenuCommand: (command) => sendEvent(getWindow(), { type: 'menu.command', command }),
    allowPathOnce: (path) => paths.allowOnce(path),
    log,
  })
  const refreshMenu = createMenuRefresher(
    context,
    actions,
    createOsRecentSync(app, process.platform),
  )

  registerIpcHandlers({
    ctx: context,
    isTrustedSender: createSenderCheck(getWindow, (url) => isSameAppOrigin(url, startUrl)),
    log,
    afterCall: refreshMenu,
  })
  context.events.subscribe((event) => {
    sendEvent(getWindow(), event)
    if (event.type === 'project.changed' || event.type === 'project.patched') {
      showProject(getWindow(), context.project.state)
      refreshMenu()
    }
  })

  // The window opens where it was left, if that place is still on a display.
  let windowState: WindowState | null = await readWindowState(configDir)
  const rememberWindow = (state: WindowState) => {
    windowState = state
    writeWindowState(configDir, state).catch((e) => log('the window state was not saved', e))
  }
  const createWindow = () => {
    const placement = placeWindow(
      windowState,
      screen.getAllDisplays().map((display) => display.workArea),
    )
    mainWindow = openMainWindow({
      preloadPath: join(__dirname, '../preload/index.cjs'),
      startUrl,
      extras: { icon, devTools: !app.isPackaged, bounds: placement.bounds },
      shown: placement,
      confirmLeave: () => actions.confirmLeave(),
      onCloseCancelled: () => {
        quitRequested = false
      },
    })
    trackWindowState(mainWindow, rememberWindow)
    mainWindow.on('closed', () => {
      mainWindow = null
    })
    showProject(mainWindow, context.project.state)
  }
  installQuitHandling(context, createWindow)
  refreshMenu()
  createWindow()

  whenStarted = (path) => void actions.openPath(path, 'command-line')
  if (pendingPath) whenStarted(pendingPath)
  pendingPath = null
}

/**
 * Rebuilds the application menu when the open project or the recent list has changed, and keeps
 * the operating system's recent documents in step with the list.
 */
function createMenuRefresher(
  ctx: HandlerContext,
  actions: ProjectActions,
  syncOsRecent: (recent: readonly RecentEntry[]) => void,
): () => void {
  let shown = ''
  return () => {
    const recent = ctx.prefs.get().recent
    syncOsRecent(recent)
    const hasProject = ctx.project.state !== null
    const key = JSON.stringify([hasProject, recent])
    if (key === shown) return
    shown = key
    const template = buildMenuTemplate({
      platform: process.platform,
      isPackaged: app.isPackaged,
      appName: PRODUCT_NAME,
      hasProject,
      recent,
      actions: {
        newProject: () => void actions.newProject(),
        open: () => void actions.open(),
        openRecent: (path) => void actions.openPath(path, 'recent'),
        save: () => void actions.save(),
        saveAs: () => void actions.saveAs(),
        exportPlan: () => actions.exportPlan(),
        settings: () => actions.settings(),
        close: () => void actions.close(),
        openDocs: (url) => {
          const allowed = allowedExternalUrl(url)
          if (allowed) openExternal(allowed)
        },
      },
    })
    Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  }
}

/**
 * Quits when the window is gone (macOS keeps the app in the dock unless Quit was chosen), and
 * writes any pending autosave (and stops a demo deployment) before the process exits.
 */
function installQuitHandling(ctx: HandlerContext, createWindow: () => void): void {
  app.on('before-quit', () => {
    quitRequested = true
  })
  // A hangup (the terminal or SSH session that started the app is gone) would end the process
  // at once, leaving the demo's PostgreSQL and folder behind: quit the normal way instead.
  process.on('SIGHUP', () => {
    if (!quitRequested) app.quit()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' || quitRequested) app.quit()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
  let disposed = false
  app.on('will-quit', (event) => {
    if (disposed) return
    event.preventDefault()
    // The engine writes the last autosave, stops the demo deployment and ends its workers.
    void ctx.dispose().finally(() => {
      disposed = true
      app.quit()
    })
  })
}
