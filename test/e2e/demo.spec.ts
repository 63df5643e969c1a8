import { existsSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, openApp, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { WelcomePage } from './pages/welcome-page'
import { startServe } from './support/serve'

/** The demo deployment from the browser: `serve --demo`, and the welcome screen's button. */

/** `demo.status`, asked the way the page asks the engine (same origin, its cookie). */
async function demoStatus(page: Page): Promise<{ running: boolean; dir: string | null }> {
  const reply = await page.evaluate(async () => {
    const response = await fetch('/api/op/demo.status', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    return (await response.json()) as { ok: boolean; value: { running: boolean; dir: string } }
  })
  expect(reply.ok).toBe(true)
  return reply.value
}

test('serve --demo opens the demo project, and stopping the server removes the demo', async ({
  page,
  dirs,
}) => {
  test.setTimeout(300_000)
  const serve = await startServe(dirs, {
    args: ['--demo'],
    startTimeoutMs: 240_000,
    stopTimeoutMs: 60_000,
  })
  let dir: string | null
  try {
    await openApp(page, serve.url)
    const shell = new ShellPage(page)
    await expect(shell.projectName).toHaveText('Demo deployment (small, 20,000 documents)')
    const status = await demoStatus(page)
    expect(status.running).toBe(true)
    dir = status.dir
    expect(dir && existsSync(dir)).toBe(true)
  } finally {
    await serve.stop()
  }
  expect(existsSync(dir!)).toBe(false)
})

test('the welcome screen starts the demo with progress, can cancel it, then lands on its project', async ({
  app,
}) => {
  test.setTimeout(300_000)
  const welcome = new WelcomePage(app)
  await welcome.expectShown()
  await welcome.demoButton.click()
  await expect(welcome.demoProgress).toBeVisible()
  await expect(welcome.demo.getByRole('status')).toContainText(/documents|Starting/)
  await welcome.demoCancel.click()
  await expect(welcome.demoButton).toBeVisible({ timeout: 60_000 })
  expect((await demoStatus(app)).running).toBe(false)
  await welcome.expectShown()

  await welcome.demoButton.click()
  const shell = new ShellPage(app)
  await expect(shell.projectName).toHaveText('Demo deployment (small, 20,000 documents)', {
    timeout: 240_000,
  })
  expect((await demoStatus(app)).running).toBe(true)
})
