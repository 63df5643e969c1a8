import { execFileSync } from 'node:child_process'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Download, Page, TestInfo } from '@playwright/test'
import { expect, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { ChecklistItemPanel } from './pages/step-page'
import { expectNoViolations } from './support/axe'
import { startSmallDemo } from './support/demo'
import { findStep } from '../../src/shared/steps-catalog'

/**
 * Sign-off and exports: an approval recorded on a step page (listed with who, role, day, note and
 * who recorded it; a warning once the step changes after it; removed after a confirmation), its
 * standing on the overview, the step page printed, and the plan exported from the Export dialog
 * as a PDF and as Markdown, downloaded by the browser (browser mode).
 */

/** Where screenshots for people to look at go (besides the test's own output folder). */
const SHOTS = process.env.CHT_MIGRATE_SHOTS ?? '/tmp/shots'
const APPROVER = 'Amina Njoroge'
const ROLE = 'Programme manager'
const NOTE = 'Approved in the steering meeting of the county health team.'
const RECORDER = 'Wanjiru Kamau'

async function shot(page: Page, testInfo: TestInfo, name: string, fullPage = false) {
  await mkdir(SHOTS, { recursive: true })
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path, fullPage })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

/** Exports in the Export dialog as a browser download; answers the download. */
async function download(
  page: Page,
  shell: ShellPage,
  formatName: string,
  shotName?: string,
): Promise<Download> {
  await shell.fileActions.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export the plan' })
  await dialog.getByRole('radio', { name: formatName }).check()
  await expect(dialog.getByRole('radio', { name: 'Download it with the browser' })).toBeChecked()
  const downloaded = page.waitForEvent('download', { timeout: 120_000 })
  await dialog.getByRole('button', { name: /^Download / }).click()
  if (shotName) {
    // The job's progress with Cancel, if the export still runs to be seen (not asserted: fast).
    const progress = dialog.getByTestId('job-progress')
    if (await progress.isVisible().catch(() => false)) {
      await page.screenshot({ path: join(SHOTS, `${shotName}.png`) }).catch(() => undefined)
    }
  }
  const file = await downloaded
  await expect(dialog).toHaveCount(0, { timeout: 120_000 })
  return file
}

test('an approval is recorded on a step page, printed, and the plan exported as PDF and Markdown', async ({
  app,
}, testInfo) => {
  test.setTimeout(480_000)
  await app.setViewportSize({ width: 1366, height: 900 })
  const shell = new ShellPage(app)
  await startSmallDemo(app)
  await shell.setUserName(RECORDER)

  await shell.goToStep('setup')
  const signoff = app.getByRole('region', { name: 'Sign-off' })
  await expect(signoff).toContainText('Nobody approved this step yet.')

  // The form opens on demand, filled in with your name, which is required: the field in error
  // gets the focus.
  const form = signoff.getByRole('form', { name: 'Record an approval' })
  await expect(form).toHaveCount(0)
  await signoff.getByRole('button', { name: 'Record an approval…' }).click()
  const name = form.getByLabel('Approved by')
  await expect(name).toHaveValue(RECORDER)
  await name.fill('')
  await form.getByRole('button', { name: 'Record the approval' }).click()
  await expect(name).toBeFocused()
  await expect(form.getByRole('alert')).toHaveText('Give the name of who approved the step.')

  // The date defaults to today and cannot be in the future.
  const day = form.getByLabel('Date of approval')
  const today = await day.inputValue()
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  await expect(day).toHaveAttribute('max', today)

  await name.fill(APPROVER)
  await form.getByLabel('Role').fill(ROLE)
  await form.getByLabel('Note').fill(NOTE)
  await form.getByRole('button', { name: 'Record the approval' }).click()
  const entry = signoff.getByTestId('signoff-entry')
  await expect(entry).toHaveCount(1)
  await expect(entry).toContainText(APPROVER)
  await expect(entry).toContainText(ROLE)
  await expect(entry).toContainText(NOTE)
  await expect(entry).toContainText('Approved on')
  await expect(entry).toContainText(`Recorded by ${RECORDER}`)
  await expect(name).toHaveValue(RECORDER)
  await expect(signoff.locator('.signoff-warning')).toHaveCount(0)

  // A change to the step after the approval brings the warning.
  const item = findStep('setup')!.items[0]!
  await new ChecklistItemPanel(app, item.id).setStatus('In progress')
  await expect(signoff.locator('.signoff-warning')).toContainText(
    `1 item changed after the latest approval`,
  )
  await expect(signoff.locator('.signoff-warning')).toContainText(item.title)

  await expectNoViolations(app, 'a step page with an approval')
  // The region as a whole-page clip: an element screenshot would slide it under the header.
  const box = await signoff.evaluate((el) => {
    const r = el.getBoundingClientRect()
    return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height }
  })
  for (const path of [
    join(SHOTS, 'signoff-region.png'),
    testInfo.outputPath('signoff-region.png'),
  ]) {
    await app.screenshot({ path, fullPage: true, clip: box })
  }

  // Printed: the content alone, the approval kept, the form and the buttons left out.
  await app.emulateMedia({ media: 'print' })
  await expect(app.getByRole('navigation', { name: 'Migration steps' })).toBeHidden()
  await expect(form).toBeHidden()
  await expect(entry).toBeVisible()
  await shot(app, testInfo, 'step-page-print', true)
  await app.evaluate(() => window.scrollTo(0, 0))
  await shot(app, testInfo, 'step-page-print-top')
  await signoff.scrollIntoViewIfNeeded()
  await shot(app, testInfo, 'step-page-print-signoff')
  await app.emulateMedia({ media: 'screen' })

  // The overview shows the step's standing.
  await shell.goToOverview()
  const row = app
    .getByRole('table', { name: 'Completion and sign-off of each step' })
    .locator('tr[data-step-id="setup"]')
  await expect(row).toContainText(`by ${APPROVER}`)
  await expect(row).toContainText('Changed since approval')

  // Export: the dialog offers every format with a line about it.
  await shell.fileActions.getByRole('button', { name: 'Export…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Export the plan' })
  for (const format of [
    'Plan (PDF)',
    'Plan data (JSON)',
    'Summary (Markdown)',
    'Inventory table (CSV)',
    'Checks table (CSV)',
    'Parity table (CSV)',
  ]) {
    await expect(dialog.getByRole('radio', { name: format })).toBeVisible()
  }
  await expect(dialog.getByRole('radio', { name: 'Plan (PDF)' })).toBeChecked()
  await expectNoViolations(app, 'the export dialog')
  await shot(app, testInfo, 'export-dialog')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toHaveCount(0)

  const pdf = await download(app, shell, 'Plan (PDF)', 'export-running')
  expect(pdf.suggestedFilename()).toMatch(/-plan\.pdf$/)
  const pdfBytes = await readFile(await pdf.path())
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const pdfPath = testInfo.outputPath(pdf.suggestedFilename())
  await pdf.saveAs(pdfPath)
  // The approval is in the PDF's sign-off section (poppler's pdftotext, as the report tests).
  const pdfText = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' })
  expect(pdfText).toContain(APPROVER)
  expect(pdfText).toContain(NOTE)
  await expect(app.getByTestId('notice')).toContainText('Exported the plan (PDF)')

  const markdown = await download(app, shell, 'Summary (Markdown)')
  expect(markdown.suggestedFilename()).toMatch(/-summary\.md$/)
  const text = await readFile(await markdown.path(), 'utf8')
  expect(text).toContain(APPROVER)
  await expect(app.getByTestId('notice')).toContainText('Exported the summary (Markdown)')

  // Removing asks first; the focus then goes to the region's heading.
  await shell.goToStep('setup')
  await signoff.getByRole('button', { name: `Remove the approval by ${APPROVER}` }).click()
  const confirm = app.getByRole('dialog', { name: 'Remove this approval?' })
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused()
  await confirm.getByRole('button', { name: 'Remove the approval' }).click()
  await expect(confirm).toHaveCount(0)
  await expect(entry).toHaveCount(0)
  await expect(signoff.getByRole('heading', { name: 'Sign-off' })).toBeFocused()
})
