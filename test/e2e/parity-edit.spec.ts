import { mkdir } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ActivityTray } from './pages/activity-tray'
import { ParityPanel } from './pages/parity-page'
import { ShellPage } from './pages/shell-page'
import { expectNoViolations } from './support/axe'
import { startSmallDemo } from './support/demo'

/** Where the editors' screenshots go, for a person to look at. */
const SHOTS = '/tmp/shots'

/** Starts a small demo without injected differences, the way the page calls the engine. */
async function startQuietDemo(page: Page): Promise<void> {
  await startSmallDemo(page, { discrepancies: 'none', wait: false })
}

/** The editor dialog open on the page, by its title. */
const dialog = (page: Page, name: string | RegExp): Locator => page.getByRole('dialog', { name })

test('a model pair is added by hand with Suggest mapping, edited, run and drilled into', async ({
  app,
}) => {
  test.setTimeout(300_000)
  await mkdir(SHOTS, { recursive: true })
  await app.setViewportSize({ width: 1366, height: 768 })
  await startQuietDemo(app)
  const shell = new ShellPage(app)
  await expect(shell.projectName).toContainText('Demo deployment', { timeout: 240_000 })
  await expect(new ActivityTray(app).count).toHaveText('1 finished', { timeout: 240_000 })
  await shell.goToStep('parity')
  const parity = new ParityPanel(app)
  await parity.expectShown()

  // Add a model pair: the sides' usual schemas are filled in; Suggest mapping pairs the columns.
  await parity.setUp.getByRole('button', { name: 'Add a model pair' }).click()
  const add = dialog(app, 'Add a model pair')
  await expect(add).toBeVisible()
  // The dialog opens on its first field.
  await expect(add.getByLabel('Title')).toBeFocused()
  const oldSide = add.getByRole('group', { name: 'Old side (couch2pg)' })
  const newSide = add.getByRole('group', { name: 'New side (CHT Sync)' })
  await expect(oldSide.getByLabel('Schema')).toHaveValue('public')
  await expect(newSide.getByLabel('Schema')).toHaveValue('v1')
  await oldSide.getByLabel('Table or view name').fill('form_metadata')
  await newSide.getByLabel('Table or view name').fill('data_record')
  await add.getByRole('button', { name: 'Suggest mapping' }).click()
  await expect(add.getByRole('status')).toContainText('Paired 4 columns and the key uuid = uuid.')
  await expect(add.getByLabel('Key 1: old column')).toHaveValue('uuid')
  await expect(add.getByLabel('Key 1: new column')).toHaveValue('uuid')
  const columns = add.getByRole('list', { name: 'Compared columns' }).getByRole('listitem')
  await expect(columns).toHaveCount(4)
  await expect(add.getByLabel('Column 1: old', { exact: true })).toHaveValue('chw')
  await expect(add.getByLabel('Column 1: new', { exact: true })).toHaveValue('contact_uuid')
  await expect(add.getByLabel('Column 3: old', { exact: true })).toHaveValue('formname')
  await expect(add.getByLabel('Column 3: new', { exact: true })).toHaveValue('form')
  await expect(add.getByLabel('Column 4: time unit')).toHaveValue('second')
  await expect(add.getByLabel('Title')).toHaveValue('form_metadata → data_record')
  await app.screenshot({ path: `${SHOTS}/parity-edit-add-model.png` })
  await add.getByRole('button', { name: 'Add a column' }).scrollIntoViewIfNeeded()
  await app.screenshot({ path: `${SHOTS}/parity-edit-add-model-columns.png` })
  await expectNoViolations(app, 'the model-pair editor')

  // A problem is shown beside its field, announced, and focused.
  await add.getByLabel('Title').fill('')
  await add.getByLabel('Column 2: tolerance').selectOption('number')
  await add.getByLabel('Column 2: absolute tolerance').fill('lots')
  await add.getByRole('button', { name: 'Add the pair' }).click()
  await expect(add.getByLabel('Title')).toBeFocused()
  await expect(add.getByText('Give the pair a title.')).toBeVisible()
  await expect(add.getByRole('alert').filter({ hasText: 'Give a number' })).toBeVisible()
  await app.screenshot({ path: `${SHOTS}/parity-edit-errors.png` })
  await add.getByLabel('Column 2: tolerance').selectOption('none')
  await add.getByLabel('Title').fill('Reports by hand')
  await add.getByRole('button', { name: 'Add the pair' }).click()
  await expect(add).toBeHidden()
  await expect(parity.comparisons()).toHaveCount(1)
  await expect(parity.comparisons().first()).toContainText('Reports by hand')

  // Edit it: the editor opens prefilled; a text tolerance and a new title are saved.
  await parity.setUp.getByRole('button', { name: 'Edit “Reports by hand”' }).click()
  const edit = dialog(app, 'Edit the model pair “Reports by hand”')
  await expect(edit).toBeVisible()
  await expect(edit.getByLabel('Key 1: old column')).toHaveValue('uuid')
  await expect(edit.getByLabel('Column 4: time unit')).toHaveValue('second')
  await edit.getByLabel('Column 1: tolerance').selectOption('text')
  await edit.getByRole('group', { name: 'Column 1: text tolerance' }).getByLabel('case').check()
  await edit.getByLabel('Title').fill('Reports by hand, edited')
  await app.screenshot({ path: `${SHOTS}/parity-edit-edit-model.png` })
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(edit).toBeHidden()
  await expect(parity.comparisons().first()).toContainText('Reports by hand, edited')
  await parity.setUp.getByRole('button', { name: 'Edit “Reports by hand, edited”' }).click()
  const again = dialog(app, /^Edit the model pair/)
  await expect(again.getByLabel('Column 1: tolerance')).toHaveValue('text')
  await app.keyboard.press('Escape')
  await expect(again).toBeHidden()

  // A dashboard metric by hand.
  await parity.setUp.getByRole('button', { name: 'Add a dashboard metric' }).click()
  const metric = dialog(app, 'Add a dashboard metric')
  await metric.getByLabel('Title').fill('Reports in all')
  await metric.getByLabel('Old query (couch2pg)').fill('SELECT count(*) AS n FROM form_metadata')
  await metric.getByLabel('New query (CHT Sync)').fill('SELECT count(*) AS n FROM v1.data_record')
  await metric.evaluate((d) => d.scrollTo(0, d.scrollHeight))
  await app.screenshot({ path: `${SHOTS}/parity-edit-add-metric.png` })
  await expectNoViolations(app, 'the metric editor')
  await metric.getByRole('button', { name: 'Add the metric' }).click()
  await expect(metric).toBeHidden()
  await expect(parity.comparisons()).toHaveCount(2)

  // Green days: 7 instead of 14, shown by the trend.
  const days = parity.setUp.getByLabel('Green days required before teardown')
  await expect(days).toHaveValue('14')
  await days.fill('400')
  await parity.setUp.getByRole('button', { name: 'Save green days' }).click()
  await expect(parity.setUp.getByText('Give a whole number of days from 1 to 365.')).toBeVisible()
  await days.fill('7')
  await parity.setUp.getByRole('button', { name: 'Save green days' }).click()
  await expect(parity.setUp.getByText('Saved: 7 days.')).toBeVisible()
  await expect(parity.streak).toContainText('(7 days required)')

  // Run, then drill into the model pair's result.
  await parity.run.click()
  await expect(app.getByRole('status').filter({ hasText: /comparisons passed\.$/ })).toBeAttached({
    timeout: 120_000,
  })
  const pair = parity.comparisons().filter({ hasText: 'Reports by hand, edited' })
  await expect(pair.getByText('Passed', { exact: true })).toBeVisible()
  await pair.getByText('Details: columns, keys, schema and differences').click()
  const figures = pair.getByRole('region', { name: 'Reports by hand, edited: figures per column' })
  await expect(figures.getByRole('row')).toHaveCount(5)
  await expect(figures.getByRole('row', { name: /^chw contact_uuid / })).toContainText('case')
  await expect(pair.getByText('No difference was found.')).toBeVisible()
  await pair.scrollIntoViewIfNeeded()
  await app.screenshot({ path: `${SHOTS}/parity-edit-detail.png` })
  await parity.setUp.screenshot({ path: `${SHOTS}/parity-edit-setup.png` })
  await expectNoViolations(app, 'the Parity step with a drill-down open')
})
