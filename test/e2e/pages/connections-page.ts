import { expect, type Locator, type Page } from '@playwright/test'
import type { EndpointId } from '../../../src/shared/project-schema'

const HEADINGS: Record<EndpointId, string> = {
  couchdb: 'CHT CouchDB',
  couch2pg: 'couch2pg PostgreSQL',
  chtSync: 'CHT Sync PostgreSQL',
}

/** One endpoint's card: its profile fields, password, buttons, status and stored result. */
export class ConnectionCardPanel {
  readonly root: Locator
  readonly password: Locator
  readonly testButton: Locator
  readonly saveButton: Locator
  readonly status: Locator
  readonly result: Locator

  constructor(
    readonly page: Page,
    readonly endpoint: EndpointId,
  ) {
    this.root = page.getByRole('region', { name: HEADINGS[endpoint] })
    this.password = this.root.getByLabel(/^Password/)
    this.testButton = this.root.getByRole('button', { name: 'Test connection' })
    this.saveButton = this.root.getByRole('button', { name: 'Save', exact: true })
    this.status = this.root.getByRole('status')
    this.result = this.root.getByTestId('connection-result')
  }

  field(label: string): Locator {
    return this.root.getByLabel(label, { exact: true })
  }

  /** Fills a PostgreSQL profile; only the given fields are changed. */
  async fillPostgres(
    values: Partial<Record<'Host' | 'Port' | 'Database' | 'User' | 'Schema' | 'Raw table', string>>,
  ) {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value)
  }

  /** Presses “Test connection” and waits until the card is no longer working. */
  async test(): Promise<void> {
    await this.testButton.click()
    await expect(this.testButton).toBeEnabled({ timeout: 20_000 })
  }
}

/** The connections page of the shell. */
export class ConnectionsPage {
  readonly heading: Locator
  readonly testAllButton: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Connections' })
    this.testAllButton = page.getByRole('button', { name: 'Test all three' })
  }

  card(endpoint: EndpointId): ConnectionCardPanel {
    return new ConnectionCardPanel(this.page, endpoint)
  }

  /** Opens the page from the rail. */
  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Migration steps' })
      .getByRole('link', { name: /^Connections, / })
      .click()
    await expect(this.heading).toBeVisible()
  }
}
