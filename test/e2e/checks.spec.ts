import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page, TestInfo } from '@playwright/test'
import { redactSecrets } from '../../src/shared/redact'
import type { StoredResult } from '../../src/shared/project-schema'
import { expect, test } from './fixtures'
import { envPasswords } from './support/env-passwords'
import { StepChecks } from './pages/checks-page'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import { WelcomePage } from './pages/welcome-page'
import { expectNoViolations } from './support/axe'
import { projectDocument, toFileText } from './support/project-files'
import { startSmallDemo } from './support/demo'

const DBT_RESULTS = 'The latest dbt run succeeded'

/** Starts a small demo with its injected differences, the way the page calls the engine. */
async function startDemo(page: Page): Promise<void> {
  await startSmallDemo(page)
}

/** A screenshot kept with the test's results: the whole page, or what the viewport shows. */
async function screenshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
  fullPage = true,
): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`)
  // From the top, so the sticky header and rail are drawn where they belong.
  if (fullPage) {
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    )
  }
  await page.screenshot({ path, fullPage })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

test('the Set up step runs its checks on the demo and reports the failed dbt run', async ({
  app,
}, testInfo) => {
  test.setTimeout(420_000)
  await app.setViewportSize({ width: 1366, height: 768 })
  await startDemo(app)
  await new ShellPage(app).goToStep('setup')
  const checks = new StepChecks(app)
  const steps = new StepPage(app)
  await expect(checks.gate).toBeVisible()
  const localSync = steps.item('setup.local-sync')
  await expect(localSync.verdict).toHaveText('Automated checks: Not run yet')
  await localSync.open()
  await expect(checks.check('setup.dbt-results')).toHaveAttribute('data-verdict', 'none')

  await checks.runAll.click()
  // Progress is shown while the run goes: which check, how many of how many, with Cancel.
  await expect(checks.gate.getByTestId('job-progress')).toBeVisible()
  await expect(checks.outcome()).toBeAttached({ timeout: 240_000 })
  await expect(checks.runAll).toBeEnabled()
  await expect(checks.gate.getByTestId('job-progress')).toHaveCount(0)

  // Every check of the step has a verdict now (no item's row says a check is not run); at
  // least one passed; the demo's dbt run failed, which the item's row says too.
  await expect(steps.checklist.getByTestId('item-verdict')).not.toHaveCount(0)
  await expect(
    steps.checklist.getByTestId('item-verdict').filter({ hasText: /not run/i }),
  ).toHaveCount(0)
  await expect(app.locator('[data-check-id][data-verdict="none"]')).toHaveCount(0)
  await expect(app.locator('[data-check-id][data-verdict="pass"]').first()).toBeVisible()
  const dbt = checks.check('setup.dbt-results')
  await expect(dbt).toHaveAttribute('data-verdict', 'fail')
  await expect(dbt.getByText('Failed', { exact: true })).toBeVisible()
  await expect(localSync.verdict).toHaveAttribute('data-tone', 'fail')
  await expect(localSync.verdict).toContainText(/\d+ failed/)
  await expect(checks.gate).toHaveAttribute('data-gate', 'held')
  await checks.openDetails()
  await expect(checks.gate.getByRole('link', { name: DBT_RESULTS })).toBeVisible()

  // The evidence opens on request.
  const evidence = dbt.locator('details.check-evidence')
  await evidence.locator('summary').click()
  await expect(evidence).toHaveAttribute('open', '')
  await expect(evidence.locator('dl, table').first()).toBeVisible()

  await expectNoViolations(app, 'the Set up step after its checks ran')
  await screenshot(app, testInfo, 'setup-step-checks')

  // The problem report of the failed check: Markdown about it, without a password.
  await checks.reportButton(DBT_RESULTS).click()
  const dialog = checks.reportDialog(DBT_RESULTS)
  await expect(dialog).toBeVisible()
  const markdown = dialog.getByRole('textbox', { name: 'Report (Markdown)' })
  await expect(markdown).toBeVisible({ timeout: 30_000 })
  const text = await markdown.inputValue()
  expect(text).toContain(DBT_RESULTS)
  expect(redactSecrets(text)).toBe(text)
  // The demo's CHT Sync .env holds real passwords: none of them is in the report.
  const passwords = await envPasswords(app)
  expect(passwords.length).toBeGreaterThan(0)
  for (const password of passwords) expect(text).not.toContain(password)
  await expect(dialog.getByRole('link', { name: /cht-sync/ })).toHaveAttribute(
    'href',
    'https://github.com/medic/cht-sync/issues/new',
  )
  await expect(dialog.getByRole('link', { name: /cht-pipeline/ })).toHaveAttribute(
    'href',
    'https://github.com/medic/cht-pipeline/issues/new',
  )
  const download = app.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Save as file' }).click()
  expect((await download).suggestedFilename()).toMatch(/^cht-sync-.*\.md$/)
  await expectNoViolations(app, 'the problem report dialog')
  await screenshot(app, testInfo, 'setup-step-report', false)
  await app.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})

const DAY_MS = 24 * 60 * 60 * 1000
const GIB = 1024 ** 3

function result(
  id: string,
  itemId: string,
  verdict: StoredResult['verdict'],
  summary: string,
  details: Partial<Extract<StoredResult['details'], { kind: 'check' }>> = {},
  daysAgo = 0,
): StoredResult {
  return {
    id,
    itemId,
    title: id,
    verdict,
    summary,
    ranAt: new Date(Date.now() - daysAgo * DAY_MS - 60_000).toISOString(),
    durationMs: 40,
    endpoints: [],
    partial: null,
    details: {
      kind: 'check',
      checkId: id,
      evidence: [],
      remedy: null,
      skippedBecause: null,
      ...details,
    },
    history: [],
  }
}

const measure = (label: string, value: number, unit: string) =>
  ({ type: 'measure', label, value, unit, limit: null }) as const

/** A project whose setup checks already ran: one passed, the dbt run failed, one is stale. */
function checkedProject() {
  return projectDocument({
    name: 'Checked project',
    results: {
      'setup.tables': result('setup.tables', 'setup.local-sync', 'pass', 'Both tables exist.'),
      'setup.dbt-results': result(
        'setup.dbt-results',
        'setup.local-sync',
        'fail',
        '1 model failed.',
        {
          evidence: [
            {
              type: 'table',
              caption: 'Models of the latest run',
              columns: ['model', 'status'],
              rows: [['contact', 'error']],
            },
          ],
          remedy: {
            text: 'Read the failed model’s error:\n```\ndocker compose logs dbt\n```',
            docUrl: 'https://docs.communityhealthtoolkit.org/',
          },
        },
      ),
      'setup.docker': result('setup.docker', 'setup.prerequisites', 'pass', 'Docker 27.', {}, 30),
      'production.sizing': result(
        'production.sizing',
        'production.disk-sizing',
        'pass',
        'Measured.',
        {
          evidence: [
            measure('CHT Sync database size', 2 * GIB, 'bytes'),
            measure('couch2pg database size', 3 * GIB, 'bytes'),
            measure('CouchDB size', 9 * GIB, 'bytes'),
            measure('Synced fraction', 0.5, 'ratio'),
          ],
        },
      ),
    },
  })
}

test('a held gate is overridden with a reason and a name, and the checks’ inputs are saved', async ({
  app,
  dirs,
}, testInfo) => {
  // Ten axe scans and as many pages: a minute is too tight on a loaded two-core machine.
  test.setTimeout(180_000)
  await app.setViewportSize({ width: 1366, height: 768 })
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  const file = join(dirs.projectDir, 'checked.chtmig.json')
  await writeFile(file, toFileText(checkedProject()))
  const shell = new ShellPage(app)
  await new WelcomePage(app).openByPath(file)
  await shell.expectProject('Checked project')
  await shell.setUserName('Amina Otieno')

  // The overview sums the checks up per step.
  const summary = app.getByRole('region', { name: 'Checks' })
  await expect(summary.locator('tr[data-step-id="setup"]')).toContainText('Held')
  await expect(summary.getByRole('link', { name: DBT_RESULTS })).toBeVisible()
  await expectNoViolations(app, 'the overview with its checks')

  await shell.goToStep('setup')
  const checks = new StepChecks(app)
  const steps = new StepPage(app)
  await expect(checks.gate).toHaveAttribute('data-gate', 'held')
  await expect(checks.gate.getByRole('heading', { level: 2 })).toHaveText(/^Held by \d+ things$/)
  // A blocker's link opens its item and moves focus to the check.
  await checks.openDetails()
  await checks.gate.getByRole('link', { name: DBT_RESULTS }).click()
  await expect(app.getByRole('heading', { name: DBT_RESULTS })).toBeFocused()
  await expect(steps.item('setup.local-sync').toggle).toHaveAttribute('aria-expanded', 'true')
  await expect(steps.item('setup.prerequisites').verdict).toHaveText('Automated checks: 1 stale')
  await steps.item('setup.prerequisites').open()
  const docker = checks.check('setup.docker')
  await expect(docker.getByText('Stale', { exact: true })).toBeVisible()

  // The remedy's command is shown apart, with Copy.
  const dbt = checks.check('setup.dbt-results')
  await expect(dbt.locator('pre')).toHaveText('docker compose logs dbt')
  await dbt.getByRole('button', { name: 'Copy the command or setting' }).click()
  await expect(dbt.getByText('Copied.')).toBeVisible()
  const clipboard = await app.evaluate(() => {
    const page = globalThis as unknown as {
      navigator: { clipboard: { readText(): Promise<string> } }
    }
    return page.navigator.clipboard.readText()
  })
  expect(clipboard).toBe('docker compose logs dbt')

  // An item whose check failed cannot be marked done while the gate holds.
  const localSync = steps.item('setup.local-sync')
  await localSync.open()
  // click, not check(): the engine refuses the change, so the radio must not stay checked.
  await localSync.statusRadio('Done').click()
  await expect(app.getByRole('alert')).toContainText('failed on its last run')
  await localSync.expectStatus('To do')

  await checks.override.click()
  const dialog = app.getByRole('dialog', { name: 'Override the gate' })
  await expect(dialog.getByRole('textbox', { name: 'Decided by' })).toHaveValue('Amina Otieno')
  await dialog.getByRole('button', { name: 'Override the gate' }).click()
  await expect(dialog.getByRole('alert')).toContainText('Say why')
  await expectNoViolations(app, 'the override dialog')
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('The failed model is retired.')
  await dialog.getByRole('textbox', { name: 'Decided by' }).fill('Amina O.')
  await dialog.getByRole('button', { name: 'Override the gate' }).click()
  await expect(dialog).toBeHidden()
  await expect(checks.gate).toHaveAttribute('data-gate', 'overridden')
  await expect(checks.overrideInfo).toContainText('Amina O.')
  await expect(checks.overrideInfo).toContainText('The failed model is retired.')
  await localSync.setStatus('Done')

  // The configuration paths the checks read, in the item about the .env file.
  await steps.item('setup.env-file').open()
  const envField = app.getByRole('textbox', { name: 'CHT Sync .env file (Docker Compose)' })
  await envField.fill('/srv/cht-sync/.env')
  await app.getByRole('button', { name: 'Save the paths' }).click()
  await expect(app.getByText('Saved the configuration paths.').first()).toBeAttached()
  await expectNoViolations(app, 'the Set up step with its gate overridden')
  await screenshot(app, testInfo, 'setup-step-overridden')

  await checks.overrideInfo.getByRole('button', { name: 'Remove override' }).click()
  await expect(checks.gate).toHaveAttribute('data-gate', 'held')

  // The sizing calculator follows its inputs: 2 GB ÷ 0.5 × 1.1³ × 1.2 = 6.4 GB, + 3 GB couch2pg.
  await shell.goToStep('production')
  await steps.item('production.disk-sizing').open()
  const sizing = app.getByRole('region', { name: 'Sizing calculator' })
  await sizing.getByRole('textbox', { name: 'Growth per year (%)' }).fill('10')
  await sizing.getByRole('textbox', { name: 'Years' }).fill('3')
  await sizing.getByRole('textbox', { name: 'Free disk (GB)' }).fill('50')
  await expect(sizing.getByTestId('sizing-projected')).toHaveText('6.4 GB')
  await expect(sizing.getByTestId('sizing-needed')).toHaveText('9.4 GB')
  await expect(sizing.getByText('Enough', { exact: true })).toBeVisible()
  await sizing.getByRole('textbox', { name: 'Free disk (GB)' }).fill('5')
  await expect(sizing.getByText('Not enough', { exact: true })).toBeVisible()
  await sizing.getByRole('button', { name: 'Save the sizing inputs' }).click()
  await expect(sizing.getByText('Saved.')).toBeVisible()
  await expectNoViolations(app, 'the Production step with the sizing calculator')
  const sizingShot = testInfo.outputPath('sizing-calculator.png')
  await sizing.screenshot({ path: sizingShot })
  await testInfo.attach('sizing-calculator', { path: sizingShot, contentType: 'image/png' })
  await screenshot(app, testInfo, 'production-step-sizing')

  // The Prometheus address is checked before it is saved.
  await shell.goToStep('monitor')
  await checks.openDetails()
  const address = app.getByRole('textbox', { name: 'CHT Watchdog Prometheus address' })
  await address.fill('http://admin:secret@watchdog.example.org:9090')
  await app.getByRole('button', { name: 'Save the address' }).click()
  await expect(address).toHaveAttribute('aria-invalid', 'true')
  await expect(
    app.getByRole('alert').filter({ hasText: 'without a user name or password' }),
  ).toBeVisible()
  await address.fill('http://watchdog.example.org:9090')
  await app.getByRole('button', { name: 'Save the address' }).click()
  await expect(app.getByText('Saved the Prometheus address.').first()).toBeAttached()

  await shell.save()
  const saved = JSON.parse(await readFile(file, 'utf8')) as {
    checks: {
      envPath: string
      watchdogUrl: string
      sizing: { freeDiskGb: number; growthPerYear: number; years: number }
      gateOverrides: Record<string, unknown>
    }
  }
  expect(saved.checks.envPath).toBe('/srv/cht-sync/.env')
  expect(saved.checks.watchdogUrl).toBe('http://watchdog.example.org:9090')
  expect(saved.checks.sizing).toMatchObject({ freeDiskGb: 5, growthPerYear: 0.1, years: 3 })
  expect(saved.checks.gateOverrides).toEqual({})
})
