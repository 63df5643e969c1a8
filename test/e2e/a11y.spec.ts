import { join } from 'node:path'
import { expect, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import { WelcomePage } from './pages/welcome-page'
import { expectNoViolations } from './support/axe'
import type { BrowserGlobals } from './support/browser-types'

test('the welcome page, overview, a step page, the settings and a dialog pass axe', async ({
  app,
  dirs,
}) => {
  const welcome = new WelcomePage(app)
  const shell = new ShellPage(app)
  await welcome.expectShown()
  await expectNoViolations(app, 'the welcome page')
  // The demo's options, opened from the keyboard.
  await app.getByText('Demo options').focus()
  await app.keyboard.press('Enter')
  await expect(app.getByLabel('couch2pg release')).toBeVisible()
  await app.getByLabel('couch2pg release').selectOption('3.5')
  await expect(app.getByLabel('couch2pg also copies _users (SYNC_DB_USERS)')).toBeDisabled()
  await expectNoViolations(app, 'the welcome page with the demo options open')

  await welcome.createProject('Axe check', join(dirs.projectDir, 'axe.chtmig.json'))
  await shell.expectProject('Axe check')
  await expectNoViolations(app, 'the overview')

  await shell.goToStep('parity')
  const item = new StepPage(app).item('parity.counts')
  await item.setStatus('In progress')
  await item.addTextEvidence('medic: 120431 rows on both sides.')
  await item.addFileEvidence('/srv/reports/counts.json', 'Counts')
  await expectNoViolations(app, 'the parity step page')

  await shell.goToSettings()
  await expectNoViolations(app, 'the settings')

  await shell.fileActions.getByRole('button', { name: 'Save As…' }).click()
  await expect(app.getByRole('dialog', { name: 'Save the project as' })).toBeVisible()
  await expectNoViolations(app, 'the Save As dialog')
})

test('the wizard stays usable 960 pixels wide', async ({ app, dirs }, testInfo) => {
  await app.setViewportSize({ width: 960, height: 800 })
  const welcome = new WelcomePage(app)
  const shell = new ShellPage(app)
  await welcome.createProject('Narrow window', join(dirs.projectDir, 'narrow.chtmig.json'))
  await shell.goToStep('production')
  const widths = await app.evaluate(() => {
    const page = globalThis as unknown as BrowserGlobals
    return { page: page.document.documentElement.scrollWidth, viewport: page.innerWidth }
  })
  expect(widths.page).toBeLessThanOrEqual(widths.viewport)
  await expect(shell.fileActions.getByRole('button', { name: 'Close' })).toBeInViewport()
  await expect(shell.stepLink('teardown')).toBeInViewport()
  const path = testInfo.outputPath('step-production-960.png')
  await app.screenshot({ path })
  await testInfo.attach('step-production-960', { path, contentType: 'image/png' })
})
