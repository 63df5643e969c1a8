import { expect, type Locator, type Page } from '@playwright/test'

/**
 * The checks of a step page: its gate (one line, the rest behind its disclosure), the run of all
 * its checks, and each check's row (in its item's details: open the item first).
 */
export class StepChecks {
  readonly gate: Locator
  /** The gate's disclosure: what holds it, what to look at, the override. */
  readonly details: Locator
  readonly runAll: Locator
  readonly cancel: Locator
  readonly override: Locator
  readonly overrideInfo: Locator

  constructor(readonly page: Page) {
    this.gate = page.getByTestId('step-gate')
    this.details = this.gate.getByTestId('gate-details')
    this.runAll = this.gate.getByRole('button', { name: 'Run all checks of this step' })
    this.cancel = this.gate.getByRole('button', { name: 'Cancel' })
    this.override = this.gate.getByRole('button', { name: 'Override the gate' })
    this.overrideInfo = this.gate.getByTestId('gate-override')
  }

  /** Opens the gate's disclosure (if closed). */
  async openDetails(): Promise<void> {
    if ((await this.details.getAttribute('open')) === null) {
      await this.details.locator('summary').click()
    }
    await expect(this.details).toHaveAttribute('open', '')
  }

  /** A check's row in its checklist item, by its catalog id. */
  check(checkId: string): Locator {
    return this.page.locator(`[data-check-id="${checkId}"]`)
  }

  /** The Run button of one check, named after its title. */
  runOne(title: string): Locator {
    return this.page.getByRole('button', { name: `Run “${title}”` })
  }

  reportButton(title: string): Locator {
    return this.page.getByRole('button', { name: `Report a problem with “${title}”` })
  }

  reportDialog(title: string): Locator {
    return this.page.getByRole('dialog', { name: `Report a problem: ${title}` })
  }

  /** The polite announcement at the end of a checks run. */
  outcome(): Locator {
    return this.page
      .getByRole('status')
      .filter({ hasText: /^(All \d+ checks passed\.|The check passed\.|Of \d+ checks?: .*)$/ })
  }
}
