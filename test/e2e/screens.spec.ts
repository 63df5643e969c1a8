import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { STEPS } from '../../src/shared/steps-catalog'
import { expect, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import { expectNoViolations } from './support/axe'
import { startSmallDemo } from './support/demo'

/** Where the screenshots of every page are kept, one folder per screen size, for a person to look at. */
const SCREENS = join('test-results', 'screens')

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const

/** The steps whose page has a tool behind a second tab, and the tab's name. */
const TOOL_TAB: Partial<Record<string, string>> = {
  plan: 'Inventory',
  parity: 'Comparisons',
  optimize: 'Dashboard queries',
  teardown: 'Decommission',
}

async function shoot(page: Page, dir: string, name: string): Promise<void> {
  // Settle: no progress bar moving, fonts loaded, then the viewport as a person sees it.
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: join(dir, `${name}.png`) })
}

test('every page at 1366x768 and 1920x1080: kept as screenshots, axe clean, step pages within two screens', async ({
  app,
}) => {
  test.setTimeout(600_000)
  for (const size of SIZES) {
    const dir = join(SCREENS, `${size.width}x${size.height}`)
    await mkdir(dir, { recursive: true })
    await app.setViewportSize(size)
    await expect(app.getByRole('heading', { level: 1 })).toBeVisible()
    await shoot(app, dir, '00-welcome')
    await expectNoViolations(app, `the welcome screen at ${size.width}x${size.height}`)
  }
  await startSmallDemo(app)
  const shell = new ShellPage(app)
  for (const size of SIZES) {
    const dir = join(SCREENS, `${size.width}x${size.height}`)
    await app.setViewportSize(size)
    const at = `${size.width}x${size.height}`

    await shell.goToOverview()
    await expect(app.getByTestId('overview-next')).toBeVisible()
    await shoot(app, dir, '01-overview')
    await expectNoViolations(app, `the overview at ${at}`)

    await app
      .getByRole('navigation', { name: 'Migration steps' })
      .getByRole('link', { name: /^Connections/ })
      .click()
    await expect(app.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible()
    await shoot(app, dir, '02-connections')
    await expectNoViolations(app, `the connections at ${at}`)

    for (const step of STEPS) {
      await shell.goToStep(step.id)
      const page = app.locator(`[data-step-id="${step.id}"]`)
      await shoot(app, dir, `1${step.number}-${step.id}`)
      await expectNoViolations(app, `step ${step.number} at ${at}`)
      if (size.width === 1366) {
        // Items collapsed, the checklist view of a step fits two laptop screens.
        const height = await app.evaluate(() => document.documentElement.scrollHeight)
        expect(height, `step ${step.number}'s page height at 1366x768`).toBeLessThanOrEqual(2 * 768)
      }
      const tab = TOOL_TAB[step.id]
      if (tab) {
        await page.getByRole('tab', { name: tab }).click()
        await expect(page.getByRole('tabpanel', { name: tab })).toBeVisible()
        await shoot(app, dir, `1${step.number}-${step.id}-tool`)
        await expectNoViolations(app, `step ${step.number}'s ${tab} at ${at}`)
        await page.getByRole('tab', { name: 'Checklist' }).click()
      }
    }

    // An item opened: inline at 1366, beside the list at 1920.
    await shell.goToStep('setup')
    await new StepPage(app).item('setup.env-file').open()
    await shoot(app, dir, '30-item-open')
    await expectNoViolations(app, `an open item at ${at}`)

    await shell.goToSettings()
    await shoot(app, dir, '40-settings')
    await expectNoViolations(app, `the settings at ${at}`)

    await app.getByRole('button', { name: 'Export…' }).click()
    await expect(app.getByRole('dialog')).toBeVisible()
    await shoot(app, dir, '50-export')
    await expectNoViolations(app, `the export dialog at ${at}`)
    await app.keyboard.press('Escape')
  }
})
