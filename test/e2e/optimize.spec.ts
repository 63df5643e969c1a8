import { mkdir } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { StepChecks } from './pages/checks-page'
import { ShellPage } from './pages/shell-page'
import { openToolTab, StepPage } from './pages/step-page'
import { expectNoViolations } from './support/axe'
import { startSmallDemo } from './support/demo'

/** The Optimize step's dashboard queries panel: the list, the form and the before/after table. */
class OptimizePanel {
  readonly root: Locator
  readonly name: Locator
  readonly sql: Locator
  readonly add: Locator
  readonly compare: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('optimize-panel')
    const form = this.root.getByTestId('explain-query-form')
    this.name = form.getByRole('textbox', { name: 'Name' })
    this.sql = form.getByRole('textbox', { name: 'SQL' })
    this.add = form.getByRole('button', { name: /^(Add|Save) query$/ })
    this.compare = this.root.getByTestId('explain-compare')
  }

  /** Shows the step's tool, the “Dashboard queries” tab. */
  async openTab(): Promise<void> {
    await openToolTab(this.page, 'Dashboard queries')
    await expect(this.root).toBeVisible()
  }

  query(label: string): Locator {
    return this.root.locator(`.optimize-query[data-query="${label}"]`)
  }

  row(label: string): Locator {
    return this.compare.locator(`tr[data-query="${label}"]`)
  }
}

/** Starts a small demo (a real CHT Sync database with cht-pipeline's models), as the page does. */
async function startDemo(page: Page): Promise<void> {
  await startSmallDemo(page)
}

async function runOptimizeChecks(checks: StepChecks): Promise<void> {
  await checks.runAll.click()
  await expect(checks.outcome()).toBeAttached({ timeout: 240_000 })
  await expect(checks.runAll).toBeEnabled()
}

test('the Optimize step explains a dashboard query before and after', async ({ app }) => {
  test.setTimeout(600_000)
  await app.setViewportSize({ width: 1366, height: 900 })
  await startDemo(app)
  await new ShellPage(app).goToStep('optimize')
  const panel = new OptimizePanel(app)
  await panel.openTab()
  await expect(panel.root.getByText('No dashboard query is listed yet.')).toBeVisible()

  // The form says what is missing, by keyboard as by mouse.
  await panel.name.focus()
  await app.keyboard.press('Enter')
  await expect(panel.root.getByText('Give the query a name', { exact: false })).toBeVisible()
  await expect(panel.sql).toHaveAttribute('aria-invalid', 'true')

  await panel.name.fill('Reports per form')
  await panel.sql.fill(
    "SELECT form, count(*) FROM v1.data_record WHERE reported > now() - interval '1 year' GROUP BY form",
  )
  await panel.add.click()
  await expect(panel.query('Reports per form')).toBeVisible()
  await expect(panel.name).toHaveValue('')

  // Edited through the same form, reached by keyboard.
  await panel
    .query('Reports per form')
    .getByRole('button', { name: 'Edit Reports per form' })
    .press('Enter')
  await expect(panel.name).toBeFocused()
  await panel.name.fill('Reports per form this year')
  await panel.add.click()
  await expect(panel.query('Reports per form this year')).toBeVisible()

  // A second query that is removed again.
  await panel.name.fill('Not needed')
  await panel.sql.fill('SELECT 1')
  await panel.add.click()
  await panel.query('Not needed').getByRole('button', { name: 'Remove Not needed' }).click()
  await expect(panel.query('Not needed')).toHaveCount(0)

  const checks = new StepChecks(app)
  await runOptimizeChecks(checks)
  // The check's verdict, in its item of the checklist; the figures in the tool.
  const steps = new StepPage(app)
  await steps.openChecklist()
  await steps.item('optimize.restructure').open()
  const explain = checks.check('optimize.explain')
  await expect(explain).not.toHaveAttribute('data-verdict', 'none')
  await expect(explain).not.toHaveAttribute('data-verdict', 'skipped')
  await panel.openTab()
  const row = panel.row('Reports per form this year')
  await expect(row.locator('td').nth(1)).toHaveText(/^\d[\d,.]*$/)
  await expect(row.locator('td').nth(0)).toHaveText('—')

  // A second run: the first is now "before", the latest "after", with the change.
  await runOptimizeChecks(checks)
  await expect(row.locator('td').nth(0)).toHaveText(/^\d[\d,.]*$/)
  await expect(row.locator('td').nth(1)).toHaveText(/^\d[\d,.]*$/)
  await expect(row.locator('td').nth(2)).toHaveText(/^(no change|[+−][\d.]+ %)/)
  await expect(row.locator('td').nth(4)).toHaveText(/ ms$/)
  await expect(panel.compare.getByRole('combobox', { name: 'Compare with' })).toBeVisible()

  await expectNoViolations(app, 'the Optimize step with a dashboard query explained')
  await mkdir('/tmp/shots', { recursive: true })
  // From the top of the page, so the sticky header does not cover the panel.
  await app.evaluate(() =>
    (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
  )
  const box = await panel.root.boundingBox()
  expect(box).not.toBeNull()
  await app.screenshot({ path: '/tmp/shots/optimize.png', fullPage: true, clip: box! })
})
