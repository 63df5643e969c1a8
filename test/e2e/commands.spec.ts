import { expect, test } from './fixtures'
import { envPasswords } from './support/env-passwords'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import { expectNoViolations } from './support/axe'
import { startSmallDemo } from './support/demo'

/**
 * Commands to copy on the demo: an item's block opens from the keyboard, shows the `.env` filled
 * in from the demo's connections without a password, and its Copy button puts exactly that text
 * on the clipboard and says “Copied.”. The item is found by its stable id (`data-item-id`) and
 * the block by `data-testid="command-<block id>"`.
 */

const ITEM = 'production.parallel-run'
const BLOCK = 'command-cht-sync-env-production'

test('an item’s commands open from the keyboard and copy without a password', async ({
  app,
  serve,
}) => {
  test.setTimeout(360_000)
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: serve.origin,
  })
  await startSmallDemo(app)
  await new ShellPage(app).goToStep('production')
  const item = new StepPage(app).item(ITEM)
  await item.open()
  const commands = item.root.getByRole('list', { name: /^Commands to copy for/ })
  await expect(commands).toBeVisible()
  const block = commands.getByTestId(BLOCK)
  await expect(block).not.toHaveAttribute('open', '')

  // The disclosure opens with the keyboard.
  const summary = block.locator('summary')
  await summary.focus()
  // Reached with Tab, it shows the focus ring.
  await app.keyboard.press('Shift+Tab')
  await app.keyboard.press('Tab')
  await expect(summary).toBeFocused()
  const ring = await summary.evaluate((el) => ({
    visible: el.matches(':focus-visible'),
    style: getComputedStyle(el).outlineStyle,
  }))
  expect(ring).toEqual({ visible: true, style: 'solid' })
  await app.keyboard.press('Enter')
  await expect(block).toHaveAttribute('open', '')
  const pre = block.getByLabel('CHT Sync .env (production profile) (.env)')
  await expect(pre).toBeVisible()
  const text = (await pre.textContent()) ?? ''
  expect(text).toContain('COUCHDB_PASSWORD=<set this>')
  expect(text).toContain('POSTGRES_PASSWORD=<set this>')
  expect(text).toMatch(/^COUCHDB_DBS=/m)
  expect(text).toMatch(/^DBT_THREAD_COUNT=/m)
  const passwords = await envPasswords(app)
  for (const password of passwords) expect(text).not.toContain(password)

  await block.getByRole('button', { name: 'Copy CHT Sync .env (production profile)' }).click()
  await expect(block.getByText('Copied.')).toBeVisible()
  const copied = await app.evaluate(() => navigator.clipboard.readText())
  expect(copied).toBe(text)

  await expectNoViolations(app, 'the Production step with a command block open')
})
