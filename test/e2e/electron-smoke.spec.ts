import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

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
})
