import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import { WelcomePage } from './pages/welcome-page'
import { expectNoViolations } from './support/axe'
import { defaultUserName } from '../../src/main/engine/app-meta'
import { findStep } from '../../src/shared/steps-catalog'

/**
 * The first run: before anything is stamped, the wizard asks who is using it (the login name
 * offered, not taken), and the answer is what changes and sign-offs carry. A fresh config folder,
 * without the preferences the other specs start from.
 */
test.use({ seedPreferences: false })

const NAME = 'Amina Odhiambo'
const ROLE = 'Data engineer, Ministry of Health'
const ITEM = findStep('plan')!.items[0]!.id

test('the first launch asks who is using the wizard, by keyboard, and stamps that name', async ({
  app,
  dirs,
}) => {
  const dialog = app.getByRole('dialog', { name: 'Who is using the wizard?' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('stamped on the changes and evidence')
  const name = dialog.getByRole('textbox', { name: 'Your name' })
  // The login name is offered, selected so that typing replaces it, and kept only when saved.
  await expect(name).toBeFocused()
  await expect(name).toHaveValue(defaultUserName())
  await expect(
    app.getByRole('banner').getByRole('button', { name: 'Set your name (you: not set)' }),
  ).toBeVisible()
  await expectNoViolations(app, 'the first-run dialog')

  // An empty name is refused, with the reason, on the field.
  await app.keyboard.press('Backspace')
  await app.keyboard.press('Enter')
  await expect(name).toBeFocused()
  await expect(dialog.getByRole('alert')).toContainText('Give your name')

  await app.keyboard.type(NAME)
  await app.keyboard.press('Tab')
  await expect(dialog.getByRole('textbox', { name: 'Your role (optional)' })).toBeFocused()
  await app.keyboard.type(ROLE)
  await app.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(
    app
      .getByRole('banner')
      .getByRole('button', { name: `Change your name (you: ${NAME}, ${ROLE})` }),
  ).toBeVisible()
  const prefs = JSON.parse(await readFile(join(dirs.configDir, 'preferences.json'), 'utf8'))
  expect(prefs).toMatchObject({ userName: NAME, userRole: ROLE, identityConfirmed: true })

  // A project opened now does not ask again; a change carries the name.
  const welcome = new WelcomePage(app)
  const shell = new ShellPage(app)
  await welcome.createProject('First run', join(dirs.projectDir, 'first.chtmig.json'))
  await shell.expectProject('First run')
  await expect(app.getByRole('dialog')).toHaveCount(0)
  await shell.goToStep('plan')
  const item = new StepPage(app).item(ITEM)
  await item.setStatus('In progress')
  await expect(item.updated).toContainText(`Updated by ${NAME}`)

  // The sign-off form (opened on demand) is filled in with the name and role, both editable.
  const signoffRegion = app.getByRole('region', { name: 'Sign-off' })
  await signoffRegion.getByRole('button', { name: 'Record an approval…' }).click()
  const form = signoffRegion.getByRole('form', { name: 'Record an approval' })
  await expect(form.getByLabel('Approved by')).toHaveValue(NAME)
  await expect(form.getByLabel('Role')).toHaveValue(ROLE)
  await form.getByLabel('Role').fill('Programme manager')
  await expect(form.getByLabel('Role')).toHaveValue('Programme manager')

  // The settings show and change both.
  await shell.goToSettings()
  const you = app.getByRole('region', { name: 'You' })
  await expect(you.getByRole('textbox', { name: 'Your name' })).toHaveValue(NAME)
  await expect(you.getByRole('textbox', { name: 'Your role (optional)' })).toHaveValue(ROLE)
  await you.getByRole('textbox', { name: 'Your role (optional)' }).fill('Hosting lead')
  await you.getByRole('button', { name: 'Save your name and role' }).click()
  await expect(
    app
      .getByRole('banner')
      .getByRole('button', { name: `Change your name (you: ${NAME}, Hosting lead)` }),
  ).toBeVisible()
  await expect(you.getByRole('button', { name: 'Save your name and role' })).toBeFocused()
  await expectNoViolations(app, 'the settings with name and role')
})

test('“Not now” leaves changes without a name, and a project opening asks again', async ({
  app,
  dirs,
}) => {
  const dialog = app.getByRole('dialog', { name: 'Who is using the wizard?' })
  await expect(dialog).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)

  const welcome = new WelcomePage(app)
  const shell = new ShellPage(app)
  await welcome.createProject('Later', join(dirs.projectDir, 'later.chtmig.json'))
  await shell.expectProject('Later')
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Not now' }).click()
  await expect(dialog).toHaveCount(0)

  // Nothing is stamped with the login name meanwhile.
  await shell.goToStep('plan')
  const item = new StepPage(app).item(ITEM)
  await item.setStatus('In progress')
  await expect(item.updated).toContainText('Updated by someone without a name set')

  // The header's dialog confirms a name; the next change carries it.
  await app.getByRole('banner').getByRole('button', { name: 'Set your name' }).click()
  const edit = app.getByRole('dialog', { name: 'Your name and role' })
  await edit.getByRole('textbox', { name: 'Your name' }).fill(NAME)
  await expectNoViolations(app, 'the header’s name dialog')
  await edit.getByRole('button', { name: 'Save your name and role' }).click()
  await expect(edit).toHaveCount(0)
  // The sign-off form on the page follows the name just given.
  const signoff = app.getByRole('region', { name: 'Sign-off' })
  await signoff.getByRole('button', { name: 'Record an approval…' }).click()
  await expect(signoff.getByLabel('Approved by')).toHaveValue(NAME)
  await item.setStatus('Done')
  await expect(item.updated).toContainText(`Updated by ${NAME}`)
})
