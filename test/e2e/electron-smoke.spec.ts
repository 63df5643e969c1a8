import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { seedPreferences } from './support/preferences'

const ROOT = resolve(__dirname, '../..')
const MAIN = join(ROOT, 'out/main/index.js')

/**
 * The Electron binary, when the electron package has downloaded it (it writes `dist/` and
 * `path.txt` only then). `require('electron')` is not used to find it: that starts a download.
 */
function electronBinary(): string | null {
  const packageDir = join(ROOT, 'node_modules/electron')
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

const binary = electronBinary()

/** A project file on disk, as a file manager would hand it to the app. */
const FIXTURE_PROJECT = join(ROOT, 'test/fixtures/projects/schema-2-with-connections.chtmig.json')
const FIXTURE_NAME = 'Kenya CHT Sync migration 2'

/**
 * Starts the built app with its own config folder (someone already named, so the first-run
 * question stays away); `files` go on the command line.
 */
async function launch(dir: string, files: string[] = []): Promise<ElectronApplication> {
  await seedPreferences(join(dir, 'config'))
  return electron.launch({
    executablePath: binary!,
    args: [MAIN, ...files],
    env: {
      ...process.env,
      CHT_MIGRATE_CONFIG_DIR: join(dir, 'config'),
      CHT_MIGRATE_PROJECT_DIR: join(dir, 'projects'),
    },
  })
}

interface MenuEntry {
  label: string
  accelerator: string | null
  items: MenuEntry[]
}

test.describe('Electron smoke test', () => {
  test.skip(
    binary === null,
    'No Electron binary on this machine (it is downloaded from GitHub, which is unreachable here); the same renderer is tested in browser mode',
  )

  test('opens a hardened window that renders the app', async () => {
    expect(existsSync(MAIN), 'run `npm run build` first').toBe(true)
    const configDir = mkdtempSync(join(tmpdir(), 'cht-migrate-electron-'))
    const app = await electron.launch({
      executablePath: binary!,
      args: [MAIN],
      env: {
        ...process.env,
        CHT_MIGRATE_CONFIG_DIR: join(configDir, 'config'),
        CHT_MIGRATE_PROJECT_DIR: join(configDir, 'projects'),
      },
    })
    try {
      const page = await app.firstWindow()
      // `getLastWebPreferences` is internal to Electron (absent from its typings), hence the cast.
      const preferences = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
          getLastWebPreferences(): Record<string, unknown>
        }
        return contents.getLastWebPreferences()
      })
      // SEC-01, read back from the running window.
      expect(preferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webviewTag: false,
        webSecurity: true,
      })
      await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
      expect(page.url()).toMatch(/^app:\/\/cht-migrate\//)
      // SEC-03: the page has the named api and no Node.
      const surface = await page.evaluate(() => {
        const page = globalThis as { api?: object; require?: unknown; process?: unknown }
        return {
          api: Object.keys(page.api ?? {}),
          require: typeof page.require,
          process: typeof page.process,
        }
      })
      expect(surface.api).toContain('project')
      expect(surface.api).toContain('onEvent')
      expect(surface.api).not.toContain('ipcRenderer')
      expect(surface.require).toBe('undefined')
      expect(surface.process).toBe('undefined')
    } finally {
      await app.close()
      rmSync(configDir, { recursive: true, force: true })
    }
  })

  test('opens a project file given on the command line, under native menus with accelerators', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-electron-'))
    const project = join(dir, 'Kenya plan.chtmig.json')
    copyFileSync(FIXTURE_PROJECT, project)
    const app = await launch(dir, [project])
    try {
      const page = await app.firstWindow()
      // The file named on the command line is open (an older schema, migrated on open).
      await expect(page.getByRole('heading', { name: 'What to do next' })).toBeVisible()
      await expect.poll(() => page.title()).toContain(FIXTURE_NAME)
      const title = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()[0]?.getTitle(),
      )
      expect(title).toContain(`${FIXTURE_NAME} — CHT Sync Migration Wizard`)
      const menu: MenuEntry[] = await app.evaluate(({ Menu }) => {
        type Item = { label: string; accelerator?: string | null; submenu?: { items: Item[] } }
        const read = (items: Item[]): MenuEntry[] =>
          items.map((i) => ({
            label: i.label,
            accelerator: i.accelerator ?? null,
            items: i.submenu ? read(i.submenu.items) : [],
          }))
        return read((Menu.getApplicationMenu()?.items ?? []) as unknown as Item[])
      })
      const file = menu.find((m) => m.label === 'File')
      expect(menu.map((m) => m.label)).toEqual(expect.arrayContaining(['File', 'View', 'Help']))
      const accelerator = (label: string) => file?.items.find((i) => i.label === label)?.accelerator
      expect(accelerator('Open…')).toBe('CmdOrCtrl+O')
      expect(accelerator('Save')).toBe('CmdOrCtrl+S')
      expect(accelerator('Export…')).toBe('CmdOrCtrl+E')
      // Open Recent lists the project just opened.
      const recent = file?.items.find((i) => i.label === 'Open Recent')?.items ?? []
      expect(recent.some((i) => i.label.includes(FIXTURE_NAME))).toBe(true)
      // SEC-09 read back from the live window: a remembered password is kept by the keychain
      // (or, where there is none, for this run only), and never in the clear on disk.
      const kept = await page.evaluate(async () => {
        type Sources = { canRemember: boolean; couch2pg: string }
        type Api = {
          connections: {
            setPassword(input: object): Promise<unknown>
            passwords(input: object): Promise<{ ok: boolean; value: Sources }>
          }
        }
        const api = (globalThis as unknown as { api: Api }).api
        await api.connections.setPassword({
          endpoint: 'couch2pg',
          password: 'smoke-test-secret-41',
          remember: true,
        })
        return api.connections.passwords({})
      })
      expect(kept.ok).toBe(true)
      const secretsFile = join(dir, 'config', 'secrets.json')
      if (kept.value.canRemember) {
        expect(kept.value.couch2pg).toBe('keychain')
        expect(readFileSync(secretsFile, 'utf8')).not.toContain('smoke-test-secret-41')
      } else {
        expect(kept.value.couch2pg).toBe('session')
        expect(existsSync(secretsFile)).toBe(false)
      }
      expect(readFileSync(project, 'utf8')).not.toContain('smoke-test-secret-41')
    } finally {
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('reopens the window where it was left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-electron-'))
    try {
      const bounds = { x: 40, y: 50, width: 1100, height: 720 }
      const first = await launch(dir)
      await first.firstWindow()
      await first.evaluate(({ BrowserWindow }, b) => {
        BrowserWindow.getAllWindows()[0]?.setBounds(b)
      }, bounds)
      await first.close()
      expect(existsSync(join(dir, 'config', 'window-state.json'))).toBe(true)
      const second = await launch(dir)
      try {
        await second.firstWindow()
        const reopened = await second.evaluate(({ BrowserWindow }) =>
          BrowserWindow.getAllWindows()[0]?.getNormalBounds(),
        )
        expect(reopened).toMatchObject({ width: bounds.width, height: bounds.height })
      } finally {
        await second.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
