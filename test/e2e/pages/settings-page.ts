import { expect, type Locator, type Page } from '@playwright/test'

/** The settings page of the shell. */
export class SettingsPage {
  readonly staleDays: Locator

  constructor(readonly page: Page) {
    this.staleDays = page.getByLabel('Mark check results as stale after (days)')
  }

  async setStaleAfterDays(days: number): Promise<void> {
    await this.staleDays.fill(String(days))
    await this.page.getByRole('button', { name: 'Save stale age' }).click()
    await expect(this.staleDays).toHaveValue(String(days))
    await expect(this.page.getByRole('status')).toContainText(`older than ${days} days`)
  }
}
