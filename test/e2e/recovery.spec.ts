import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, openApp, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import { WelcomePage } from './pages/welcome-page'
import { expectNoViolations } from './support/axe'
import { startServe, type ServeDirs } from './support/serve'
import { STEPS } from '../../src/shared/steps-catalog'

const NOTE = 'Written just before the power cut.'
const FIRST = { stepId: STEPS[0]!.id, id: STEPS[0]!.items[0]!.id }

/**
 * Creates a project on a drive that is then unplugged (its autosave fails, so the change is
 * nowhere but in the wizard and its autosaved copy), writes a note, waits for the copy and kills
 * the server. Returns the project's path and the folder of the autosaved copies.
 */
async function crashWithUnsavedNote(page: Page, dirs: ServeDirs, name: string, note: string) {
  const drive = join(dirs.projectDir, 'usb-drive')
  await mkdir(drive)
  const file = join(drive, `${name.toLowerCase().replace(/\W+/g, '-')}.chtmig.json`)
  const first = await startServe(dirs)
  await openApp(page, first.url)
  await new WelcomePage(page).createProject(name, file)
  await new ShellPage(page).expectProject(name)
  await rm(drive, { recursive: true })
  await new ShellPage(page).goToStep(FIRST.stepId)
  await new StepPage(page).item(FIRST.id).setNote(note)
  const recoveryDir = join(dirs.configDir, 'recovery')
  // The copy and its manifest.
  await expect
    .poll(async () => (await readdir(recoveryDir).catch(() => [])).length, { timeout: 10_000 })
    .toBe(2)
  await first.kill()
  return { file, recoveryDir }
}

test('after a crash the autosaved work is offered, restored and found again', async ({
  page,
  dirs,
}, testInfo) => {
  const { file } = await crashWithUnsavedNote(page, dirs, 'Kenya migration', NOTE)

  const second = await startServe(dirs)
  try {
    await openApp(page, second.url)
    const dialog = page.getByRole('dialog', { name: 'The wizard did not close normally last time' })
    await expect(dialog).toBeVisible()
    await expect(dialog).toContainText('Kenya migration')
    await expect(dialog).toContainText(file)
    await expect(dialog).toContainText('The file is no longer there')
    await expect(dialog).toContainText(/Autosaved .*ago|Autosaved just now/)
    const restore = dialog.getByRole('button', { name: 'Restore' })
    await expect(restore).toBeFocused()
    await expectNoViolations(page, 'the recovery dialog')
    await page.screenshot({ path: testInfo.outputPath('recovery-dialog.png') })

    // Escape decides later: the copy stays on the welcome screen.
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    const card = page.getByRole('region', { name: 'Autosaved work' })
    await expect(card).toContainText('Kenya migration')
    await card.getByRole('button', { name: 'Restore' }).click()

    await new ShellPage(page).expectProject('Kenya migration')
    await expect(page.getByText('You are working on an autosaved copy')).toBeVisible()
    await new ShellPage(page).goToStep(FIRST.stepId)
    const item = new StepPage(page).item(FIRST.id)
    await item.open()
    await expect(item.note).toHaveValue(NOTE)
  } finally {
    await second.stop()
  }
})

test('a discarded copy is asked about first, then gone', async ({ page, dirs }) => {
  const { recoveryDir } = await crashWithUnsavedNote(page, dirs, 'Uganda', 'Not needed after all.')

  const second = await startServe(dirs)
  try {
    await openApp(page, second.url)
    const dialog = page.getByRole('dialog', { name: 'The wizard did not close normally last time' })
    await dialog.getByRole('button', { name: 'Discard' }).click()
    await expect(dialog.getByText('Delete this autosaved copy for good?')).toBeVisible()
    await dialog.getByRole('button', { name: 'Delete copy' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('region', { name: 'Autosaved work' })).toHaveCount(0)
    expect(await readdir(recoveryDir)).toEqual([])
  } finally {
    await second.stop()
  }
})
