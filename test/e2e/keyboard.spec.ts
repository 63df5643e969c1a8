import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import type { BrowserGlobals } from './support/browser-types'

/**
 * Presses Tab until the focused element matches the CSS selector, as a keyboard user would;
 * fails after `max` presses, so a control that cannot be reached is reported, not waited for.
 */
async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const hit = await page.evaluate(
      (sel) =>
        (globalThis as unknown as BrowserGlobals).document.activeElement?.matches(sel) ?? false,
      selector,
    )
    if (hit) return
  }
  throw new Error(`Tab never reached ${selector} after ${max} presses`)
}

/** Reads how the focused element (or the part drawn for it) shows focus. */
async function focusRing(page: Page) {
  return page.evaluate(() => {
    const browser = globalThis as unknown as BrowserGlobals
    const el = browser.document.activeElement
    if (!el) return { focusVisible: false, outlineStyle: 'none', outlineWidth: 0 }
    // A status radio is drawn by the span after it; that span carries the ring.
    const drawn = el.matches('.segment input') ? (el.nextElementSibling ?? el) : el
    const style = browser.getComputedStyle(drawn)
    return {
      focusVisible: el.matches(':focus-visible'),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
    }
  })
}

test('an item status can be reached and changed with the keyboard alone', async ({ app, dirs }) => {
  // Create the project with the keyboard too.
  await tabTo(app, '#new-project-name')
  await app.keyboard.type('Keyboard only')
  await tabTo(app, '#new-project-path')
  await app.keyboard.press('ControlOrMeta+a')
  await app.keyboard.type(join(dirs.projectDir, 'keyboard.chtmig.json'))
  await app.keyboard.press('Enter')
  const shell = new ShellPage(app)
  await shell.expectProject('Keyboard only')

  // Reach the step in the rail, open it, then reach the item's status group.
  await tabTo(app, 'nav a[aria-label^="Set up CHT Sync"]')
  expect((await focusRing(app)).focusVisible).toBe(true)
  await app.keyboard.press('Enter')
  await expect(
    app.getByRole('heading', { level: 1, name: 'Set up CHT Sync locally' }),
  ).toBeFocused()
  // The item opens from its title with Enter; its status group follows.
  await tabTo(app, '#item-setup-env-file-toggle')
  const item = new StepPage(app).item('setup.env-file')
  await expect(item.toggle).toHaveAttribute('aria-expanded', 'false')
  await app.keyboard.press('Enter')
  await expect(item.toggle).toHaveAttribute('aria-expanded', 'true')
  await tabTo(app, 'input[name="status-setup.env-file"]')

  await expect(item.statusRadio('To do')).toBeFocused()
  const ring = await focusRing(app)
  expect(ring.focusVisible).toBe(true)
  expect(ring.outlineStyle).toBe('solid')
  expect(ring.outlineWidth).toBeGreaterThanOrEqual(2)

  await app.keyboard.press('ArrowRight')
  await item.expectStatus('In progress')
  await expect(item.statusRadio('In progress')).toBeFocused()
  await app.keyboard.press('ArrowRight')
  // Done closes the item; the focus goes back to its title.
  await expect(item.root).toHaveAttribute('data-status', 'done')
  await expect(item.toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(item.toggle).toBeFocused()
  await item.expectStatus('Done')
  await expect(shell.stepLink('setup')).toHaveAccessibleName(/, 1 of \d+ done$/)
})

test('the Save As dialog keeps focus inside and Escape cancels it', async ({ app, dirs }) => {
  const shell = new ShellPage(app)
  await app.getByLabel('Project name').fill('Dialog check')
  await app.getByLabel('Save the project file as').fill(join(dirs.projectDir, 'dialog.chtmig.json'))
  await app.getByRole('button', { name: 'Create project' }).click()
  await shell.expectProject('Dialog check')

  const saveAs = shell.fileActions.getByRole('button', { name: 'Save As…' })
  await saveAs.focus()
  await app.keyboard.press('Enter')
  const dialog = app.getByRole('dialog', { name: 'Save the project as' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('textbox', { name: 'Path of the new project file' })).toBeFocused()
  for (let i = 0; i < 6; i++) {
    await app.keyboard.press('Tab')
    const inside = await app.evaluate(() => {
      const { document } = globalThis as unknown as BrowserGlobals
      const el = document.activeElement
      // Chromium lets Tab leave a modal for the browser's own UI (body), never for the page.
      return el === document.body || (el?.closest('dialog') ?? null) !== null
    })
    expect(inside, `focus left the dialog after ${i + 1} Tab presses`).toBe(true)
  }
  await app.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(saveAs).toBeFocused()
})
