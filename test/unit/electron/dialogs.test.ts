import { homedir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'

const dialog = vi.hoisted(() => ({
  showOpenDialog: vi.fn(),
  showSaveDialog: vi.fn(),
  showMessageBox: vi.fn(),
}))
vi.mock('electron', () => ({ dialog }))

import {
  askUnsavedChanges,
  createDialogProvider,
  demoFolderMessage,
  existingDir,
  projectFilter,
  suggestedFileName,
} from '../../../src/main/electron/dialogs'

const win = { isDestroyed: () => false } as unknown as BrowserWindow
const provider = createDialogProvider({ getWindow: () => win, defaultDir: () => homedir() })

beforeEach(() => {
  dialog.showOpenDialog.mockReset()
  dialog.showSaveDialog.mockReset()
  dialog.showMessageBox.mockReset()
})

describe('createDialogProvider (SEC-10)', () => {
  it('opens a project with a dialog attached to the window, filtered to project files', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/p/a.chtmig.json'] })
    expect(await provider.chooseOpenPath()).toBe('/p/a.chtmig.json')
    const [parent, options] = dialog.showOpenDialog.mock.calls[0]!
    expect(parent).toBe(win)
    expect(options).toMatchObject({ defaultPath: homedir(), properties: ['openFile'] })
    expect(options.filters[0]).toEqual(projectFilter())
  })

  it('returns null when the open dialog is dismissed', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] })
    expect(await provider.chooseOpenPath()).toBeNull()
  })

  it('suggests a file name from the project name when saving', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/p/x.chtmig.json' })
    expect(await provider.chooseSavePath('Kenya: phase 1', 'project')).toBe('/p/x.chtmig.json')
    const [, options] = dialog.showSaveDialog.mock.calls[0]!
    expect(options.defaultPath).toBe(join(homedir(), 'Kenya- phase 1.chtmig.json'))
  })

  it('offers a Markdown file for exports, and null when dismissed', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' })
    expect(await provider.chooseSavePath('Kenya', 'markdown')).toBeNull()
    const [, options] = dialog.showSaveDialog.mock.calls[0]!
    expect(options.defaultPath).toBe(join(homedir(), 'kenya-summary.md'))
    expect(options.filters).toEqual([{ name: 'Markdown', extensions: ['md'] }])
  })

  it('offers the file type of the plan export asked for', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/p/k.pdf' })
    expect(await provider.chooseSavePath('Kenya', 'pdf')).toBe('/p/k.pdf')
    const [, options] = dialog.showSaveDialog.mock.calls[0]!
    expect(options.defaultPath).toBe(join(homedir(), 'kenya-plan.pdf'))
    expect(options.filters).toEqual([{ name: 'PDF', extensions: ['pdf'] }])
  })

  it('shows a free-standing dialog when no window is open', async () => {
    const alone = createDialogProvider({ getWindow: () => null, defaultDir: () => homedir() })
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/x.chtmig.json'] })
    await alone.chooseOpenPath()
    expect(dialog.showOpenDialog.mock.calls[0]).toHaveLength(1)
  })
})

describe('suggestedFileName', () => {
  it('replaces characters file systems refuse and caps the length', () => {
    expect(suggestedFileName('a/b\\c:d*e?"f"<g>|h', 'project')).toBe(
      'a-b-c-d-e--f--g--h.chtmig.json',
    )
    expect(suggestedFileName('x'.repeat(300), 'project')).toBe(`${'x'.repeat(100)}.chtmig.json`)
  })

  it('names an export after the project and its format', () => {
    expect(suggestedFileName('Kenya: phase 1', 'pdf')).toBe('kenya-phase-1-plan.pdf')
    expect(suggestedFileName('Kenya', 'markdown')).toBe('kenya-summary.md')
    expect(suggestedFileName('Kenya', 'csv-checks')).toBe('kenya-checks.csv')
    expect(suggestedFileName('x'.repeat(300), 'json')).toBe(`${'x'.repeat(60)}-plan.json`)
  })

  it('drops control characters and leading dots, and falls back to "migration"', () => {
    expect(suggestedFileName('..hidden\u0000\n name', 'project')).toBe('hidden name.chtmig.json')
    expect(suggestedFileName('   ', 'project')).toBe('migration.chtmig.json')
  })
})

describe('projectFilter', () => {
  it('filters *.chtmig.json, or .json on macOS where only the last extension counts', () => {
    expect(projectFilter('linux').extensions).toEqual(['chtmig.json'])
    expect(projectFilter('win32').extensions).toEqual(['chtmig.json'])
    expect(projectFilter('darwin').extensions).toEqual(['json'])
  })
})

describe('existingDir', () => {
  it('falls back to the parent, then the home folder', () => {
    const exists = (path: string) => path === '/home/a/Documents'
    expect(existingDir('/home/a/Documents', exists)).toBe('/home/a/Documents')
    expect(existingDir('/home/a/Documents/CHT migrations', exists)).toBe('/home/a/Documents')
    expect(existingDir('/nowhere/at/all', exists)).toBe(homedir())
  })
})

describe('askUnsavedChanges', () => {
  it.each([
    [0, 'save'],
    [1, 'discard'],
    [2, 'cancel'],
  ] as const)('maps button %i to %s', async (response, choice) => {
    dialog.showMessageBox.mockResolvedValue({ response, checkboxChecked: false })
    expect(await askUnsavedChanges(win, 'Kenya')).toBe(choice)
  })

  it('offers Save, Don’t Save and Cancel, with Cancel as the escape answer', async () => {
    dialog.showMessageBox.mockResolvedValue({ response: 2, checkboxChecked: false })
    await askUnsavedChanges(win, 'Kenya')
    const [parent, options] = dialog.showMessageBox.mock.calls[0]!
    expect(parent).toBe(win)
    expect(options).toMatchObject({
      buttons: ['Save', 'Don’t Save', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
    })
    expect(options.message).toContain('Kenya')
  })
})

describe('confirmDemoFolder', () => {
  it.each([
    [0, 'elsewhere'],
    [1, 'proceed'],
    [2, 'cancel'],
    [7, 'cancel'],
  ] as const)('maps button %i to %s', async (response, choice) => {
    dialog.showMessageBox.mockResolvedValue({ response, checkboxChecked: false })
    expect(await provider.confirmDemoFolder('/tmp/d/x.md', '/tmp/d', 'markdown')).toBe(choice)
  })

  it('warns that the folder goes with the demo, "Choose another place" first, Escape cancels', async () => {
    dialog.showMessageBox.mockResolvedValue({ response: 0, checkboxChecked: false })
    await provider.confirmDemoFolder('/tmp/d/copy.chtmig.json', '/tmp/d', 'project')
    const [parent, options] = dialog.showMessageBox.mock.calls[0]!
    expect(parent).toBe(win)
    expect(options).toMatchObject({
      type: 'warning',
      buttons: ['Choose another place', 'Save here anyway', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      message: 'This folder is removed when the demo stops',
    })
    expect(options.detail).toContain('/tmp/d/copy.chtmig.json')
    expect(options.detail).toContain('(/tmp/d)')
    expect(demoFolderMessage('/tmp/d/x.md', '/tmp/d', 'markdown').buttons).toContain(
      'Export here anyway',
    )
  })
})
