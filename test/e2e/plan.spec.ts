import { copyFile } from 'node:fs/promises'
import type { Page, TestInfo } from '@playwright/test'
import { expect, test } from './fixtures'
import { PlanInventory } from './pages/plan-page'
import { ShellPage } from './pages/shell-page'
import { expectNoViolations } from './support/axe'
import { startSmallDemo } from './support/demo'

/** Where the Plan step's screenshot is also copied, for a person to look at. */
const SHOT = '/tmp/plan-step.png'

/** The objects decided “retire” together: the demo's leftovers nobody reads any more. */
const LEFTOVERS = ['tmp_anc_export', 'backup_form_metadata_2022', 'useview_pregnancy_visits_old']

/** Starts a small demo (the way the page calls the engine) and opens its Plan step. */
async function startDemo(page: Page): Promise<PlanInventory> {
  await startSmallDemo(page)
  await new ShellPage(page).goToStep('plan')
  const plan = new PlanInventory(page)
  await plan.expectShown()
  return plan
}

/**
 * A screenshot kept with the test's results: what the viewport shows, or the whole inventory
 * panel (drawn from the top of the page, so the sticky header stays where it belongs).
 */
async function screenshot(page: Page, testInfo: TestInfo, name: string, panel?: PlanInventory) {
  const path = testInfo.outputPath(`${name}.png`)
  if (panel) {
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    )
    const box = await panel.root.boundingBox()
    expect(box).not.toBeNull()
    await page.screenshot({ path, fullPage: true, clip: box! })
  } else {
    await page.screenshot({ path })
  }
  await testInfo.attach(name, { path, contentType: 'image/png' })
  return path
}

test('the Plan step inventories the demo, records decisions one by one and in bulk, and keeps them', async ({
  app,
}, testInfo) => {
  test.setTimeout(600_000)
  await app.setViewportSize({ width: 1366, height: 768 })
  const plan = await startDemo(app)
  await expect(plan.root.getByTestId('inventory-not-run')).toBeVisible()

  // The run: progress with Cancel while it goes, the outcome announced at the end.
  await plan.run.click()
  await expect(plan.progress).toBeVisible()
  await expect(plan.cancel).toBeVisible()
  await expect(plan.outcome()).toBeAttached({ timeout: 240_000 })
  await expect(plan.run).toBeEnabled()
  await expect(plan.progress).toHaveCount(0)
  await expect(plan.scope.getByTestId('couch2pg-release')).toContainText('couch2pg')
  await expect(plan.table).toBeVisible()
  await expect(plan.couchdb).toBeVisible()
  await expect(plan.order.getByRole('listitem').first()).toBeVisible()

  // Who installed what: the deployment's own views against couch2pg's.
  await expect(await plan.find('formview_pregnancy')).toHaveAttribute('data-origin', 'custom')
  await expect(plan.row('formview_pregnancy').getByRole('cell', { name: 'Custom' })).toBeVisible()
  await expect(await plan.find('contactview_metadata')).toHaveAttribute('data-origin', 'couch2pg')

  // The function that builds its SQL at run time needs a person to read it.
  await plan.open('get_form_submissions')
  await expect(plan.row('get_form_submissions').getByText('Review', { exact: true })).toBeVisible()
  await expect(plan.detail.getByTestId('detail-review')).toContainText('Needs manual review')
  await expect(plan.detail.getByTestId('detail-definition').locator('code.hljs')).toContainText(
    'EXECUTE',
  )
  await expectNoViolations(app, 'the Plan step with an object’s detail pane open')

  // A materialized view: how it refreshes, and what PostgreSQL does not record.
  await plan.open('useview_feedback')
  await expect(plan.detail.getByTestId('detail-matview')).toContainText('Populated.')
  await expect(plan.detail.getByTestId('detail-matview')).toContainText(
    'keeps no record of when it was last refreshed',
  )

  // One decision: rebuild, with an owner and what the data is for.
  await plan.open('formview_pregnancy')
  const form = plan.decisionForm
  await form.getByRole('radio', { name: /^Rebuild as a new dbt model/ }).check()
  await expect(form.getByRole('textbox', { name: 'The new model’s name' })).toHaveValue(
    'formview_pregnancy',
  )
  await form.getByRole('textbox', { name: 'Owner' }).fill('Amina Otieno')
  const note = 'The ANC dashboard: pregnancies registered per area and month, as a bar chart.'
  await form
    .getByRole('textbox', { name: 'What is the data needed for, and how is it shown?' })
    .fill(note)
  await form.getByRole('button', { name: 'Save decision' }).click()
  await expect(plan.row('formview_pregnancy')).toHaveAttribute('data-decision', 'rebuild')
  await expect(form.getByTestId('decided-by')).toBeVisible()
  await expect(plan.figure('rebuild')).toHaveText('1')
  await expect(plan.exportDbt).toBeEnabled()

  // A bulk decision: three leftovers selected with the keyboard, retired together.
  for (const name of LEFTOVERS) await plan.select(name)
  await expect(plan.bulk).toContainText('3 objects selected')
  await plan.bulk.getByRole('combobox', { name: 'Decision' }).selectOption('retire')
  await plan.bulk.getByRole('button', { name: 'Apply to 3 objects' }).click()
  await expect(plan.bulk).toHaveCount(0)
  await expect(plan.figure('retire')).toHaveText('3')
  await plan.search.fill('')
  await expectNoViolations(app, 'the Plan step after the decisions')

  // Reloaded, the page reads the decisions back from the project.
  await app.reload()
  await expect(app.locator('[data-app-state="ready"]')).toBeVisible()
  await expect(app.locator('[data-step-id="plan"]')).toBeVisible()
  await plan.expectShown()
  await expect(plan.figure('rebuild')).toHaveText('1')
  await expect(plan.figure('retire')).toHaveText('3')
  for (const name of LEFTOVERS) {
    await expect(await plan.find(name)).toHaveAttribute('data-decision', 'retire')
  }
  await plan.open('formview_pregnancy')
  await expect(plan.row('formview_pregnancy')).toHaveAttribute('data-decision', 'rebuild')
  await expect(form.getByRole('radio', { name: /^Rebuild as a new dbt model/ })).toBeChecked()
  await expect(form.getByRole('textbox', { name: 'Owner' })).toHaveValue('Amina Otieno')
  await expect(
    form.getByRole('textbox', { name: 'What is the data needed for, and how is it shown?' }),
  ).toHaveValue(note)
  await plan.search.fill('')
  await expectNoViolations(app, 'the Plan step after a reload')
  const path = await screenshot(app, testInfo, 'plan-step', plan)
  await copyFile(path, SHOT)
  await plan.root.scrollIntoViewIfNeeded()
  await screenshot(app, testInfo, 'plan-step-1366')
  await app.setViewportSize({ width: 1920, height: 1080 })
  await plan.table.scrollIntoViewIfNeeded()
  await copyFile(await screenshot(app, testInfo, 'plan-step-1920'), '/tmp/plan-step-1920.png')
})
