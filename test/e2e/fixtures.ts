import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { seedPreferences } from './support/preferences'
import { startServe, type RunningServe, type ServeDirs } from './support/serve'

export interface ServeFixture extends RunningServe {
  /** Stops the server and starts a new one on the same config and project folders. */
  restart(): Promise<RunningServe>
}

interface Fixtures {
  /**
   * Whether `dirs` starts with preferences of someone who said who they are (`E2E_IDENTITY`), so
   * the first-run question stays away; `test.use({ seedPreferences: false })` for a first run.
   */
  seedPreferences: boolean
  /** A fresh temporary folder for this test, removed afterwards. */
  workDir: string
  dirs: ServeDirs
  /** Browser mode, started for this test and stopped after it. */
  serve: ServeFixture
  /** The page, opened on the served wizard and ready (`data-app-state="ready"`). */
  app: Page
}

/** Opens the served address (with its token) and waits for the app's ready marker. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
}

export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from its destructuring: none here.
  // eslint-disable-next-line no-empty-pattern
  workDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'cht-migrate-e2e-'))
    await use(dir)
    await rm(dir, { recursive: true, force: true })
  },
  seedPreferences: [true, { option: true }],
  dirs: async ({ workDir, seedPreferences: seed }, use) => {
    const dirs = { configDir: join(workDir, 'config'), projectDir: join(workDir, 'projects') }
    await mkdir(dirs.configDir, { recursive: true })
    await mkdir(dirs.projectDir, { recursive: true })
    if (seed) await seedPreferences(dirs.configDir)
    await use(dirs)
  },
  serve: async ({ dirs }, use) => {
    let current = await startServe(dirs)
    const fixture: ServeFixture = {
      get url() {
        return current.url
      },
      get origin() {
        return current.origin
      },
      get port() {
        return current.port
      },
      stop: () => current.stop(),
      kill: () => current.kill(),
      restart: async () => {
        await current.stop()
        current = await startServe(dirs)
        return current
      },
    }
    await use(fixture)
    await current.stop()
  },
  app: async ({ page, serve }, use) => {
    await openApp(page, serve.url)
    await use(page)
  },
})

export { expect }
