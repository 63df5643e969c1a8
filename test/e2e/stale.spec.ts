import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { SettingsPage } from './pages/settings-page'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import { WelcomePage } from './pages/welcome-page'
import { checkResult, projectDocument, toFileText } from './support/project-files'

test('a stored result older than the stale age is marked Stale, until the age is raised', async ({
  app,
  dirs,
}) => {
  const file = join(dirs.projectDir, 'stale.chtmig.json')
  const result = checkResult('parity.counts', 'parity.counts', 30)
  await writeFile(
    file,
    toFileText(
      projectDocument({
        name: 'Stale results',
        settings: { staleAfterDays: 7 },
        results: { 'parity.counts': result },
      }),
    ),
  )

  const shell = new ShellPage(app)
  const steps = new StepPage(app)
  await new WelcomePage(app).openByPath(file)
  await shell.expectProject('Stale results')

  const staleList = app.getByRole('region', { name: 'Stale results' })
  await expect(
    staleList.getByRole('link', { name: 'Compare document counts per database' }),
  ).toBeVisible()
  await expect(staleList).toContainText('Stale')

  await shell.goToStep('parity')
  await expect(steps.item('parity.counts').verdict).toHaveText('Automated check: Warning, stale')
  await steps.item('parity.counts').open()
  const shown = steps.result('parity.counts')
  await expect(shown).toContainText('Warning')
  await expect(shown).toContainText(result.summary)
  await expect(shown).toContainText('Last run')
  await expect(shown.getByText('Stale', { exact: true })).toBeVisible()
  await expect(shown).toContainText("30 days old, past this project's limit of 7")
  // The typed evidence of the result is shown, read from the file alone.
  await expect(shown).toContainText('medic rows')
  await expect(shown).toContainText('120,431 rows')
  // An item with a check but no stored result says so in words.
  await expect(steps.item('parity.missing-ids').root).toContainText('Not run yet')

  await shell.goToSettings()
  // Where the log is, for "the details are in the log" messages.
  await expect(app.getByTestId('log-path')).toHaveText(
    join(dirs.configDir, 'logs', 'cht-migrate.log'),
  )
  await new SettingsPage(app).setStaleAfterDays(60)

  await shell.goToStep('parity')
  await expect(shown).toContainText('Last run')
  await expect(shown.getByText('Stale', { exact: true })).toHaveCount(0)
  await shell.goToOverview()
  await expect(staleList).toContainText('All stored results are younger than 60 days.')

  // The setting belongs to the project file.
  await shell.save()
  const saved = JSON.parse(await readFile(file, 'utf8')) as { settings: { staleAfterDays: number } }
  expect(saved.settings.staleAfterDays).toBe(60)
})
