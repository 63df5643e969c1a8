import { expect, type Locator, type Page } from '@playwright/test'
import { openToolTab } from './step-page'

/**
 * The Plan step's inventory: the scope summary with its run and export, the objects table (found
 * through its search: it renders only the rows in view), the bulk decision, the detail pane and
 * its decision form, the migration order and CouchDB's facts.
 */
export class PlanInventory {
  readonly root: Locator
  readonly scope: Locator
  readonly run: Locator
  readonly cancel: Locator
  readonly progress: Locator
  readonly exportDbt: Locator
  readonly search: Locator
  readonly table: Locator
  readonly shown: Locator
  readonly bulk: Locator
  readonly detail: Locator
  readonly decisionForm: Locator
  readonly order: Locator
  readonly couchdb: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('inventory-panel')
    this.scope = this.root.getByRole('region', { name: 'Inventory', exact: true })
    this.run = this.scope.getByRole('button', { name: 'Run inventory' })
    this.cancel = this.scope.getByRole('button', { name: 'Cancel' })
    this.progress = this.scope.getByTestId('job-progress')
    this.exportDbt = this.scope.getByRole('button', { name: 'Export dbt scaffolds' })
    this.search = this.root.getByRole('searchbox', { name: 'Search' })
    this.table = this.root.getByRole('region', { name: /^Objects table/ })
    this.shown = this.root.getByTestId('inventory-shown')
    this.bulk = this.root.getByRole('form', { name: 'Decide the selected objects' })
    this.detail = this.root.getByTestId('object-detail')
    this.decisionForm = this.detail.getByRole('form', { name: 'Decision' })
    this.order = this.root.getByTestId('migration-order')
    this.couchdb = this.root.getByRole('region', { name: 'CouchDB', exact: true })
  }

  /** Shows the step's tool, the “Inventory” tab. */
  async openTab(): Promise<void> {
    await openToolTab(this.page, 'Inventory')
  }

  /** Opens the “Inventory” tab and waits for the panel. */
  async expectShown(): Promise<void> {
    await this.openTab()
    await expect(this.root).toBeVisible()
  }

  /** A figure of the scope summary (`total`, `custom`, `couch2pg`, `undecided`, `retire`…). */
  figure(id: string): Locator {
    return this.scope.locator(`[data-count="${id}"] dd`)
  }

  /** The polite announcement at the end of an inventory run. */
  outcome(): Locator {
    return this.page.getByRole('status').filter({ hasText: /^The inventory listed / })
  }

  /** An object's row in the table, by its name (rendered only while in view). */
  row(name: string): Locator {
    return this.table.locator(`tr[data-name="${name}"]`)
  }

  /** Searches the table for an object and waits for its row. */
  async find(name: string): Promise<Locator> {
    await this.search.fill(name)
    const row = this.row(name)
    await expect(row).toBeVisible()
    return row
  }

  /** Opens an object in the detail pane from its row. */
  async open(name: string): Promise<void> {
    const row = await this.find(name)
    await row.getByRole('button', { name, exact: true }).click()
    await expect(this.detail.getByRole('heading', { level: 2 })).toHaveText(name)
  }

  /** Ticks an object's checkbox with the keyboard (Space), as a keyboard user would. */
  async select(name: string): Promise<void> {
    const row = await this.find(name)
    const box = row.getByRole('checkbox', { name: `Select ${name}` })
    await box.focus()
    await this.page.keyboard.press('Space')
    await expect(box).toBeChecked()
  }
}
