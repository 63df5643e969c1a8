import { expect, type Locator, type Page } from '@playwright/test'
import { STEPS } from '../../../src/shared/steps-catalog'
import type { StepId } from '../../../src/shared/steps'
import { escapeRegExp } from './welcome-page'

/** The shell around an open project: header, left rail and the page area. */
export class ShellPage {
  readonly header: Locator
  readonly rail: Locator
  readonly main: Locator
  readonly saveStatus: Locator
  readonly projectName: Locator
  readonly fileActions: Locator

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner')
    this.rail = page.getByRole('navigation', { name: 'Migration steps' })
    this.main = page.getByRole('main')
    this.saveStatus = page.getByTestId('save-status')
    this.projectName = this.header.locator('.project-name')
    this.fileActions = page.getByRole('group', { name: 'Project file' })
  }

  async expectProject(name: string): Promise<void> {
    await expect(this.projectName).toHaveText(name)
  }

  /** The rail link of a step, whose accessible name is “<title>, N of M done”. */
  stepLink(stepId: StepId): Locator {
    const step = STEPS.find((s) => s.id === stepId)
    if (!step) throw new Error(`No step ${stepId}`)
    return this.rail.getByRole('link', { name: new RegExp(`^${escapeRegExp(step.title)}, `) })
  }

  async goToStep(stepId: StepId): Promise<void> {
    await this.stepLink(stepId).click()
    await expect(this.page.locator(`[data-step-id="${stepId}"]`)).toBeVisible()
  }

  async goToOverview(): Promise<void> {
    await this.rail.getByRole('link', { name: 'Overview' }).click()
    await expect(this.page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  }

  async goToSettings(): Promise<void> {
    await this.rail.getByRole('link', { name: 'Settings' }).click()
    await expect(this.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  }

  /** Saves and waits until the header says so (“Saved 12:03”). */
  async save(): Promise<void> {
    await this.fileActions.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(this.saveStatus).toHaveText(/^Saved \d/)
  }

  /** Exports the Markdown summary to a path through browser mode's Export dialog. */
  async exportMarkdown(path: string): Promise<void> {
    await this.fileActions.getByRole('button', { name: 'Export…' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'Export the plan' })
    await dialog.getByRole('radio', { name: 'Summary (Markdown)' }).check()
    await dialog.getByRole('radio', { name: /^Save it to a path/ }).check()
    await dialog.getByRole('textbox', { name: 'Path of the exported file' }).fill(path)
    await dialog.getByRole('button', { name: 'Export the summary (Markdown)' }).click()
    await expect(dialog).toHaveCount(0, { timeout: 60_000 })
    await expect(this.page.getByTestId('notice')).toContainText(path)
  }

  async close(): Promise<void> {
    await this.fileActions.getByRole('button', { name: 'Close' }).click()
  }

  /** Sets “Your name” in the header. */
  async setUserName(name: string): Promise<void> {
    await this.header.getByRole('button', { name: /(Set|Change) your name/ }).click()
    await this.header.getByRole('textbox', { name: 'Your name' }).fill(name)
    await this.header.getByRole('button', { name: 'Save your name' }).click()
    await expect(this.header.getByText(name, { exact: true })).toBeVisible()
  }
}
