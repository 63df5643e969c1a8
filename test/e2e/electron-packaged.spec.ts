import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, expect, test, type Page } from '@playwright/test'
import { ShellPage } from './pages/shell-page'
import { WelcomePage } from './pages/welcome-page'
import { seedPreferences } from './support/preferences'

const DIST = resolve(__dirname, '../../dist')
const PRODUCT = 'CHT Sync Migration Wizard'

/**
 * The program of an unpacked packaged app in dist/ (`npm run dist -- --dir`, on a machine that
 * can download Electron): Linux's `linux-unpacked/cht-migrate`, Windows' `win-unpacked/<product>.exe`
 * or the macOS bundle's program; null when there is none.
 */
function packagedProgram(): string | null {
  if (!existsSync(DIST)) return null
  for (const folder of readdirSync(DIST)) {
    const candidates = [
      join(DIST, folder, 'cht-migrate'),
      join(DIST, folder, `${PRODUCT}.exe`),
      join(DIST, folder, `${PRODUCT}.app`, 'Contents', 'MacOS', PRODUCT),
    ]
    const found = candidates.find((path) => existsSync(path))
    if (found) return found
  }
  return null
}

/** The DevTools address Chromium prints on stderr when started with a debugging port. */
function devtoolsAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let seen = ''
    const timer = setTimeout(() => reject(new Error(`no DevTools address:\n${seen}`)), 60_000)
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen)
      if (match) {
        clearTimeout(timer)
        resolvePromise(match[1]!)
      }
    })
    child.once('exit', (code) => reject(new Error(`the app exited with ${code}:\n${seen}`)))
  })
}

const program = packagedProgram()

test.describe('Packaged app', () => {
  test.skip(
    program === null,
    'No packaged app in dist/ (`npm run dist -- --dir` needs an Electron download, which this machine cannot make)',
  )

  // The fuses turn Node's inspector off in a packaged app (SEC-08), so Playwright's Electron
  // driver cannot attach: the window is reached over Chromium's DevTools protocol instead.
  test('starts the demo deployment from the packaged layout', async () => {
    test.setTimeout(300_000)
    const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-packaged-'))
    await seedPreferences(join(dir, 'config'))
    const child = spawn(program!, ['--remote-debugging-port=0'], {
      env: {
        ...process.env,
        CHT_MIGRATE_CONFIG_DIR: join(dir, 'config'),
        CHT_MIGRATE_PROJECT_DIR: join(dir, 'projects'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    try {
      const browser = await chromium.connectOverCDP(await devtoolsAddress(child))
      await expect
        .poll(() => browser.contexts().flatMap((c) => c.pages()).length, { timeout: 30_000 })
        .toBeGreaterThan(0)
      const page: Page = browser.contexts().flatMap((c) => c.pages())[0]!
      expect(page.url()).toMatch(/^app:\/\/cht-migrate\//)
      const welcome = new WelcomePage(page)
      await welcome.expectShown()
      // The demo runs PostgreSQL from app.asar.unpacked and the leveldb addon beside it.
      await welcome.demoButton.click()
      await expect(new ShellPage(page).projectName).toHaveText(/^Demo deployment/, {
        timeout: 240_000,
      })
      await browser.close()
    } finally {
      child.kill()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
