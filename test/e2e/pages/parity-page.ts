import { expect, type Locator, type Page } from '@playwright/test'
import { openToolTab } from './step-page'

/** The Parity step's panel: comparisons set up, the run, the replica dashboard and the trend. */
export class ParityPanel {
  readonly root: Locator
  readonly setUp: Locator
  readonly addSuggested: Locator
  readonly run: Locator
  readonly dashboard: Locator
  readonly streak: Locator
  readonly documents: Locator
  readonly trend: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('parity-panel')
    this.setUp = this.root.getByRole('region', { name: 'Comparisons set up' })
    this.addSuggested = this.root.getByRole('button', { name: 'Add the suggested comparisons' })
    this.run = this.root.getByRole('button', { name: 'Run comparisons' })
    this.dashboard = this.root.getByRole('region', { name: 'Replica dashboard' })
    this.streak = this.root.getByTestId('parity-streak')
    this.documents = this.root.getByRole('region', { name: 'Documents' })
    this.trend = this.root.getByRole('region', { name: 'Trend' })
  }

  /** A document parity result of the Documents section, by its stored id. */
  docResult(id: string): Locator {
    return this.documents.locator(`[data-doc-result="${id}"]`)
  }

  /** The comparisons listed under “Comparisons set up”. */
  comparisons(): Locator {
    return this.setUp.getByRole('list', { name: 'Comparisons' }).getByRole('listitem')
  }

  /** A tile of the replica dashboard, by its metric id. */
  tile(metricId: string): Locator {
    return this.dashboard.locator(`[data-metric="${metricId}"]`)
  }

  /** Shows the step's tool, the “Comparisons” tab. */
  async openTab(): Promise<void> {
    await openToolTab(this.page, 'Comparisons')
  }

  /** Opens the “Comparisons” tab and waits for the panel. */
  async expectShown(): Promise<void> {
    await this.openTab()
    await expect(this.root).toBeVisible()
  }
}
