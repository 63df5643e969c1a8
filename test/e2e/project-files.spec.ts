import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import { WelcomePage } from './pages/welcome-page'
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/project-schema'
import { projectDocument, toFileText } from './support/project-files'

const CORRUPT = '{ "format": "cht-migration-project", "schemaVersion": 1, "name": oops }\n'

test('a corrupt project file is refused with a clear message and left unchanged', async ({
  app,
  dirs,
}) => {
  const file = join(dirs.projectDir, 'broken.chtmig.json')
  await writeFile(file, CORRUPT)
  const before = await readFile(file)

  const welcome = new WelcomePage(app)
  await welcome.openByPath(file)
  await expect(welcome.alert).toContainText('Could not open “broken.chtmig.json”')
  await expect(welcome.alert).toContainText('damaged')
  await expect(welcome.alert).toContainText(file)
  await expect(welcome.alert).toContainText('The wizard did not change the file.')
  await expect(welcome.backupButton).toHaveCount(0)
  await welcome.expectShown()
  expect(await readFile(file)).toEqual(before)
})

test('a file from a newer version of the wizard is refused and left unchanged', async ({
  app,
  dirs,
}) => {
  const file = join(dirs.projectDir, 'future.chtmig.json')
  await writeFile(
    file,
    toFileText({
      ...projectDocument({ name: 'From the future' }),
      schemaVersion: CURRENT_SCHEMA_VERSION + 1,
    }),
  )
  const before = await readFile(file)

  const welcome = new WelcomePage(app)
  await welcome.openByPath(file)
  await expect(welcome.alert).toContainText('Could not open “future.chtmig.json”')
  await expect(welcome.alert).toContainText('newer version')
  await expect(welcome.alert).toContainText('The wizard did not change the file.')
  await welcome.expectShown()
  expect(await readFile(file)).toEqual(before)
})

test('with a good backup beside a damaged file, the backup copy opens', async ({ app, dirs }) => {
  const file = join(dirs.projectDir, 'damaged.chtmig.json')
  const backup = `${file}.bak`
  await writeFile(file, CORRUPT)
  const backupDoc = projectDocument({
    name: 'Recovered plan',
    items: {
      'plan.scope': {
        status: 'done',
        note: 'Scope agreed with the MoH data team.',
        evidence: [],
        updatedBy: 'Jonas',
        updatedAt: new Date().toISOString(),
      },
    },
  })
  await writeFile(backup, toFileText(backupDoc))
  const [fileBefore, backupBefore] = [await readFile(file), await readFile(backup)]

  const welcome = new WelcomePage(app)
  const shell = new ShellPage(app)
  await welcome.openByPath(file)
  await expect(welcome.alert).toContainText('The wizard did not change the file.')
  await expect(welcome.alert).toContainText(backup)
  await welcome.backupButton.click()

  await shell.expectProject('Recovered plan')
  await expect(app.getByText('You are working on the backup copy')).toBeVisible()
  await shell.goToStep('plan')
  const scope = new StepPage(app).item('plan.scope')
  await scope.expectStatus('Done')
  await expect(scope.note).toHaveValue('Scope agreed with the MoH data team.')
  await expect(scope.updated).toContainText('Updated by Jonas')
  expect(await readFile(file)).toEqual(fileBefore)

  // The recovered copy is unsaved: closing asks first. Escape cancels and keeps it open.
  await shell.close()
  const dialog = app.getByRole('dialog', { name: 'Save your changes?' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeFocused()
  await app.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await shell.expectProject('Recovered plan')

  await shell.close()
  await dialog.getByRole('button', { name: 'Discard changes' }).click()
  await welcome.expectShown()
  expect(await readFile(file)).toEqual(fileBefore)
  expect(await readFile(backup)).toEqual(backupBefore)
})

test('leaving the page with unsaved changes asks the browser to confirm', async ({ app, dirs }) => {
  const file = join(dirs.projectDir, 'unsaved.chtmig.json')
  await writeFile(file, CORRUPT)
  await writeFile(`${file}.bak`, toFileText(projectDocument({ name: 'Unsaved copy' })))
  const welcome = new WelcomePage(app)
  await welcome.openByPath(file)
  await welcome.backupButton.click()
  // A recovered copy is unsaved and never autosaved, so it stays dirty.
  await expect(new ShellPage(app).saveStatus).toHaveText('Unsaved changes')

  const asked = new Promise<string>((resolve) => {
    app.once('dialog', (dialog) => {
      resolve(dialog.type())
      void dialog.accept()
    })
  })
  const closedWithoutAsking = app.waitForEvent('close').then(() => 'closed without asking')
  await app.close({ runBeforeUnload: true })
  expect(await Promise.race([asked, closedWithoutAsking])).toBe('beforeunload')
})
