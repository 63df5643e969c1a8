import { expect, type Locator, type Page } from '@playwright/test'

/** The welcome screen: new project, open project, the recent list and the error alert. */
export class WelcomePage {
  readonly heading: Locator
  readonly nameField: Locator
  readonly newPathField: Locator
  readonly openPathField: Locator
  readonly recent: Locator
  readonly alert: Locator
  readonly backupButton: Locator
  readonly demo: Locator
  readonly demoButton: Locator
  readonly demoProgress: Locator
  readonly demoCancel: Locator
  /** The running demo, shown once its project is closed: its summary, Reopen and Stop. */
  readonly demoRunning: Locator
  readonly demoReopen: Locator
  readonly demoStop: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'CHT Sync migration wizard' })
    this.nameField = page.getByLabel('Project name')
    this.newPathField = page.getByLabel('Save the project file as')
    this.openPathField = page.getByLabel('Path of the project file')
    this.recent = page.getByRole('region', { name: 'Recent projects' })
    this.alert = page.getByRole('alert')
    this.backupButton = page.getByRole('button', { name: 'Open the backup copy' })
    this.demo = page.getByRole('region', { name: 'Try it without a real CHT' })
    this.demoButton = this.demo.getByRole('button', { name: 'Try the demo deployment' })
    this.demoProgress = this.demo.getByRole('progressbar')
    this.demoCancel = this.demo.getByRole('button', { name: 'Cancel' })
    this.demoRunning = this.demo.getByTestId('demo-running')
    this.demoReopen = this.demo.getByRole('button', { name: 'Reopen' })
    this.demoStop = this.demo.getByRole('button', { name: 'Stop', exact: true })
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible()
  }

  /** Creates a project; in browser mode the file path is part of the form. */
  async createProject(name: string, path?: string): Promise<void> {
    await this.nameField.fill(name)
    if (path !== undefined) await this.newPathField.fill(path)
    await this.page.getByRole('button', { name: 'Create project' }).click()
  }

  async openByPath(path: string): Promise<void> {
    await this.openPathField.fill(path)
    await this.page.getByRole('button', { name: 'Open project' }).click()
  }

  recentEntry(name: string): Locator {
    return this.recent.getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}\\b`) })
  }

  /** The list item of a recent entry, with its “File not found” mark and buttons. */
  recentItem(name: string): Locator {
    const entry = this.page.getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}\\b`) })
    return this.recent.getByRole('listitem').filter({ has: entry })
  }

  /** The “Remove from list” button of a recent entry whose file is gone. */
  recentRemove(name: string): Locator {
    return this.recent.getByRole('button', { name: `Remove from list: ${name}` })
  }
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
