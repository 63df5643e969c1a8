import { expect, type Locator, type Page } from '@playwright/test'

export type StatusLabel = 'To do' | 'In progress' | 'Done' | 'Not applicable'

const STATUS_VALUE: Record<StatusLabel, string> = {
  'To do': 'todo',
  'In progress': 'in_progress',
  Done: 'done',
  'Not applicable': 'not_applicable',
}

const isUpdate = (url: string) => url.endsWith('/api/op/project.update')

/** One checklist item on a step page, found by its stable id. */
export class ChecklistItemPanel {
  readonly root: Locator
  readonly note: Locator
  readonly evidence: Locator
  readonly updated: Locator

  constructor(
    readonly page: Page,
    readonly itemId: string,
  ) {
    this.root = page.locator(`[data-item-id="${itemId}"]`)
    this.note = this.root.getByRole('textbox', { name: 'Note' })
    this.evidence = this.root.locator('.evidence-list > li')
    this.updated = this.root.locator('.updated')
  }

  statusRadio(label: StatusLabel): Locator {
    return this.root.getByRole('radio', { name: label, exact: true })
  }

  /** Chooses a status and waits until the engine's answer shows it. */
  async setStatus(label: StatusLabel): Promise<void> {
    await this.statusRadio(label).check()
    await this.expectStatus(label)
  }

  async expectStatus(label: StatusLabel): Promise<void> {
    await expect(this.root).toHaveAttribute('data-status', STATUS_VALUE[label])
    await expect(this.statusRadio(label)).toBeChecked()
  }

  /** Types a note and leaves the field, waiting for the engine to take the change. */
  async setNote(text: string): Promise<void> {
    await this.note.fill(text)
    const sent = this.page.waitForResponse((r) => isUpdate(r.url()))
    await this.note.blur()
    await sent
  }

  async addTextEvidence(text: string): Promise<void> {
    await this.root.getByRole('button', { name: 'Add evidence' }).click()
    await this.root.getByRole('radio', { name: 'Text' }).check()
    await this.root.getByLabel('Evidence text').fill(text)
    await this.root.getByRole('button', { name: 'Add evidence' }).click()
    await expect(this.evidence.filter({ hasText: text })).toHaveCount(1)
  }

  async addFileEvidence(path: string, label?: string): Promise<void> {
    await this.root.getByRole('button', { name: 'Add evidence' }).click()
    await this.root.getByRole('radio', { name: 'File reference' }).check()
    await this.root.getByLabel('File path').fill(path)
    if (label) await this.root.getByLabel('Label (optional)').fill(label)
    await this.root.getByRole('button', { name: 'Add evidence' }).click()
    await expect(this.evidence.filter({ hasText: path })).toHaveCount(1)
  }

  async removeEvidence(text: string): Promise<void> {
    await this.root.getByRole('button', { name: `Remove evidence: ${text}` }).click()
    await expect(this.evidence.filter({ hasText: text })).toHaveCount(0)
  }
}

/** A step page and its checklist. */
export class StepPage {
  constructor(readonly page: Page) {}

  item(itemId: string): ChecklistItemPanel {
    return new ChecklistItemPanel(this.page, itemId)
  }

  result(itemId: string): Locator {
    return this.item(itemId).root.getByTestId('check-result')
  }
}
