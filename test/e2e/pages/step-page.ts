import { expect, type Locator, type Page } from '@playwright/test'

export type StatusLabel = 'To do' | 'In progress' | 'Done' | 'Not applicable'

const STATUS_VALUE: Record<StatusLabel, string> = {
  'To do': 'todo',
  'In progress': 'in_progress',
  Done: 'done',
  'Not applicable': 'not_applicable',
}

const isUpdate = (url: string) => url.endsWith('/api/op/project.update')

/**
 * One checklist item on a step page, found by its stable id. Its row shows its title (the
 * button that opens its details), status and verdict; the methods open its details first.
 */
export class ChecklistItemPanel {
  readonly root: Locator
  /** The disclosure button in the item's heading. */
  readonly toggle: Locator
  /** The verdict of its checks, gates or result on its row, when something judges it. */
  readonly verdict: Locator
  readonly note: Locator
  readonly evidence: Locator
  readonly updated: Locator

  constructor(
    readonly page: Page,
    readonly itemId: string,
  ) {
    this.root = page.locator(`[data-item-id="${itemId}"]`)
    this.toggle = this.root.getByRole('heading', { level: 2 }).getByRole('button')
    this.verdict = this.root.getByTestId('item-verdict')
    this.note = this.root.getByRole('textbox', { name: 'Note' })
    this.evidence = this.root.locator('.evidence-list > li')
    this.updated = this.root.locator('.updated')
  }

  /** Opens the item's details (if closed) and waits until they show. */
  async open(): Promise<void> {
    if ((await this.toggle.getAttribute('aria-expanded')) !== 'true') await this.toggle.click()
    await expect(this.toggle).toHaveAttribute('aria-expanded', 'true')
  }

  async close(): Promise<void> {
    if ((await this.toggle.getAttribute('aria-expanded')) === 'true') await this.toggle.click()
    await expect(this.toggle).toHaveAttribute('aria-expanded', 'false')
  }

  statusRadio(label: StatusLabel): Locator {
    return this.root.getByRole('radio', { name: label, exact: true })
  }

  /**
   * Chooses a status and waits until the engine's answer shows it (an item closes when it
   * becomes done or not applicable; the check opens it again).
   */
  async setStatus(label: StatusLabel): Promise<void> {
    await this.open()
    // click, not check(): Done and Not applicable close the item, taking the radio away.
    await this.statusRadio(label).click()
    await this.expectStatus(label)
  }

  /** The item's status, on its row and (opening it) in its status control. */
  async expectStatus(label: StatusLabel): Promise<void> {
    await expect(this.root).toHaveAttribute('data-status', STATUS_VALUE[label])
    await expect(this.root.locator('.item-status')).toHaveText(`Status: ${label}`)
    await this.open()
    await expect(this.statusRadio(label)).toBeChecked()
  }

  /** Types a note and leaves the field, waiting for the engine to take the change. */
  async setNote(text: string): Promise<void> {
    await this.open()
    await this.note.fill(text)
    const sent = this.page.waitForResponse((r) => isUpdate(r.url()))
    await this.note.blur()
    await sent
  }

  async addTextEvidence(text: string): Promise<void> {
    await this.open()
    await this.root.getByRole('button', { name: 'Add evidence' }).click()
    await this.root.getByRole('radio', { name: 'Text' }).check()
    await this.root.getByLabel('Evidence text').fill(text)
    await this.root.getByRole('button', { name: 'Add evidence' }).click()
    await expect(this.evidence.filter({ hasText: text })).toHaveCount(1)
  }

  async addFileEvidence(path: string, label?: string): Promise<void> {
    await this.open()
    await this.root.getByRole('button', { name: 'Add evidence' }).click()
    await this.root.getByRole('radio', { name: 'File reference' }).check()
    await this.root.getByLabel('File path').fill(path)
    if (label) await this.root.getByLabel('Label (optional)').fill(label)
    await this.root.getByRole('button', { name: 'Add evidence' }).click()
    await expect(this.evidence.filter({ hasText: path })).toHaveCount(1)
  }

  async removeEvidence(text: string): Promise<void> {
    await this.open()
    await this.root.getByRole('button', { name: `Remove evidence: ${text}` }).click()
    await expect(this.evidence.filter({ hasText: text })).toHaveCount(0)
  }
}

/**
 * Shows a step's tool (its tab: `Inventory`, `Comparisons`, `Dashboard queries`,
 * `Decommission`) unless it is shown already.
 */
export async function openToolTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true })
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click()
  await expect(tab).toHaveAttribute('aria-selected', 'true')
}

/** A step page: its checklist (with the open-items filter) and, on some steps, its tabs. */
export class StepPage {
  readonly checklist: Locator
  readonly onlyOpenItems: Locator
  readonly hiddenCount: Locator

  constructor(readonly page: Page) {
    this.checklist = page.getByRole('list', { name: /^Checklist for / })
    this.onlyOpenItems = page.getByRole('checkbox', { name: 'Only open items' })
    this.hiddenCount = page.getByTestId('hidden-count')
  }

  item(itemId: string): ChecklistItemPanel {
    return new ChecklistItemPanel(this.page, itemId)
  }

  /** The stored result shown in an item's details (open the item first). */
  result(itemId: string): Locator {
    return this.item(itemId).root.getByTestId('check-result')
  }

  tab(name: string): Locator {
    return this.page.getByRole('tab', { name, exact: true })
  }

  /** Shows the step's checklist (on a step with tabs). */
  async openChecklist(): Promise<void> {
    await openToolTab(this.page, 'Checklist')
  }
}
