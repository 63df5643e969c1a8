import { join } from 'node:path'
import { freePort } from '../../src/main/engine/servers/free-port'
import { expect, test } from './fixtures'
import { ConnectionsPage } from './pages/connections-page'
import { SettingsPage } from './pages/settings-page'
import { ShellPage } from './pages/shell-page'
import { WelcomePage } from './pages/welcome-page'
import { expectNoViolations } from './support/axe'

const PASSWORD = 'E2e-Saved-Pa55word'

test('Settings lists where the project’s passwords come from and forgets them after asking', async ({
  app,
  dirs,
}) => {
  await new WelcomePage(app).createProject('Passwords', join(dirs.projectDir, 'pw.chtmig.json'))
  const shell = new ShellPage(app)
  await shell.expectProject('Passwords')

  // A password typed for couch2pg is kept for this run (the server refuses: no auth failure).
  const connections = new ConnectionsPage(app)
  await connections.open()
  const card = connections.card('couch2pg')
  const port = await freePort()
  await card.fillPostgres({ Host: '127.0.0.1', Port: String(port), Database: 'cht', User: 'r' })
  await card.password.fill(PASSWORD)
  await card.test()
  await expect(card.root.getByTestId('password-source')).toContainText('kept until the wizard')

  await shell.goToSettings()
  const settings = new SettingsPage(app)
  await expect(settings.passwords).toContainText('Nothing is saved beyond this run here')
  await expect(settings.passwordSource('couch2pg PostgreSQL')).toContainText(
    'Kept until the wizard closes.',
  )
  await expect(settings.passwordSource('CHT CouchDB')).toContainText('None kept')
  await expect(settings.passwords).not.toContainText(PASSWORD)
  await expectNoViolations(app, 'the settings with saved passwords')

  // Keep them: nothing is forgotten, and the focus comes back to the button.
  const forgetProject = settings.passwords.getByRole('button', {
    name: 'Forget this project’s saved passwords',
  })
  let dialog = await settings.forgetPasswords(
    'Forget this project’s saved passwords',
    'Forget this project’s saved passwords?',
  )
  await expectNoViolations(app, 'the forget passwords dialog')
  await app.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(forgetProject).toBeFocused()
  await expect(settings.passwordSource('couch2pg PostgreSQL')).toContainText('Kept until')

  dialog = await settings.forgetPasswords(
    'Forget this project’s saved passwords',
    'Forget this project’s saved passwords?',
  )
  await dialog.getByRole('button', { name: 'Forget them' }).click()
  await expect(dialog).toBeHidden()
  await expect(settings.passwordsStatus).toHaveAttribute('aria-live', 'polite')
  await expect(settings.passwordsStatus).toHaveText(
    'This project’s saved passwords are forgotten; other projects keep theirs.',
  )
  await expect(settings.passwordSource('couch2pg PostgreSQL')).toContainText('None kept.')

  dialog = await settings.forgetPasswords(
    'Forget saved passwords of all projects',
    'Forget the saved passwords of all projects?',
  )
  await expect(dialog).toContainText('Every password typed during this run, for every project')
  await dialog.getByRole('button', { name: 'Forget them all' }).click()
  await expect(settings.passwordsStatus).toHaveText(
    'The saved passwords of all projects are forgotten.',
  )
})
