import { expect, type Locator, type Page } from '@playwright/test'

/** The settings page of the shell. */
export class SettingsPage {
  readonly staleDays: Locator
  /** The “Saved passwords” section, its list of sources and its live region. */
  readonly passwords: Locator
  readonly passwordSources: Locator
  readonly passwordsStatus: Locator

  constructor(readonly page: Page) {
    this.staleDays = page.getByLabel('Mark check results as stale after (days)')
    this.passwords = page.getByRole('region', { name: 'Saved passwords' })
    this.passwordSources = this.passwords.getByTestId('saved-passwords')
    this.passwordsStatus = this.passwords.getByTestId('saved-passwords-status')
  }

  async setStaleAfterDays(days: number): Promise<void> {
    await this.staleDays.fill(String(days))
    await this.page.getByRole('button', { name: 'Save stale age' }).click()
    await expect(this.staleDays).toHaveValue(String(days))
    await expect(this.page.getByRole('status')).toContainText(`older than ${days} days`)
  }

  /** The source of one connection's password, in words (“Kept until the wizard closes.”). */
  passwordSource(label: string): Locator {
    return this.passwordSources.locator('div').filter({ has: this.page.getByText(label) })
  }

  /** Presses a “Forget …” button of the section and answers its question's dialog. */
  async forgetPasswords(button: string, question: string): Promise<Locator> {
    await this.passwords.getByRole('button', { name: button }).click()
    const dialog = this.page.getByRole('dialog', { name: question })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Keep them' })).toBeFocused()
    return dialog
  }
}
