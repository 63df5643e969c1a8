import { expect, type Locator, type Page } from '@playwright/test'
import { openToolTab } from './step-page'

/** Where the Teardown page's screenshots go, for a person to look at. */
export const SHOTS = '/tmp/shots'

/** The Teardown step's panel: its sections, found by their headings. */
export class TeardownPanel {
  readonly root: Locator
  readonly readiness: Locator
  readonly settings: Locator
  readonly snapshots: Locator
  readonly dashboards: Locator
  readonly backup: Locator
  readonly plan: Locator
  readonly run: Locator
  readonly history: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('teardown-panel')
    const section = (name: string) => this.root.getByRole('region', { name, exact: true })
    this.readiness = section('Readiness')
    this.settings = section('Settings')
    this.snapshots = section('Reads of the couch2pg database')
    this.dashboards = section('Dashboards')
    this.backup = section('Backup')
    this.plan = section('The decommission plan')
    this.run = section('Run the database stages')
    this.history = section('Stage runs and audit trail')
  }

  /** Shows the step's tool, the “Decommission” tab. */
  async openTab(): Promise<void> {
    await openToolTab(this.page, 'Decommission')
  }

  /** Opens the “Decommission” tab and waits for the panel. */
  async expectShown(): Promise<void> {
    await this.openTab()
    await expect(this.root).toBeVisible()
  }

  gate(id: string): Locator {
    return this.readiness.locator(`[data-gate-id="${id}"]`)
  }

  stage(id: string): Locator {
    return this.plan.locator(`[data-stage="${id}"]`)
  }

  /** The stop stage's commands, as the code block shows them. */
  stopCommands(): Locator {
    return this.stage('stop').locator('pre code').first()
  }

  runButton(): Locator {
    return this.run.getByRole('button', { name: 'Run', exact: true })
  }

  /** Scrolls a section to the top of the view (under the sticky header) for a screenshot. */
  async shoot(section: Locator, name: string): Promise<void> {
    const box = await section.boundingBox()
    expect(box).not.toBeNull()
    // Under the sticky header, whatever was scrolled before.
    await this.page.evaluate(
      (y) => (globalThis as unknown as { scrollBy(x: number, y: number): void }).scrollBy(0, y),
      box!.y - 90,
    )
    await this.page.screenshot({ path: `${SHOTS}/teardown-${name}.png` })
  }
}
