import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page, TestInfo } from '@playwright/test'
import { STEPS } from '../../src/shared/steps-catalog'
import type { StepId } from '../../src/shared/steps'
import { expect, openApp, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { StepPage, type StatusLabel } from './pages/step-page'
import { WelcomePage } from './pages/welcome-page'

const PROJECT = 'Kenya CHIS analytics'
const USER = 'Amina Odhiambo'

interface Edit {
  step: StepId
  itemId: string
  status: StatusLabel
  note: string
  text?: string
  file?: { path: string; label?: string }
}

// Items in four different steps, with every kind of annotation.
const EDITS: Edit[] = [
  {
    step: 'plan',
    itemId: 'plan.inventory',
    status: 'Done',
    note: 'Inventory of the couch2pg database on analytics-01: 42 custom objects.',
    text: '31 formview_*, 8 useview_* and 3 functions depend on couchdb.',
    file: { path: '/srv/reports/inventory-2026-08.csv', label: 'Inventory export' },
  },
  {
    step: 'production',
    itemId: 'production.disk-sizing',
    status: 'In progress',
    note: 'A 10% sync took 3.1 GB, so about 31 GB before growth.',
    text: 'SELECT pg_size_pretty(pg_database_size(…)) gave 3.1 GB at 10 %.',
    file: { path: '/srv/reports/disk-usage.txt' },
  },
  {
    step: 'parity',
    itemId: 'parity.counts',
    status: 'In progress',
    note: 'medic matches; medic-sentinel is 12 rows short on the new side.',
    text: 'medic: 120431 = 120431; medic-sentinel: 88012 vs 88000.',
    file: { path: '/srv/reports/parity-counts.json', label: 'Counts run 1' },
  },
  {
    step: 'teardown',
    itemId: 'teardown.feedback',
    status: 'Not applicable',
    note: 'No issue to report so far.',
  },
]

async function applyEdits(page: Page): Promise<void> {
  const shell = new ShellPage(page)
  const steps = new StepPage(page)
  for (const edit of EDITS) {
    await shell.goToStep(edit.step)
    const item = steps.item(edit.itemId)
    await item.setStatus(edit.status)
    await item.setNote(edit.note)
    if (edit.text) await item.addTextEvidence(edit.text)
    if (edit.file) await item.addFileEvidence(edit.file.path, edit.file.label)
  }
}

/** Checks that every edit is shown as it was left: status, note, evidence, who. */
async function expectEdits(page: Page): Promise<void> {
  const shell = new ShellPage(page)
  const steps = new StepPage(page)
  await shell.expectProject(PROJECT)
  for (const edit of EDITS) {
    await shell.goToStep(edit.step)
    const item = steps.item(edit.itemId)
    await item.expectStatus(edit.status)
    await expect(item.note).toHaveValue(edit.note)
    const expected = (edit.text ? 1 : 0) + (edit.file ? 1 : 0)
    await expect(item.evidence).toHaveCount(expected)
    if (edit.text) await expect(item.evidence.filter({ hasText: edit.text })).toHaveCount(1)
    if (edit.file) {
      const entry = item.evidence.filter({ hasText: edit.file.path })
      await expect(entry).toHaveCount(1)
      if (edit.file.label) await expect(entry).toContainText(edit.file.label)
    }
    await expect(item.updated).toContainText(`Updated by ${USER}`)
  }
  // The rail carries the completion: plan 1 done; parity 0 (in progress does not count).
  const plan = STEPS.find((s) => s.id === 'plan')!
  await expect(shell.stepLink('plan')).toHaveAccessibleName(
    `${plan.title}, 1 of ${plan.items.length} done`,
  )
  await expect(shell.stepLink('parity')).toHaveAccessibleName(/, 0 of \d+ done$/)
  await expect(shell.stepLink('teardown')).toHaveAccessibleName(/, 1 of \d+ done$/)
  await shell.goToOverview()
  const activity = page.getByRole('region', { name: 'Latest activity' })
  for (const edit of EDITS) {
    const title = STEPS.flatMap((s) => s.items).find((i) => i.id === edit.itemId)!.title
    await expect(activity.getByRole('link', { name: title })).toBeVisible()
  }
  await expect(activity).toContainText(USER)
}

async function screenshotAll(page: Page, testInfo: TestInfo): Promise<void> {
  const shell = new ShellPage(page)
  const shoot = async (name: string) => {
    const path = testInfo.outputPath(`${name}.png`)
    await page.screenshot({ path, fullPage: true })
    await testInfo.attach(name, { path, contentType: 'image/png' })
  }
  await shell.goToOverview()
  await shoot('overview')
  for (const step of STEPS) {
    await shell.goToStep(step.id)
    await shoot(`step-${step.id}`)
  }
}

test('walks the migration, saves, reloads, reopens and reviews offline', async ({
  app,
  dirs,
  serve,
}, testInfo) => {
  test.setTimeout(180_000)
  const welcome = new WelcomePage(app)
  const shell = new ShellPage(app)
  const file = join(dirs.projectDir, 'kenya-chis.chtmig.json')

  await welcome.expectShown()
  // The suggested path is the default project folder plus the slugified name.
  await welcome.nameField.fill(PROJECT)
  await expect(welcome.newPathField).toHaveValue(
    join(dirs.projectDir, 'kenya-chis-analytics.chtmig.json'),
  )
  await welcome.createProject(PROJECT, file)
  await shell.expectProject(PROJECT)
  await shell.setUserName(USER)

  await applyEdits(app)
  await shell.save()

  // The Markdown export carries what was recorded.
  const markdown = join(dirs.projectDir, 'kenya-chis.md')
  await shell.exportMarkdown(markdown)
  const exported = await readFile(markdown, 'utf8')
  for (const edit of EDITS) expect(exported).toContain(edit.note)

  // 1. Reload: the project is still open in the server.
  await app.reload()
  await expect(app.locator('[data-app-state="ready"]')).toBeVisible()
  await expectEdits(app)

  // 2. Close, then reopen from the recent list.
  await shell.close()
  await welcome.expectShown()
  await welcome.recentEntry(PROJECT).click()
  await expectEdits(app)

  // 3. Close, then reopen by typing the path.
  await shell.close()
  await welcome.openByPath(file)
  await expectEdits(app)

  // 4. A new server process (nothing carried over in memory, no database anywhere): open the
  //    file again and review it.
  const restarted = await serve.restart()
  await openApp(app, restarted.url)
  await welcome.expectShown()
  await expect(welcome.recentEntry(PROJECT)).toBeVisible()
  await welcome.openByPath(file)
  await expectEdits(app)

  await screenshotAll(app, testInfo)
})
