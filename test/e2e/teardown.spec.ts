import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import { SHOTS, TeardownPanel } from './pages/teardown-page'
import { WelcomePage } from './pages/welcome-page'
import { expectNoViolations } from './support/axe'
import { toFileText } from './support/project-files'
import { reviewedProject } from './support/teardown-project'
import { startSmallDemo } from './support/demo'

/** Starts a small demo (the way the page calls the engine) and opens its Teardown step. */
async function startDemo(page: Page): Promise<TeardownPanel> {
  await startSmallDemo(page)
  await new ShellPage(page).goToStep('teardown')
  const panel = new TeardownPanel(page)
  await panel.expectShown()
  return panel
}

test('the Teardown step judges the gates, keeps its settings, dashboards, snapshots and override, and guards the run', async ({
  app,
  workDir,
}) => {
  test.setTimeout(300_000)
  await mkdir(SHOTS, { recursive: true })
  await app.setViewportSize({ width: 1366, height: 768 })
  const panel = await startDemo(app)

  // The gates, each with its state and evidence; no backup, so the verdict is “Blocked”.
  await expect(panel.readiness.locator('[data-gate-id]')).toHaveCount(6)
  await expect(panel.gate('backup')).toHaveAttribute('data-state', 'unmet')
  await expect(panel.gate('backup').getByRole('list', { name: /^Evidence/ })).toContainText(
    'No backup is recorded.',
  )
  await expect(panel.gate('backup')).toContainText('What to do:')
  await expect(panel.gate('decisions').getByRole('listitem').first()).toBeVisible()
  await expect(panel.readiness).toHaveAttribute('data-verdict', 'blocked')
  await expect(panel.readiness.getByTestId('teardown-verdict')).toContainText('Blocked')
  await expect(panel.readiness.getByTestId('teardown-uncovered')).toContainText(
    'A verified backup exists',
  )
  await expectNoViolations(app, 'the Teardown step as the demo opens it')
  await panel.shoot(panel.readiness, 'readiness')

  // The deployment type: the plan's stop commands follow it.
  await expect(panel.stopCommands()).toContainText('docker compose stop couch2pg')
  await expect(panel.stopCommands()).toContainText('kubectl scale')
  await panel.settings.getByRole('combobox', { name: 'How couch2pg is deployed' }).selectOption({
    label: 'Kubernetes',
  })
  await panel.settings.getByRole('button', { name: 'Save settings' }).click()
  await expect(panel.stopCommands()).toHaveText(
    'kubectl scale deployment cht-couch2pg --replicas=0',
  )
  // Out-of-range days are refused with a message, nothing saved.
  const quiet = panel.settings.getByRole('spinbutton', { name: 'Quiet days' })
  await quiet.fill('400')
  await panel.settings.getByRole('button', { name: 'Save settings' }).click()
  await expect(panel.settings.getByRole('alert')).toHaveText(
    'Give a whole number of days from 1 to 365.',
  )
  await expect(quiet).toBeFocused()
  await quiet.fill('14')
  await expect(panel.settings.getByRole('alert')).toHaveCount(0)

  // A Copy button, labelled, that says what it did.
  const copy = panel.stage('stop').getByRole('button', { name: /^Copy the commands of/ })
  await expect(copy).toHaveAccessibleName('Copy the commands of “Stop couch2pg”')
  await copy.click()
  await expect(panel.stage('stop').locator('.copy-status').first()).toHaveText(
    /^(Copied\.|Could not copy: select the text and copy it\.)$/,
  )
  await expect(panel.stage('drop')).toContainText('Cannot be undone')
  await panel.shoot(panel.plan, 'plan')

  // A dashboard added, then attested switched: the gate is met.
  await panel.dashboards.getByRole('textbox', { name: 'Dashboard name' }).fill('ANC dashboard')
  await panel.dashboards.getByRole('button', { name: 'Add dashboard' }).click()
  const anc = panel.dashboards.locator('[data-dashboard="ANC dashboard"]')
  await expect(anc).toContainText('Not attested yet')
  await expect(panel.gate('dashboards')).toHaveAttribute('data-state', 'unmet')
  await anc.getByRole('checkbox', { name: 'Switched to the new models: ANC dashboard' }).check()
  await expect(anc).toHaveAttribute('data-switched', 'true')
  await expect(anc).toContainText('Attested by')
  await expect(panel.gate('dashboards')).toHaveAttribute('data-state', 'met')

  // A usage snapshot of the demo's couch2pg database.
  await panel.snapshots.getByRole('button', { name: 'Take a usage snapshot' }).click()
  await expect(
    panel.snapshots.getByTestId('teardown-snapshot-table').locator('tbody tr'),
  ).toHaveCount(1, { timeout: 60_000 })
  await expect(panel.snapshots.getByTestId('teardown-no-reads-need')).toContainText(
    'take another on or after',
  )
  await expect(panel.gate('no-reads')).toContainText('1 usage snapshot, none 14 days older')
  await panel.shoot(panel.snapshots, 'snapshots')

  // Run stays disabled while gates are not met, and says why.
  await expect(panel.runButton()).toBeDisabled()
  await expect(panel.run.getByTestId('teardown-run-blocked')).toContainText(
    'These gates are not met',
  )

  // An override, recorded with a reason and a name, covering the gates not met.
  await panel.readiness.getByRole('button', { name: 'Record an override' }).click()
  const dialog = app.getByRole('dialog', { name: 'Override the teardown gates' })
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('The ministry set the date.')
  await dialog.getByRole('textbox', { name: 'Decided by' }).fill('Amina Otieno')
  await expectNoViolations(app, 'the override dialog of the Teardown step')
  await app.screenshot({ path: `${SHOTS}/teardown-override-dialog.png` })
  await dialog.getByRole('button', { name: 'Record the override' }).click()
  await expect(dialog).toHaveCount(0)
  const override = panel.readiness.getByTestId('teardown-override')
  await expect(override).toContainText('Overridden by Amina Otieno')
  await expect(override).toContainText('The ministry set the date.')
  await expect(override).toContainText('A verified backup exists')
  await expect(panel.readiness.getByTestId('teardown-uncovered')).toHaveCount(0)
  await expect(panel.readiness.getByTestId('teardown-overridden')).toBeVisible()
  await expect(panel.gate('backup')).toContainText('Covered by the override')
  await panel.shoot(override, 'override')

  // A wrong name keeps Run disabled; the right one lets it be pressed.
  const database = (await panel.run.locator('.hint code').first().textContent()) ?? ''
  expect(database).not.toBe('')
  const confirm = panel.run.getByRole('textbox', { name: 'Type the database name to confirm' })
  await confirm.fill(`${database}_wrong`)
  await expect(panel.runButton()).toBeDisabled()
  await expect(panel.run.getByTestId('teardown-run-blocked')).toContainText(
    `Type the database's name, ${database}, exactly`,
  )
  await confirm.fill(database)
  await expect(panel.runButton()).toBeEnabled()
  await expect(panel.run.getByTestId('teardown-run-blocked')).toHaveCount(0)

  // The run form by keyboard: every control in order, each labelled.
  const user = panel.run.getByRole('textbox', { name: 'Privileged user' })
  const password = panel.run.getByLabel('Password', { exact: true })
  await expect(password).toHaveAttribute('type', 'password')
  await expect(password).toHaveAttribute('autocomplete', 'off')
  await user.focus()
  await app.keyboard.type('postgres')
  await app.keyboard.press('Tab')
  await expect(password).toBeFocused()
  await app.keyboard.press('Tab')
  await expect(panel.run.getByRole('textbox', { name: 'Maintenance database' })).toBeFocused()
  await expect(panel.run.getByRole('textbox', { name: 'Maintenance database' })).toHaveValue(
    'postgres',
  )
  await app.keyboard.press('Tab')
  const revoke = panel.run.getByRole('radio', { name: 'Revoke access and rename the database' })
  await expect(revoke).toBeFocused()
  await app.keyboard.press('ArrowDown')
  await expect(panel.run.getByRole('radio', { name: /^Undo: rename back/ })).toBeChecked()
  await app.keyboard.press('ArrowUp')
  await expect(revoke).toBeChecked()
  await app.keyboard.press('Tab')
  await expect(confirm).toBeFocused()
  await app.keyboard.press('Tab')
  await expect(panel.run.getByRole('button', { name: 'Dry run' })).toBeFocused()
  await app.keyboard.press('Tab')
  await expect(panel.runButton()).toBeFocused()
  await expectNoViolations(app, 'the Teardown step with an override and the run form filled')
  await panel.shoot(panel.run, 'run')

  // A dry run without a user judges the project's rules only; nothing is changed, all recorded.
  await user.fill('')
  await password.fill('not kept')
  await panel.run.getByRole('button', { name: 'Dry run' }).click()
  const result = panel.run.getByTestId('teardown-result')
  await expect(result).toBeVisible({ timeout: 30_000 })
  await expect(result).toHaveAttribute('data-outcome', /^(dry-run|refused)$/)
  await expect(result.getByRole('heading', { name: /^Dry run: Revoke access/ })).toBeFocused()
  await expect(password).toHaveValue('')
  await expect(panel.history.getByTestId('teardown-executions').locator('tbody tr')).toHaveCount(1)
  await expect(panel.history.getByTestId('teardown-executions')).toContainText(/Dry run|Refused/)
  await expectNoViolations(app, 'the Teardown step after a dry run')
  await panel.shoot(result, 'dry-run')

  // The override cleared: the gates hold the run again.
  await override.getByRole('button', { name: 'Remove override' }).click()
  await expect(panel.readiness.getByTestId('teardown-override')).toHaveCount(0)
  await expect(panel.readiness.getByTestId('teardown-uncovered')).toBeVisible()
  await expect(panel.runButton()).toBeDisabled()

  // The backup: a file that is not there is refused with why; a backup made is verified and
  // recorded, or refused with why (this machine's pg_dump may be older than the demo's server).
  const backupFile = panel.backup.getByRole('textbox', { name: 'Backup file' })
  await backupFile.fill(`${workDir}/missing.dump`)
  await panel.backup.getByRole('button', { name: 'Record the backup' }).click()
  await expect(panel.backup.getByRole('alert')).not.toHaveText('', { timeout: 30_000 })
  await expect(backupFile).toHaveAttribute('aria-invalid', 'true')
  await panel.backup.getByRole('button', { name: 'Make a backup' }).click()
  const folder = app.getByRole('dialog', { name: 'Make a backup' })
  await folder.getByRole('textbox', { name: 'Folder for the backup' }).fill(workDir)
  await folder.getByRole('button', { name: 'Make the backup' }).click()
  await expect(folder).toHaveCount(0)
  await expect(
    panel.backup
      .getByTestId('teardown-backup-record')
      .or(panel.backup.getByText('The backup was not made', { exact: true })),
  ).toBeVisible({ timeout: 120_000 })
  await expectNoViolations(app, 'the Teardown step after a backup')
  await panel.shoot(panel.backup, 'backup')

  // Everything recorded is read back from the project after a reload.
  await app.reload()
  await expect(app.locator('[data-app-state="ready"]')).toBeVisible()
  await expect(panel.root).toBeVisible()
  await expect(panel.stopCommands()).toHaveText(
    'kubectl scale deployment cht-couch2pg --replicas=0',
  )
  await expect(panel.dashboards.locator('[data-dashboard="ANC dashboard"]')).toHaveAttribute(
    'data-switched',
    'true',
  )
  await expect(
    panel.snapshots.getByTestId('teardown-snapshot-table').locator('tbody tr'),
  ).toHaveCount(1)
  await expectNoViolations(app, 'the Teardown step after a reload')
  await panel.shoot(panel.history, 'history')
})

test('the teardown of a saved project is reviewed offline: its backup, an override that no longer covers everything, and a long audit trail', async ({
  app,
  dirs,
}) => {
  await mkdir(SHOTS, { recursive: true })
  await app.setViewportSize({ width: 1366, height: 768 })
  const file = join(dirs.projectDir, 'teardown.chtmig.json')
  await writeFile(file, toFileText(reviewedProject()))
  await new WelcomePage(app).openByPath(file)
  await new ShellPage(app).goToStep('teardown')
  const panel = new TeardownPanel(app)
  await panel.expectShown()

  // The backup and the dashboard meet their gates; the rest have no evidence: “Incomplete”.
  await expect(panel.readiness).toHaveAttribute('data-verdict', 'incomplete')
  await expect(panel.gate('backup')).toHaveAttribute('data-state', 'met')
  // The checklist items judged by gates show their standing: the backup item, its gate met,
  // on its row and in its details.
  const steps = new StepPage(app)
  await steps.openChecklist()
  const backup = steps.item('teardown.backup')
  await expect(backup.verdict).toHaveText('Teardown gates: Gate met')
  await backup.open()
  const backupItem = backup.root.getByTestId('item-gates')
  await expect(backupItem.locator('[data-gate-id="backup"]')).toContainText(
    'A verified backup exists',
  )
  await expect(backupItem.locator('[data-gate-id="backup"] .badge')).toHaveText('Met')
  await panel.shoot(backup.root, 'item-gates')
  // Its link leads to the Readiness section, in the step's tool.
  await backupItem.getByRole('link', { name: 'Decommission' }).click()
  await expect(panel.readiness).toBeVisible()
  await expect(panel.backup.getByTestId('teardown-backup-record')).toContainText(
    'couch2pg-20260301T080000Z.dump',
  )
  await expect(panel.backup.getByTestId('teardown-backup-record')).toContainText('12.3 MB')
  await expect(panel.backup.getByTestId('teardown-backup-record')).toContainText('9f2c'.repeat(16))

  // The override covers the decisions only: the gates without evidence since hold the run.
  const override = panel.readiness.getByTestId('teardown-override')
  await expect(override).toContainText('Every custom object decided')
  await expect(panel.gate('decisions')).toContainText('Covered by the override')
  const uncovered = panel.readiness.getByTestId('teardown-uncovered')
  await expect(uncovered).toContainText('not covered by the override')
  await expect(uncovered).toContainText('Parity held long enough')
  await panel.run
    .getByRole('textbox', { name: 'Type the database name to confirm' })
    .fill('couch2pg')
  await expect(panel.runButton()).toBeDisabled()
  await expect(panel.run.getByTestId('teardown-run-blocked')).toContainText(
    'the override does not cover them',
  )
  await expect(panel.stopCommands()).toHaveText(
    'sudo systemctl stop cht-couch2pg\nsudo systemctl disable cht-couch2pg',
  )
  await panel.shoot(panel.readiness, 'offline-readiness')

  // The stage runs, newest first, and the latest 50 of 2,000 audit entries, then all of them.
  await expect(panel.history.getByTestId('teardown-executions').locator('tbody tr')).toHaveCount(12)
  const latest = panel.history.getByTestId('teardown-audit')
  await expect(latest.locator('tbody tr')).toHaveCount(50)
  await expect(latest.locator('tbody tr').first()).toContainText('Entry 2000:')
  await panel.history.getByRole('button', { name: 'Show all 2,000 entries' }).click()
  const all = panel.history.getByRole('region', {
    name: 'Audit trail, newest first: all 2000 entries',
  })
  await expect(all).toBeVisible()
  await expect(all.locator('table')).toHaveAttribute('aria-rowcount', '2001')
  await expect(all.locator('tbody tr[data-index="0"]')).toContainText('Entry 2000:')
  // Only the rows in view are drawn, however long the trail.
  expect(await all.locator('tbody tr[data-index]').count()).toBeLessThan(80)
  await all.evaluate((el) => {
    el.scrollTop = el.scrollHeight
  })
  await expect(all.locator('tbody tr[data-index="1999"]')).toContainText('Entry 1:')
  await expectNoViolations(app, 'the Teardown step of a saved project with the whole audit trail')
  await panel.shoot(
    panel.history.getByRole('heading', { name: 'Audit trail', exact: true }),
    'audit',
  )
  await panel.shoot(panel.backup, 'offline-backup')
})
