import type { MenuItemConstructorOptions } from 'electron'
import type { RecentEntry } from '../../shared/contract'

/** The CHT documentation page of the migration guide the wizard follows. */
export const MIGRATION_GUIDE_URL =
  'https://docs.communityhealthtoolkit.org/hosting/analytics/couch2pg-to-cht-sync-migration/'
/** The CHT Sync repository, for release notes and issues. */
export const CHT_SYNC_REPOSITORY_URL = 'https://github.com/medic/cht-sync'

/** The callbacks behind the menu items; the menu itself decides nothing. */
export interface MenuActions {
  newProject(): void
  open(): void
  openRecent(path: string): void
  save(): void
  saveAs(): void
  exportPlan(): void
  /** Shows the project's Settings page. */
  settings(): void
  close(): void
  /** Opens a documentation link through the URL guard (SEC-06). */
  openDocs(url: string): void
}

/** Everything the application menu is built from; it is rebuilt when any of it changes. */
export interface MenuInput {
  platform: NodeJS.Platform
  isPackaged: boolean
  appName: string
  hasProject: boolean
  recent: readonly RecentEntry[]
  actions: MenuActions
}

const separator: MenuItemConstructorOptions = { type: 'separator' }

/**
 * Builds the application menu template: a pure function of its input, so tests can read every
 * item and accelerator without Electron.
 *
 * File holds the project commands with the usual accelerators (Save, Save As, Export and Close
 * are disabled while no project is open); Edit is Electron's role menu so copy and paste work in
 * text fields; View offers reload and DevTools only in unpackaged builds; Help opens the CHT
 * migration guide in the system browser. On macOS the application menu comes first and holds Quit.
 */
export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin'
  const { actions, hasProject } = input
  const file: MenuItemConstructorOptions[] = [
    { label: 'New…', accelerator: 'CmdOrCtrl+N', click: () => actions.newProject() },
    { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
    { label: 'Open Recent', submenu: recentSubmenu(input) },
    separator,
    { label: 'Save', accelerator: 'CmdOrCtrl+S', enabled: hasProject, click: () => actions.save() },
    {
      label: 'Save As…',
      accelerator: 'Shift+CmdOrCtrl+S',
      enabled: hasProject,
      click: () => actions.saveAs(),
    },
    {
      label: 'Export…',
      accelerator: 'CmdOrCtrl+E',
      enabled: hasProject,
      click: () => actions.exportPlan(),
    },
    separator,
    ...(mac ? [] : [settingsItem(input), separator]),
    {
      label: 'Close',
      accelerator: 'CmdOrCtrl+W',
      enabled: hasProject,
      click: () => actions.close(),
    },
    ...(mac
      ? []
      : [separator, { label: 'Quit', role: 'quit', accelerator: 'CmdOrCtrl+Q' } as const]),
  ]
  const view: MenuItemConstructorOptions[] = [
    ...(input.isPackaged
      ? []
      : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator]),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    separator,
    { role: 'togglefullscreen' },
  ] as MenuItemConstructorOptions[]
  const help: MenuItemConstructorOptions[] = [
    {
      label: 'Migration Guide (CHT Documentation)',
      click: () => actions.openDocs(MIGRATION_GUIDE_URL),
    },
    { label: 'CHT Sync on GitHub', click: () => actions.openDocs(CHT_SYNC_REPOSITORY_URL) },
  ]
  return [
    ...(mac ? [appMenu(input)] : []),
    { label: 'File', submenu: file },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    ...(mac ? [{ role: 'windowMenu' } as const] : []),
    { role: 'help', label: 'Help', submenu: help },
  ]
}

function recentSubmenu(input: MenuInput): MenuItemConstructorOptions[] {
  if (input.recent.length === 0) return [{ label: 'No Recent Projects', enabled: false }]
  return input.recent.map((entry) => ({
    label: menuLabel(`${entry.name} — ${entry.path}`, input.platform),
    click: () => input.actions.openRecent(entry.path),
  }))
}

// Outside macOS, `&` marks a mnemonic in a label; a literal ampersand is written `&&`.
function menuLabel(text: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? text : text.replace(/&/g, '&&')
}

// Settings belong to the open project; macOS keeps them in the application menu.
function settingsItem(input: MenuInput): MenuItemConstructorOptions {
  return {
    label: 'Settings…',
    accelerator: 'CmdOrCtrl+,',
    enabled: input.hasProject,
    click: () => input.actions.settings(),
  }
}

function appMenu(input: MenuInput): MenuItemConstructorOptions {
  return {
    label: input.appName,
    submenu: [
      { role: 'about' },
      separator,
      settingsItem(input),
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  }
}
