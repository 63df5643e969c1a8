import { access, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page, TestInfo } from '@playwright/test'
import { expect, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { WelcomePage } from './pages/welcome-page'
import { expectNoViolations } from './support/axe'
import { projectDocument, toFileText } from './support/project-files'

/**
 * Browser mode's file browser under the path fields of Open, Save As and Export: folders on the
 * computer running the wizard, confined by the engine, so nobody has to type a path.
 */

/** Presses Tab until `name`d control has the focus (keyboard only), at most `max` times. */
async function tabTo(page: Page, isTarget: () => Promise<boolean>, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await isTarget()) return
    await page.keyboard.press('Tab')
  }
  expect(await isTarget(), `not reached with ${max} Tab presses`).toBe(true)
}

/** Screenshots kept with the test's results, at 1366x768 and 1920x1080. */
async function keep(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height })
    const path = testInfo.outputPath(`${name}-${width}x${height}.png`)
    await page.screenshot({ path })
    await testInfo.attach(`${name} ${width}x${height}`, { path, contentType: 'image/png' })
  }
}

const focused = (page: Page, selector: string) => () =>
  page.evaluate((s) => globalThis.document.activeElement?.matches(s) ?? false, selector)

test('a project opens by browsing to it, with the browser clean for axe', async ({
  app,
  dirs,
}, testInfo) => {
  const file = join(dirs.projectDir, 'kenya', 'kenya.chtmig.json')
  await mkdir(join(dirs.projectDir, 'kenya'))
  await writeFile(file, toFileText(projectDocument({ name: 'Kenya by browsing' })))
  await writeFile(join(dirs.projectDir, 'kenya', 'notes.txt'), 'not a project')

  const welcome = new WelcomePage(app)
  const browser = app.getByRole('group', {
    name: 'Or choose it on the computer running the wizard',
  })
  const list = browser.getByRole('listbox')
  // The page listed the folder before the files were made: the place lists it again.
  await expect(browser.getByText('No folders or project files here.')).toBeVisible()
  await browser.getByRole('button', { name: 'Projects folder' }).click()
  await expect(list.getByRole('option', { name: /^kenya, folder/ })).toBeVisible()
  await expect(browser.getByRole('button', { name: 'Projects folder' })).toHaveAttribute(
    'aria-current',
    'location',
  )
  await expectNoViolations(app, 'the welcome screen with the file browser')
  await keep(app, testInfo, 'open-browser')

  await list.getByRole('option', { name: /^kenya, folder/ }).click()
  await expect(browser.getByRole('navigation', { name: 'Folder path' })).toContainText('kenya')
  await expect(list.getByRole('option')).toHaveCount(1)
  await list.getByRole('option', { name: /^kenya\.chtmig\.json, file/ }).click()
  await expect(welcome.openPathField).toHaveValue(file)
  await app.getByRole('button', { name: 'Open project' }).click()
  await new ShellPage(app).expectProject('Kenya by browsing')
})

test('Save As writes into a folder chosen with the keyboard alone', async ({
  app,
  dirs,
}, testInfo) => {
  const shell = new ShellPage(app)
  await new WelcomePage(app).createProject('Keyboard save', join(dirs.projectDir, 'first'))
  await shell.expectProject('Keyboard save')
  await mkdir(join(dirs.projectDir, 'archive'))

  await shell.fileActions.getByRole('button', { name: 'Save As…' }).focus()
  await app.keyboard.press('Enter')
  const dialog = app.getByRole('dialog', { name: 'Save the project as' })
  const field = dialog.getByRole('textbox', { name: 'Path of the new project file' })
  await expect(field).toBeFocused()
  await app.keyboard.press('ControlOrMeta+a')
  await app.keyboard.type('kept.chtmig.json')
  // A relative name says where it goes: the projects folder.
  await expect(dialog.getByTestId('path-resolves')).toContainText(
    join(dirs.projectDir, 'kept.chtmig.json'),
  )
  const list = dialog.getByRole('listbox')
  await expect(list.getByRole('option', { name: /^archive, folder/ })).toBeVisible()
  await expectNoViolations(app, 'the Save As dialog with the file browser')
  await keep(app, testInfo, 'save-as-browser')

  await tabTo(app, focused(app, '[role="listbox"]'))
  await app.keyboard.type('ar')
  await expect(list.getByRole('option', { name: /^archive, folder/ })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await app.keyboard.press('Enter')
  const target = join(dirs.projectDir, 'archive', 'kept.chtmig.json')
  await expect(field).toHaveValue(target)
  await expect(dialog.getByText('No folders or project files here')).toBeVisible()
  await tabTo(app, focused(app, 'button[type="submit"]'))
  await app.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(shell.saveStatus).toHaveText(/^Saved \d/)
  await access(target)
})

test('Export goes to a chosen folder; Parent folder and Backspace go back up', async ({
  app,
  dirs,
}, testInfo) => {
  const shell = new ShellPage(app)
  await new WelcomePage(app).createProject('Export browse', join(dirs.projectDir, 'plan'))
  await shell.expectProject('Export browse')
  await mkdir(join(dirs.projectDir, 'out', 'deep'), { recursive: true })
  await writeFile(join(dirs.projectDir, 'out', 'old-summary.md'), '# old')
  await writeFile(join(dirs.projectDir, 'out', 'old-plan.pdf'), '%PDF')

  await shell.fileActions.getByRole('button', { name: 'Export…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Export the plan' })
  await dialog.getByRole('radio', { name: 'Summary (Markdown)' }).check()
  await dialog.getByRole('radio', { name: /^Save it to a path/ }).check()
  const list = dialog.getByRole('listbox')
  await list.getByRole('option', { name: /^out, folder/ }).click()
  // Only the files of the format are shown beside the folders.
  await expect(list.getByRole('option')).toHaveText([/^deep\//, /old-summary\.md/])
  await list.getByRole('option', { name: /^deep, folder/ }).click()
  await expect(dialog.getByText('No folders or files of this kind here')).toBeVisible()
  await dialog.getByRole('button', { name: 'Parent folder' }).click()
  await expect(list).toBeFocused()
  await app.keyboard.press('Backspace')
  await expect(list.getByRole('option', { name: /^out, folder/ })).toBeVisible()
  await list.getByRole('option', { name: /^out, folder/ }).click()
  const path = dialog.getByRole('textbox', { name: 'Path of the exported file' })
  await expect(path).toHaveValue(join(dirs.projectDir, 'out', 'export-browse-summary.md'))
  await expectNoViolations(app, 'the Export dialog with the file browser')
  await keep(app, testInfo, 'export-browser')
  await dialog.getByRole('button', { name: 'Export the summary (Markdown)' }).click()
  await expect(dialog).toHaveCount(0, { timeout: 60_000 })
  await access(join(dirs.projectDir, 'out', 'export-browse-summary.md'))
})
