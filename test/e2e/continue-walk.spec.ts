import { STEPS } from '../../src/shared/steps-catalog'
import { expect, test } from './fixtures'
import { expectNoViolations } from './support/axe'
import { startSmallDemo } from './support/demo'

/** How long one of the demo's runs (inventory, checks, comparisons) may take on a busy machine. */
const RUN_MS = 180_000

const RUN_KINDS = new Set(['run-inventory', 'run-checks', 'run-parity'])

/**
 * A new user's walk: from the overview, only Continue, through all seven steps to the teardown
 * gates, taking each step's next action where the demo allows it (the runs; opening the item).
 */
test('Continue leads from the overview through all seven steps to the teardown gates', async ({
  app,
}) => {
  test.setTimeout(900_000)
  await startSmallDemo(app)
  const next = app.getByTestId('overview-next')
  await expect(next).toBeVisible()
  await expect(next).toHaveAttribute('data-kind', 'run-inventory')
  await expectNoViolations(app, 'the overview with its next action')
  await next.getByRole('button', { name: 'Continue', exact: true }).click()

  for (const step of STEPS) {
    const page = app.locator(`[data-step-id="${step.id}"]`)
    await expect(page, `step ${step.number}`).toBeVisible()
    const card = page.getByTestId('step-next-action')
    await expect(card).toBeVisible()
    const kind = (await card.getAttribute('data-kind')) ?? 'none'
    if (RUN_KINDS.has(kind)) {
      // The step's run, from its card; the card moves on to what the run found.
      await card.getByRole('button', { name: /^Run the / }).click()
      await expect(card, `step ${step.number}'s run ends`).not.toHaveAttribute('data-kind', kind, {
        timeout: RUN_MS,
      })
    }
    const after = (await card.getAttribute('data-kind')) ?? 'none'
    if (after === 'do-item' || after === 'fix-check') {
      // The item the card names opens, its details shown and its heading's button focused.
      await card.getByRole('button', { name: 'Open the item' }).click()
      const opened = page.locator('[data-item-id] [aria-expanded="true"]').first()
      await expect(opened).toBeFocused()
    }
    if (step.number < STEPS.length) {
      await page
        .getByRole('button', { name: `Continue to step ${step.number + 1}: `, exact: false })
        .click()
    }
  }

  // The end of the walk: the teardown step's gates, with their states.
  const teardown = app.locator('[data-step-id="teardown"]')
  await teardown.getByRole('tab', { name: 'Decommission' }).click()
  const gates = app.getByTestId('teardown-panel').locator('[data-gate-id]')
  await expect(gates).toHaveCount(6)
  await expect(gates.first()).toHaveAttribute('data-state', /^(met|unmet|unknown)$/)
})
