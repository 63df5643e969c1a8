import { mkdir } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ParityPanel } from './pages/parity-page'
import { ShellPage } from './pages/shell-page'
import { expectNoViolations } from './support/axe'
import { startSmallDemo } from './support/demo'

/** Where the Parity page's screenshots go, for a person to look at. */
const SHOTS = '/tmp/shots'

/** Starts a small demo (the way the page calls the engine) and opens its Parity step. */
async function startDemo(page: Page, discrepancies: 'none' | 'injected'): Promise<ParityPanel> {
  await startSmallDemo(page, { discrepancies })
  await new ShellPage(page).goToStep('parity')
  const parity = new ParityPanel(page)
  await parity.expectShown()
  return parity
}

test('the Parity step sets up the suggested comparisons, runs them, and shows them all green', async ({
  app,
}) => {
  test.setTimeout(300_000)
  await mkdir(SHOTS, { recursive: true })
  await app.setViewportSize({ width: 1366, height: 768 })
  const parity = await startDemo(app, 'none')
  await expect(parity.comparisons()).toHaveCount(0)
  // The demo has the three connections: document parity is ready to run.
  await expect(parity.documents.getByTestId('documents-empty')).toHaveText(/^Not run yet/)
  await app.screenshot({ path: `${SHOTS}/parity-empty.png` })

  await parity.addSuggested.click()
  await expect(parity.comparisons()).toHaveCount(6, { timeout: 30_000 })
  await expect(
    parity.setUp.getByRole('status').filter({ hasText: 'Added 6 comparisons.' }),
  ).toBeVisible()
  await expect(parity.setUp.getByText('Not run yet')).toHaveCount(6)

  await parity.run.click()
  // Document parity's three results, then the six set up.
  await expect(
    app.getByRole('status').filter({ hasText: 'All 9 comparisons passed.' }),
  ).toBeAttached({ timeout: 120_000 })
  await expect(parity.run).toBeEnabled()
  await expect(parity.setUp.getByText('Passed', { exact: true })).toHaveCount(6)
  await expect(parity.documents.getByText('Passed', { exact: true })).toHaveCount(3)

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
    await expect(
      tile.getByRole('img', { name: /values per group, .*; all match\.$/ }),
    ).toBeVisible()
  }
  await expect(
    parity.trend.getByRole('img', {
      name: /^Differences per day over the last 30 days: 1 day with runs, 1 of them all green\./,
    }),
  ).toBeVisible()
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
  await app.setViewportSize({ width: 1920, height: 1080 })
  await parity.documents.scrollIntoViewIfNeeded()
  await app.screenshot({ path: `${SHOTS}/parity-1920-top.png` })
  await parity.dashboard.scrollIntoViewIfNeeded()
  await app.screenshot({ path: `${SHOTS}/parity-1920-dashboard.png` })
  await parity.streak.scrollIntoViewIfNeeded()
  await app.screenshot({ path: `${SHOTS}/parity-1920-trend.png` })

  // Keyboard: the remove buttons are reachable and named after their comparison.
  const remove = parity.setUp.getByRole('button', { name: 'Remove “Deliveries per facility”' })
  await remove.focus()
  await app.keyboard.press('Enter')
  await expect(parity.comparisons()).toHaveCount(5)
})

test('document parity finds the demo’s differences, shows examples and the documents themselves', async ({
  app,
}) => {
  test.setTimeout(300_000)
  await mkdir(SHOTS, { recursive: true })
  await app.setViewportSize({ width: 1366, height: 768 })
  const parity = await startDemo(app, 'injected')
  // Nothing set up but the three connections: document parity alone can run.
  await expect(parity.comparisons()).toHaveCount(0)
  await expect(parity.run).toBeEnabled()
  await parity.run.click()
  await expect(app.getByRole('status').filter({ hasText: /^Of 3 comparisons: / })).toBeAttached({
    timeout: 120_000,
  })
  await expect(parity.documents.locator('[data-doc-result]')).toHaveCount(3)

  // Keyboard: the result opens with Enter on its disclosure button.
  const result = parity.docResult('parity.documents.couchdb-chtsync')
  await expect(result.getByText('Failed', { exact: true })).toBeVisible()
  const toggle = result.getByRole('button', { name: 'Documents: CouchDB → CHT Sync' })
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await toggle.focus()
  await app.keyboard.press('Enter')
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await toggle.scrollIntoViewIfNeeded()
  await app.screenshot({ path: `${SHOTS}/parity-documents-open.png` })

  // Counts: totals and breakdown side by side; the filter keeps only rows that differ.
  const totals = result.getByRole('region', { name: /: totals per database$/ })
  await expect(totals.locator('tbody tr').first()).toBeVisible()
  const filter = result.getByLabel('Only rows that differ')
  await filter.check()
  const rows = result.locator('.doc-section tbody tr[data-differs]')
  await expect(rows.first()).toBeVisible()
  expect(await result.locator('tbody tr[data-differs="false"]').count()).toBe(0)
  await filter.uncheck()

  // Differences by class, in words, each with examples.
  const missing = result.locator('[data-class="missing_in_new"]')
  await expect(missing.getByRole('heading')).toHaveText(/^\d+ missing in CHT Sync$/)
  const sample = missing.locator('tbody tr[data-sample]').first()
  await expect(sample).toBeVisible()
  const id = (await sample.getAttribute('data-sample'))!
  await expect(result.getByRole('region', { name: /where each pipeline stood/ })).toBeVisible()
  await missing.scrollIntoViewIfNeeded()
  await app.screenshot({ path: `${SHOTS}/parity-documents.png` })
  await expectNoViolations(app, 'the Documents section with a result open')

  // The document itself, as the three places hold it.
  await sample.getByRole('button', { name: `Show document ${id}` }).click()
  const dialog = app.getByRole('dialog', { name: `Document “${id}”` })
  await expect(dialog).toBeVisible()
  const couchdb = dialog.locator('[data-place="CouchDB"]')
  await expect(couchdb.locator('pre')).toContainText(`"_id": ${JSON.stringify(id)}`)
  await expect(dialog.locator('[data-place="CHT Sync"]')).toContainText('Not there')
  await app.screenshot({ path: `${SHOTS}/parity-document-dialog.png` })
  await expectNoViolations(app, 'the document dialog')
  await app.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // The trend: a day that was not green, drawn with its count, named in words.
  await expect(
    parity.trend.getByRole('img', { name: /1 day with runs, 0 of them all green\./ }),
  ).toBeVisible()
  await parity.trend.scrollIntoViewIfNeeded()
  await app.screenshot({ path: `${SHOTS}/parity-trend-differences.png` })

  await app.setViewportSize({ width: 1920, height: 1080 })
  await missing.scrollIntoViewIfNeeded()
  await app.screenshot({ path: `${SHOTS}/parity-1920-documents.png` })
  await sample.getByRole('button', { name: `Show document ${id}` }).click()
  await expect(dialog.locator('[data-place="CouchDB"] pre')).toBeVisible()
  await app.screenshot({ path: `${SHOTS}/parity-1920-document-dialog.png` })
})
