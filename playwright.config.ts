import { defineConfig } from '@playwright/test'

const CHROMIUM = process.env.CHT_MIGRATE_CHROMIUM ?? '/usr/bin/chromium'

/**
 * End-to-end tests drive the real renderer through browser mode (`cht-migrate serve`) in Debian's
 * Chromium; the Electron smoke test runs only where an Electron binary exists.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['./test/e2e/support/skip-reasons-reporter.ts']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testIgnore: /electron-.*\.spec\.ts/,
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 860 },
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    { name: 'electron', testMatch: /electron-.*\.spec\.ts/ },
  ],
})
