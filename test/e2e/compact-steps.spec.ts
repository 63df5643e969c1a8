import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { STEPS } from '../../src/shared/steps-catalog'
import { expect, test } from './fixtures'
import { StepChecks } from './pages/checks-page'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import { WelcomePage } from './pages/welcome-page'
import { expectNoViolations } from './support/axe'
import type { BrowserGlobals } from './support/browser-types'

/**
 * Compact step pages: one row per item, its details opened on demand (by keyboard too), the
 * open-items filter, the tool behind a tab whose view is in the address, and the details beside
 * the list on a wide screen.
 */

async function createProject(page: Page, dir: string, name: string): Promise<void> {
  await new WelcomePage(page).createProject(name, join(dir, `${name.toLowerCase()}.chtmig.json`))
  await new ShellPage(page).expectProject(name)
}

const pageHeight = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollHeight,
  )

const hash = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as BrowserGlobals).location.hash)

test('an item opens and closes from its title with the keyboard; done items close and can be hidden', async ({
  app,
  dirs,
}) => {
  await app.setViewportSize({ width: 1366, height: 768 })
  await createProject(app, dirs.projectDir, 'Compact')
  const shell = new ShellPage(app)
  const steps = new StepPage(app)
  await shell.goToStep('setup')

  // Every item is a closed row: its status, its checks' verdict, a summary of its guidance.
  const env = steps.item('setup.env-file')
  const rows = steps.checklist.locator('[data-item-id]')
  await expect(rows).toHaveCount(STEPS.find((s) => s.id === 'setup')!.items.length)
  await expect(steps.checklist.locator('[aria-expanded="true"]')).toHaveCount(0)
  await expect(env.root.locator('.item-status')).toHaveText('Status: To do')
  await expect(env.verdict).toHaveText('Automated checks: Not run yet')
  await expect(env.root.locator('.item-summary')).toHaveText(
    'Copy env.template to .env and set the POSTGRES_ and COUCHDB_ values.',
  )
  const consideration = steps.item('setup.docker-or-kubernetes')
  await expect(consideration.root.getByText('Key consideration')).toBeVisible()

  // Enter opens the details the button controls; Space closes them again.
  const controls = await env.toggle.getAttribute('aria-controls')
  expect(controls).toBeTruthy()
  await env.toggle.focus()
  await app.keyboard.press('Enter')
  await expect(env.toggle).toHaveAttribute('aria-expanded', 'true')
  const details = app.locator(`#${controls}`)
  await expect(details).toBeVisible()
  await expect(details.getByRole('group', { name: 'Status' })).toBeVisible()
  await expect(details.getByRole('textbox', { name: 'Note' })).toBeVisible()
  await expectNoViolations(app, 'a step page with an item open')
  await app.keyboard.press('Space')
  await expect(env.toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(details).toBeHidden()
  await expect(env.toggle).toBeFocused()

  // A note's first line becomes the row's summary.
  await env.setNote('Host is analytics-01.\nSecond line.')
  await env.close()
  await expect(env.root.locator('.item-summary')).toHaveText('Host is analytics-01.')

  // Opened items stay open while the user looks elsewhere.
  await env.open()
  await shell.goToOverview()
  await shell.goToStep('setup')
  await expect(env.toggle).toHaveAttribute('aria-expanded', 'true')
  await env.close()

  // Done: the item closes, is muted, and the filter can hide it.
  const compose = steps.item('setup.docker-or-kubernetes')
  await compose.open()
  await compose.statusRadio('Done').click()
  await expect(compose.root).toHaveAttribute('data-status', 'done')
  await expect(compose.toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(compose.toggle).toBeFocused()
  await expect(compose.root).toHaveClass(/item-settled/)
  await expect(steps.hiddenCount).toHaveText('1 item done or not applicable.')
  await steps.onlyOpenItems.focus()
  await app.keyboard.press('Space')
  await expect(steps.onlyOpenItems).toBeChecked()
  await expect(compose.root).toHaveCount(0)
  await expect(steps.hiddenCount).toHaveText('1 done or not applicable item hidden.')
  await expect(steps.onlyOpenItems).toHaveAccessibleDescription(
    '1 done or not applicable item hidden.',
  )
  await expect(rows).toHaveCount(STEPS.find((s) => s.id === 'setup')!.items.length - 1)

  // Marking an item done while the filter hides settled items: the focus goes to the next one.
  const tools = steps.item('setup.prerequisites')
  await tools.open()
  await tools.statusRadio('Not applicable').click()
  await expect(tools.root).toHaveCount(0)
  await expect(steps.item('setup.env-file').toggle).toBeFocused()
  await expect(steps.hiddenCount).toHaveText('2 done or not applicable items hidden.')

  // The gate's link to an item opens it and puts the focus on it.
  const checks = new StepChecks(app)
  await checks.openDetails()
  await expect(steps.item('setup.local-sync').toggle).toHaveAttribute('aria-expanded', 'false')
  await checks.gate.getByRole('link', { name: 'Confirm data reaches the local database' }).click()
  await expect(steps.item('setup.local-sync').toggle).toHaveAttribute('aria-expanded', 'true')
  await expect(steps.item('setup.local-sync').toggle).toBeFocused()
  await expectNoViolations(app, 'a step page filtered to its open items')
})

test('a step with a tool shows it behind a tab, moved with the arrow keys and kept in the address', async ({
  app,
  dirs,
}) => {
  await app.setViewportSize({ width: 1366, height: 768 })
  await createProject(app, dirs.projectDir, 'Tabs')
  const shell = new ShellPage(app)
  const steps = new StepPage(app)
  await shell.goToStep('plan')
  expect(await hash(app)).toBe('#/step/plan')

  const checklistTab = steps.tab('Checklist')
  const toolTab = steps.tab('Inventory')
  await expect(app.getByRole('tablist')).toHaveCount(1)
  await expect(checklistTab).toHaveAttribute('aria-selected', 'true')
  await expect(toolTab).toHaveAttribute('aria-selected', 'false')
  await expect(app.getByRole('tabpanel', { name: 'Checklist' })).toBeVisible()
  await expect(app.getByTestId('inventory-panel')).toHaveCount(0)

  // Arrow keys move between the tabs and show the chosen view; the address follows.
  await checklistTab.focus()
  await app.keyboard.press('ArrowRight')
  await expect(toolTab).toBeFocused()
  await expect(toolTab).toHaveAttribute('aria-selected', 'true')
  await expect(app.getByRole('tabpanel', { name: 'Inventory' })).toBeVisible()
  await expect(app.getByTestId('inventory-panel')).toBeVisible()
  await expect(app.getByRole('tabpanel', { name: 'Checklist' })).toBeHidden()
  expect(await hash(app)).toBe('#/step/plan/tool')
  await expectNoViolations(app, 'the Plan step on its Inventory tab')

  // Tab leaves the tab list for the panel: only the chosen tab is in the tab order.
  await app.keyboard.press('ArrowRight')
  await expect(checklistTab).toBeFocused()
  await expect(checklistTab).toHaveAttribute('aria-selected', 'true')
  await app.keyboard.press('End')
  await expect(toolTab).toHaveAttribute('aria-selected', 'true')
  await expect(checklistTab).toHaveAttribute('tabindex', '-1')

  // A reload (or a link) lands on the same view; the rail still marks the step.
  await app.reload()
  await expect(app.locator('[data-app-state="ready"]')).toBeVisible()
  await expect(steps.tab('Inventory')).toHaveAttribute('aria-selected', 'true')
  await expect(shell.stepLink('plan')).toHaveAttribute('aria-current', 'page')
  await steps.tab('Inventory').focus()
  await app.keyboard.press('Home')
  await expect(checklistTab).toHaveAttribute('aria-selected', 'true')
  expect(await hash(app)).toBe('#/step/plan')

  // The other tools.
  for (const [stepId, name] of [
    ['parity', 'Comparisons'],
    ['optimize', 'Dashboard queries'],
    ['teardown', 'Decommission'],
  ] as const) {
    await shell.goToStep(stepId)
    await expect(steps.tab('Checklist')).toHaveAttribute('aria-selected', 'true')
    await steps.tab(name).click()
    await expect(steps.tab(name)).toHaveAttribute('aria-selected', 'true')
    expect(await hash(app)).toBe(`#/step/${stepId}/tool`)
  }
  // Steps without a tool have no tabs.
  await shell.goToStep('monitor')
  await expect(app.getByRole('tablist')).toHaveCount(0)
})

test('every step page fits in two screens at 1366×768 with its items closed, and a wide screen shows the details beside the list', async ({
  app,
  dirs,
}, testInfo) => {
  await app.setViewportSize({ width: 1366, height: 768 })
  await createProject(app, dirs.projectDir, 'Heights')
  const shell = new ShellPage(app)
  const steps = new StepPage(app)
  for (const step of STEPS) {
    await shell.goToStep(step.id)
    const height = await pageHeight(app)
    expect(height, `the ${step.id} step is ${height} px tall`).toBeLessThanOrEqual(2 * 768)
  }

  await app.setViewportSize({ width: 1700, height: 1000 })
  await shell.goToStep('setup')
  const side = app.getByRole('region', { name: 'Item details' })
  await expect(side).toContainText('Open an item of the checklist')
  const env = steps.item('setup.env-file')
  await expect(env.toggle).toHaveAttribute('aria-controls', 'item-side')
  await env.toggle.click()
  const envSide = app.getByRole('region', { name: 'Details of “Fill in the .env file”' })
  await expect(envSide).toBeVisible()
  await expect(envSide.getByRole('group', { name: 'Status' })).toBeVisible()
  // The details are not under the row as well.
  await expect(env.root.getByRole('group', { name: 'Status' })).toHaveCount(0)
  // Beside the list, not under it.
  const listBox = await steps.checklist.boundingBox()
  const sideBox = await envSide.boundingBox()
  expect(sideBox!.x).toBeGreaterThan(listBox!.x + listBox!.width)

  // Only the item opened last shows there.
  const local = steps.item('setup.local-sync')
  await local.toggle.click()
  await expect(
    app.getByRole('region', { name: 'Details of “Confirm data reaches the local database”' }),
  ).toBeVisible()
  await expect(env.toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(local.toggle).toHaveAttribute('aria-expanded', 'true')
  await expectNoViolations(app, 'a step page on a wide screen with an item open')
  const path = testInfo.outputPath('setup-wide.png')
  await app.screenshot({ path })
  await testInfo.attach('setup-wide', { path, contentType: 'image/png' })

  // Close puts the focus back on the item's title in the list.
  await app
    .getByRole('button', { name: 'Close the details of “Confirm data reaches the local database”' })
    .click()
  await expect(local.toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(local.toggle).toBeFocused()
  await expect(side).toContainText('Open an item of the checklist')

  // Narrower again, the column goes; what was opened stays open, now under its row.
  await app.setViewportSize({ width: 1366, height: 768 })
  await expect(app.locator('#item-side')).toHaveCount(0)
  await expect(env.toggle).toHaveAttribute('aria-expanded', 'true')
  await expect(env.root.getByRole('group', { name: 'Status' })).toBeVisible()
})
