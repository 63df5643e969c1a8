import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, openApp, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { WelcomePage } from './pages/welcome-page'
import { expectNoViolations } from './support/axe'
import { startServe } from './support/serve'

/**
 * The demo never eats a person's file: Save As and Export suggest the projects folder and warn
 * before writing into the demo's folder; a running demo shows on the welcome screen with Reopen
 * and Stop; its project is never a recent entry; a recent file that is gone can be removed.
 */

/** Where screenshots for people to look at go (besides the test's own output folder). */
const SHOTS = process.env.CHT_MIGRATE_SHOTS ?? '/tmp/shots'
const DEMO_NAME = 'Demo deployment (small, 20,000 documents)'
const DEMO_SLUG = 'demo-deployment-small-20-000-documents'

async function demoDir(page: Page): Promise<string> {
  const reply = await page.evaluate(async () => {
    const response = await fetch('/api/op/demo.status', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    return (await response.json()) as { ok: boolean; value: { dir: string | null } }
  })
  if (!reply.ok || !reply.value.dir) throw new Error('no demo is running')
  return reply.value.dir
}

test('with a demo running: save and export stay out of its folder, and the welcome screen keeps the demo', async ({
  page,
  dirs,
}) => {
  test.setTimeout(300_000)
  const serve = await startServe(dirs, {
    args: ['--demo'],
    startTimeoutMs: 240_000,
    stopTimeoutMs: 60_000,
  })
  try {
    await openApp(page, serve.url)
    const shell = new ShellPage(page)
    const welcome = new WelcomePage(page)
    await shell.expectProject(DEMO_NAME)
    const dir = await demoDir(page)

    // Save As suggests the projects folder, and warns about a path in the demo's folder.
    await shell.fileActions.getByRole('button', { name: 'Save As…' }).click()
    const saveAs = page.getByRole('dialog', { name: 'Save the project as' })
    const savePath = saveAs.getByRole('textbox', { name: 'Path of the new project file' })
    await expect(savePath).toHaveValue(join(dirs.projectDir, `${DEMO_SLUG}.chtmig.json`))
    const inside = join(dir, 'copy.chtmig.json')
    await savePath.fill(inside)
    await saveAs.getByRole('button', { name: 'Save', exact: true }).click()
    const warning = saveAs.getByRole('alert')
    await expect(warning).toContainText('This folder is removed when the demo stops')
    await expect(warning).toContainText(inside)
    const elsewhere = saveAs.getByRole('button', { name: 'Choose another place' })
    await expect(elsewhere).toBeFocused()
    await expect(saveAs.getByRole('button', { name: 'Save here anyway' })).toBeVisible()
    await expectNoViolations(page, 'the warning about saving into the demo folder')
    await page.screenshot({ path: join(SHOTS, 'save-as-demo-folder-warning.png') })
    expect(existsSync(inside)).toBe(false)

    await page.keyboard.press('Enter')
    await expect(savePath).toBeFocused()
    await expect(savePath).toHaveValue(join(dirs.projectDir, 'copy.chtmig.json'))
    await page.keyboard.press('Escape')
    await expect(saveAs).toHaveCount(0)

    // Export: the same suggestion and warning; going on writes the file there.
    await shell.fileActions.getByRole('button', { name: 'Export…' }).click()
    const exportDialog = page.getByRole('dialog', { name: 'Export the plan' })
    await exportDialog.getByRole('radio', { name: 'Summary (Markdown)' }).check()
    await exportDialog.getByRole('radio', { name: /^Save it to a path/ }).check()
    const exportPath = exportDialog.getByRole('textbox', { name: 'Path of the exported file' })
    await expect(exportPath).toHaveValue(join(dirs.projectDir, `${DEMO_SLUG}-summary.md`))
    const summary = join(dir, 'summary.md')
    await exportPath.fill(summary)
    await exportDialog.getByRole('button', { name: 'Export the summary (Markdown)' }).click()
    await exportDialog.getByRole('button', { name: 'Export here anyway' }).click()
    await expect(exportDialog).toHaveCount(0, { timeout: 60_000 })
    await expect(page.getByTestId('notice')).toContainText(summary)
    expect(existsSync(summary)).toBe(true)

    // Closed, the demo stays on the welcome screen, also after a reload; it is no recent entry.
    await shell.close()
    await welcome.expectShown()
    const summaryLine = /^Demo running \(small, 20,000 documents, started .+\)$/
    await expect(welcome.demoRunning.locator('.demo-summary')).toHaveText(summaryLine)
    await expect(welcome.demoRunning).toContainText(dir)
    await expect(welcome.demoButton).toHaveCount(0)
    await expect(welcome.recent).toContainText('Projects you create or open appear here.')
    await page.reload()
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
    await expect(welcome.demoRunning.locator('.demo-summary')).toHaveText(summaryLine)
    await expectNoViolations(page, 'the welcome screen with a running demo')
    await page.screenshot({ path: join(SHOTS, 'welcome-running-demo.png'), fullPage: true })

    await welcome.demoReopen.click()
    await shell.expectProject(DEMO_NAME)
    await shell.close()

    // Opened as a file, the demo's project is still no recent entry: one rule for all ways.
    await welcome.openByPath(join(dir, 'demo.chtmig.json'))
    await shell.expectProject(DEMO_NAME)
    await shell.close()
    await expect(welcome.recent).toContainText('Projects you create or open appear here.')

    // Stop, from the keyboard: the servers stop, the folder goes, the start button is back.
    await welcome.demoStop.focus()
    await page.keyboard.press('Enter')
    await expect(welcome.demoButton).toBeVisible({ timeout: 60_000 })
    await expect(
      welcome.demo.getByRole('heading', { name: 'Try it without a real CHT' }),
    ).toBeFocused()
    await expect(welcome.demoRunning).toHaveCount(0)
    expect(existsSync(dir)).toBe(false)
  } finally {
    await serve.stop()
  }
})

test('a recent entry whose file is gone shows as missing and can be removed', async ({
  app,
  dirs,
}) => {
  const welcome = new WelcomePage(app)
  const shell = new ShellPage(app)
  const gone = join(dirs.projectDir, 'gone.chtmig.json')
  for (const name of ['gone', 'kept']) {
    await welcome.createProject(name, join(dirs.projectDir, `${name}.chtmig.json`))
    await shell.expectProject(name)
    await shell.close()
  }
  await rm(gone)
  await app.reload()
  await expect(app.locator('[data-app-state="ready"]')).toBeVisible()

  await expect(welcome.recentItem('gone')).toContainText('File not found')
  await expect(welcome.recentItem('kept')).not.toContainText('File not found')
  await expect(welcome.recentRemove('kept')).toHaveCount(0)
  await expectNoViolations(app, 'the recent list with a missing file')
  await app.screenshot({ path: join(SHOTS, 'recent-missing-file.png'), fullPage: true })

  await welcome.recentRemove('gone').focus()
  await app.keyboard.press('Enter')
  await expect(welcome.recentEntry('gone')).toHaveCount(0)
  await expect(welcome.recent.getByRole('heading', { name: 'Recent projects' })).toBeFocused()
  await expect(welcome.recentEntry('kept')).toBeVisible()
  const prefs = JSON.parse(await readFile(join(dirs.configDir, 'preferences.json'), 'utf8'))
  expect(prefs.recent.map((e: { path: string }) => e.path)).toEqual([
    join(dirs.projectDir, 'kept.chtmig.json'),
  ])
  await app.reload()
  await expect(welcome.recentEntry('kept')).toBeVisible()
  await expect(welcome.recentEntry('gone')).toHaveCount(0)
})
