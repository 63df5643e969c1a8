import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import {
  buildMenuTemplate,
  MIGRATION_GUIDE_URL,
  type MenuActions,
  type MenuInput,
} from '../../../src/main/electron/menu'
import { isAllowedExternalUrl } from '../../../src/main/electron/url-guard'

// menu.ts must stay a pure template builder (electron types only): no electron mock here, so an
// accidental run-time import of electron would make this file fail.

const actions = (): MenuActions => ({
  newProject: vi.fn(),
  open: vi.fn(),
  openRecent: vi.fn(),
  save: vi.fn(),
  saveAs: vi.fn(),
  exportPlan: vi.fn(),
  settings: vi.fn(),
  close: vi.fn(),
  openDocs: vi.fn(),
})

const build = (overrides: Partial<MenuInput> = {}) => {
  const input: MenuInput = {
    platform: 'linux',
    isPackaged: true,
    appName: 'CHT Sync Migration Wizard',
    hasProject: true,
    recent: [],
    actions: actions(),
    ...overrides,
  }
  return { input, template: buildMenuTemplate(input) }
}

const submenu = (template: MenuItemConstructorOptions[], label: string) => {
  const menu = template.find((item) => item.label === label)
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[]
}
const item = (items: MenuItemConstructorOptions[], label: string) => {
  const found = items.find((i) => i.label === label)
  if (!found) throw new Error(`no menu item "${label}"`)
  return found
}
// The template's click handlers ignore Electron's (item, window, event) arguments.
const click = (entry: MenuItemConstructorOptions) => (entry.click as (() => void) | undefined)?.()

describe('buildMenuTemplate: File', () => {
  it.each([
    ['New…', 'CmdOrCtrl+N'],
    ['Open…', 'CmdOrCtrl+O'],
    ['Save', 'CmdOrCtrl+S'],
    ['Save As…', 'Shift+CmdOrCtrl+S'],
    ['Export…', 'CmdOrCtrl+E'],
    ['Settings…', 'CmdOrCtrl+,'],
    ['Close', 'CmdOrCtrl+W'],
    ['Quit', 'CmdOrCtrl+Q'],
  ])('has %s on %s', (label, accelerator) => {
    expect(item(submenu(build().template, 'File'), label).accelerator).toBe(accelerator)
  })

  it('lists the items in the usual order, with Quit as the quit role', () => {
    const file = submenu(build().template, 'File')
    const labels = file.filter((i) => i.type !== 'separator').map((i) => i.label)
    expect(labels).toEqual([
      'New…',
      'Open…',
      'Open Recent',
      'Save',
      'Save As…',
      'Export…',
      'Settings…',
      'Close',
      'Quit',
    ])
    expect(item(file, 'Quit').role).toBe('quit')
  })

  it('calls the matching action for each item', () => {
    const { input, template } = build()
    const file = submenu(template, 'File')
    const pairs: [string, keyof MenuActions][] = [
      ['New…', 'newProject'],
      ['Open…', 'open'],
      ['Save', 'save'],
      ['Save As…', 'saveAs'],
      ['Export…', 'exportPlan'],
      ['Settings…', 'settings'],
      ['Close', 'close'],
    ]
    for (const [label, action] of pairs) {
      click(item(file, label))
      expect(input.actions[action]).toHaveBeenCalledTimes(1)
    }
  })

  it('disables the project commands while no project is open', () => {
    const file = submenu(build({ hasProject: false }).template, 'File')
    for (const label of ['Save', 'Save As…', 'Export…', 'Settings…', 'Close']) {
      expect(item(file, label).enabled).toBe(false)
    }
    expect(item(file, 'New…').enabled).not.toBe(false)
    expect(item(file, 'Open…').enabled).not.toBe(false)
  })

  it('builds Open Recent from the recent list', () => {
    const recent = [
      { path: '/p/kenya.chtmig.json', name: 'Kenya & Uganda', openedAt: '2026-01-01T00:00:00Z' },
      { path: '/p/nepal.chtmig.json', name: 'Nepal', openedAt: '2026-01-02T00:00:00Z' },
    ]
    const { input, template } = build({ recent })
    const entries = item(submenu(template, 'File'), 'Open Recent')
      .submenu as MenuItemConstructorOptions[]
    expect(entries.map((e) => e.label)).toEqual([
      'Kenya && Uganda — /p/kenya.chtmig.json',
      'Nepal — /p/nepal.chtmig.json',
    ])
    click(entries[1]!)
    expect(input.actions.openRecent).toHaveBeenCalledWith('/p/nepal.chtmig.json')
  })

  it('shows a disabled placeholder when nothing was opened yet', () => {
    const entries = item(submenu(build().template, 'File'), 'Open Recent')
      .submenu as MenuItemConstructorOptions[]
    expect(entries).toEqual([{ label: 'No Recent Projects', enabled: false }])
  })
})

describe('buildMenuTemplate: the other menus', () => {
  const roles = (items: MenuItemConstructorOptions[]) => items.map((i) => i.role).filter(Boolean)

  it('has the Edit role menu', () => {
    expect(build().template.some((m) => m.role === 'editMenu')).toBe(true)
  })

  it('offers reload and DevTools only in unpackaged builds', () => {
    const packaged = roles(submenu(build({ isPackaged: true }).template, 'View'))
    expect(packaged).not.toContain('reload')
    expect(packaged).not.toContain('toggleDevTools')
    expect(packaged).toContain('togglefullscreen')
    expect(roles(submenu(build({ isPackaged: false }).template, 'View'))).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    )
  })

  it('links Help to the CHT migration guide, a URL the guard allows', () => {
    const { input, template } = build()
    const help = submenu(template, 'Help')
    click(help[0]!)
    expect(input.actions.openDocs).toHaveBeenCalledWith(MIGRATION_GUIDE_URL)
    expect(MIGRATION_GUIDE_URL).toBe(
      'https://docs.communityhealthtoolkit.org/hosting/analytics/couch2pg-to-cht-sync-migration/',
    )
    for (const entry of help) {
      click(entry)
    }
    for (const [url] of vi.mocked(input.actions.openDocs).mock.calls) {
      expect(isAllowedExternalUrl(url)).toBe(true)
    }
  })

  it('puts Quit in the application menu on macOS, not in File', () => {
    const { template } = build({ platform: 'darwin' })
    expect(template[0]?.label).toBe('CHT Sync Migration Wizard')
    const appItems = template[0]?.submenu as MenuItemConstructorOptions[]
    expect(appItems.find((i) => i.role === 'quit')?.accelerator).toBe('CmdOrCtrl+Q')
    expect(submenu(template, 'File').some((i) => i.role === 'quit')).toBe(false)
    expect(item(submenu(template, 'File'), 'Save').accelerator).toBe('CmdOrCtrl+S')
    // Settings sit in the application menu on macOS, with the usual Command-comma.
    expect(item(appItems, 'Settings…').accelerator).toBe('CmdOrCtrl+,')
    expect(submenu(template, 'File').some((i) => i.label === 'Settings…')).toBe(false)
  })

  it('keeps ampersands literal on macOS', () => {
    const recent = [{ path: '/p/a.chtmig.json', name: 'A & B', openedAt: '2026-01-01T00:00:00Z' }]
    const entries = item(
      submenu(build({ platform: 'darwin', recent }).template, 'File'),
      'Open Recent',
    ).submenu as MenuItemConstructorOptions[]
    expect(entries[0]?.label).toBe('A & B — /p/a.chtmig.json')
  })
})
