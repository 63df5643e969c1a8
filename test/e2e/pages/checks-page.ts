import type { Locator, Page } from '@playwright/test'

/** The checks of a step page: its gate, the run of all its checks, and each check's row. */
export class StepChecks {
  readonly gate: Locator
  readonly runAll: Locator
  readonly cancel: Locator
  readonly override: Locator
  readonly overrideInfo: Locator

  constructor(readonly page: Page) {
    this.gate = page.getByTestId('step-gate')
    this.runAll = this.gate.getByRole('button', { name: 'Run all checks of this step' })
    this.cancel = this.gate.getByRole('button', { name: 'Cancel' })
    this.override = this.gate.getByRole('button', { name: 'Override the gate' })
    this.overrideInfo = this.gate.getByTestId('gate-override')
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
