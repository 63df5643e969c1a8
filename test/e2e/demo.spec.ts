import { existsSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, openApp, test } from './fixtures'
import { ActivityTray } from './pages/activity-tray'
import { ShellPage } from './pages/shell-page'
import { WelcomePage } from './pages/welcome-page'
import { expectNoViolations } from './support/axe'
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

test('the demo start is a job: progress in the card and the activity tray, re-attached after a reload, cancelled from the tray', async ({
  app,
}) => {
  test.setTimeout(300_000)
  const welcome = new WelcomePage(app)
  const tray = new ActivityTray(app)
  await welcome.expectShown()
  await welcome.demoButton.click()
  await expect(welcome.demoProgress).toBeVisible()
  await expect(welcome.demo.getByRole('status')).toContainText(/Starting|Loading documents/)
  await expect(tray.count).toHaveText('1 running')

  // A reload finds the start still running (jobs.list) and follows it again.
  await app.reload()
  await expect(app.locator('[data-app-state="ready"]')).toBeVisible()
  await expect(welcome.demoProgress).toBeVisible()
  await expect(tray.count).toHaveText('1 running')
  await tray.open()
  const job = tray.job('Starting the demo deployment')
  await expect(job).toBeVisible()
  await expect(job.getByTestId('job-elapsed')).toHaveText(/\d+ s/)
  await expectNoViolations(app, 'the activity tray with a running job')
  await app.screenshot({ path: test.info().outputPath('activity-tray-running.png') })

  await job.getByRole('button', { name: /^Cancel/ }).click()
  await expect(job.getByText('Cancelled', { exact: true })).toBeVisible({ timeout: 60_000 })
  await expect(welcome.demoButton).toBeVisible()
  expect((await demoStatus(app)).running).toBe(false)
  await job.getByRole('button', { name: /^Dismiss/ }).click()
  await expect(tray.toggle).toBeHidden()

  await welcome.demoButton.click()
  const shell = new ShellPage(app)
  await expect(shell.projectName).toHaveText('Demo deployment (small, 20,000 documents)', {
    timeout: 240_000,
  })
  expect((await demoStatus(app)).running).toBe(true)
  await tray.open()
  await expect(
    tray.job('Starting the demo deployment').getByText('Done', { exact: true }),
  ).toBeVisible()
})
