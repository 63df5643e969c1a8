import { mkdir } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ActivityTray } from './pages/activity-tray'
import { ParityPanel } from './pages/parity-page'
import { ShellPage } from './pages/shell-page'
import { expectNoViolations } from './support/axe'

/** Where the Parity page's screenshots go, for a person to look at. */
const SHOTS = '/tmp/shots'

/** Starts a small demo without injected differences, the way the page calls the engine. */
async function startQuietDemo(page: Page): Promise<void> {
  const reply = await page.evaluate(async () => {
    const response = await fetch('/api/op/demo.start', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ size: 'small', docs: 1500, discrepancies: 'none' }),
    })
    return (await response.json()) as { ok: boolean }
  })
  expect(reply.ok).toBe(true)
}

test('the Parity step sets up the suggested comparisons, runs them, and shows them all green', async ({
  app,
}) => {
  test.setTimeout(300_000)
  await mkdir(SHOTS, { recursive: true })
  await app.setViewportSize({ width: 1366, height: 768 })
  await startQuietDemo(app)
  const shell = new ShellPage(app)
  await expect(shell.projectName).toContainText('Demo deployment', { timeout: 240_000 })
  // The demo's project is adopted (and the overview shown) when its job ends.
  await expect(new ActivityTray(app).count).toHaveText('1 finished', { timeout: 240_000 })
  await shell.goToStep('parity')
  const parity = new ParityPanel(app)
  await parity.expectShown()
  await expect(parity.comparisons()).toHaveCount(0)
  await app.screenshot({ path: `${SHOTS}/parity-empty.png` })

  await parity.addSuggested.click()
  await expect(parity.comparisons()).toHaveCount(6, { timeout: 30_000 })
  await expect(parity.setUp.getByRole('status')).toHaveText('Added 6 comparisons.')
  await expect(parity.setUp.getByText('Not run yet')).toHaveCount(6)

  await parity.run.click()
  await expect(
    app.getByRole('status').filter({ hasText: 'All 6 comparisons passed.' }),
  ).toBeAttached({ timeout: 120_000 })
  await expect(parity.run).toBeEnabled()
  await expect(parity.setUp.getByText('Passed', { exact: true })).toHaveCount(6)

  for (const id of [
    'reports-per-form-month',
    'active-chws-per-month',
    'new-contacts-per-month',
    'deliveries-per-facility',
  ]) {
    const tile = parity.tile(id)
    await expect(tile.getByText('Passed', { exact: true })).toBeVisible()
    await expect(tile.getByTestId('tile-summary')).toHaveText(/^All \d+ groups match\.$/)
    await expect(tile.locator('tbody tr[data-differs="true"]')).toHaveCount(0)
    await expect(tile.getByRole('cell', { name: 'Matches' }).first()).toBeVisible()
  }
  await expect(parity.streak).toHaveText(/^Green for 1 day in a row \(14 days required\)\./)

  // A tile of more than 50 groups shows them all on request, rendering only the rows in view.
  const reports = parity.tile('reports-per-form-month')
  await reports.getByRole('button', { name: /^Show all \d+ groups$/ }).click()
  const all = reports.getByRole('region', { name: /: all \d+ groups$/ })
  await expect(all).toBeVisible()
  await expect(all.locator('tbody tr[aria-rowindex]').first()).toBeVisible()
  expect(await all.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(60)

  await app.screenshot({ path: `${SHOTS}/parity-after-run.png` })
  await parity.dashboard.scrollIntoViewIfNeeded()
  await app.screenshot({ path: `${SHOTS}/parity-dashboard.png` })
  await parity.streak.scrollIntoViewIfNeeded()
  await app.screenshot({ path: `${SHOTS}/parity-trend.png` })
  await app.screenshot({ path: `${SHOTS}/parity-full.png`, fullPage: true })
  await expectNoViolations(app, 'the Parity step after a run')

  // Keyboard: the remove buttons are reachable and named after their comparison.
  const remove = parity.setUp.getByRole('button', { name: 'Remove “Deliveries per facility”' })
  await remove.focus()
  await app.keyboard.press('Enter')
  await expect(parity.comparisons()).toHaveCount(5)
})
