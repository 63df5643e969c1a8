import type { Locator, Page } from '@playwright/test'

/** The activity tray in the header: running and recent jobs. */
export class ActivityTray {
  readonly toggle: Locator
  readonly count: Locator
  readonly panel: Locator
  readonly jobs: Locator

  constructor(readonly page: Page) {
    this.toggle = page.getByRole('button', { name: /^Activity/ })
    this.count = page.getByTestId('activity-count')
    this.panel = page.getByRole('region', { name: 'Activity' })
    this.jobs = this.panel.getByTestId('activity-job')
  }

  async open(): Promise<void> {
    if ((await this.toggle.getAttribute('aria-expanded')) !== 'true') await this.toggle.click()
  }

  job(title: string): Locator {
    return this.jobs.filter({ hasText: title })
  }
}
