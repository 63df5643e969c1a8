import AxeBuilder from '@axe-core/playwright'
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { freePort } from '../../src/main/engine/servers/free-port'
import { expect, test } from './fixtures'
import { ConnectionsPage } from './pages/connections-page'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import { WelcomePage } from './pages/welcome-page'
import { projectDocument, toFileText } from './support/project-files'

const PASSWORD = 'E2e-Secret-Pa55word'

test('a refused PostgreSQL connection is classified, stored, and its password kept out of the file', async ({
  app,
  dirs,
}, testInfo) => {
  const path = join(dirs.projectDir, 'connections.chtmig.json')
  await new WelcomePage(app).createProject('Connections', path)
  const shell = new ShellPage(app)
  await shell.expectProject('Connections')
  const page = new ConnectionsPage(app)
  await page.open()
  await expect(
    shell.rail.getByRole('link', { name: 'Connections, 0 of 3 connected' }),
  ).toHaveAttribute('aria-current', 'page')

  const port = await freePort()
  const card = page.card('couch2pg')
  await card.fillPostgres({
    Host: '127.0.0.1',
    Port: String(port),
    Database: 'cht',
    User: 'reader',
  })
  await card.password.fill(PASSWORD)
  // Enter in the password field submits the form with its first button: Test connection.
  await card.password.press('Enter')
  await expect(card.status).toHaveText(
    `Not connected: 127.0.0.1:${port} refused the connection: nothing is listening on that port.`,
  )
  await expect(card.result).toContainText('Connection refused')
  await expect(card.result).toContainText(
    'What to do: Check the port (PostgreSQL uses 5432 by default)',
  )
  await expect(card.result).toContainText(`against postgres://reader@127.0.0.1:${port}/cht`)
  await expect(card.result).toContainText(/Last tested just now/)
  await expect(card.password).toHaveValue('')
  // The profile survived the action (controlled fields are not reset with the form).
  await expect(card.field('Port')).toHaveValue(String(port))
  await expect(card.root.getByTestId('password-source')).toContainText(
    'kept until the wizard closes',
  )
  // “Test all three” tests only what is set up, and says what is not.
  await page.testAllButton.click()
  await expect(app.getByRole('status').filter({ hasText: '0 of 3 connected.' })).toHaveText(
    '0 of 3 connected. Not connected: couch2pg PostgreSQL. Not set up yet: CHT CouchDB, CHT Sync PostgreSQL.',
  )

  const shot = testInfo.outputPath('connections-refused.png')
  await card.root.screenshot({ path: shot })
  await testInfo.attach('connections-refused', { path: shot, contentType: 'image/png' })

  // The checklist item shows the same stored results.
  await shell.goToStep('plan')
  const connectionsItem = new StepPage(app).item('plan.connections')
  await expect(connectionsItem.verdict).toHaveText('Connection tests: 1 not connected')
  await connectionsItem.open()
  const summary = connectionsItem.root.getByTestId('connections-summary')
  await expect(summary.locator('[data-endpoint="couch2pg"]')).toContainText('Connection refused')
  await expect(summary.locator('[data-endpoint="couchdb"]')).toContainText('Not tested yet')

  // Forgetting the kept password: the next test would have none.
  await page.open()
  await card.root.getByRole('button', { name: 'Forget the password' }).click()
  await expect(card.root.getByTestId('password-source')).toContainText('No password is kept yet')

  await shell.save()
  const file = readFileSync(path, 'utf8')
  expect(file).toContain('"connection.couch2pg"')
  expect(file).not.toContain('"connection.couchdb"')
  expect(file).toContain('"kind": "refused"')
  expect(file).not.toContain(PASSWORD)
})

test('a profile the schema refuses gets a message tied to its field, and nothing is saved', async ({
  app,
  dirs,
}) => {
  await new WelcomePage(app).createProject('Bad input', join(dirs.projectDir, 'bad.chtmig.json'))
  const page = new ConnectionsPage(app)
  await page.open()
  const card = page.card('couchdb')
  await card.field('CouchDB address').fill('https://admin:secret@cht.example.org')
  await card.saveButton.click()
  await expect(card.status).toHaveText('Correct the marked fields first.')
  const address = card.field('CouchDB address')
  await expect(address).toHaveAttribute('aria-invalid', 'true')
  await expect(address).toHaveAccessibleDescription(/without a user name or password in it\.$/)
  await expect(address).toHaveValue('https://admin:secret@cht.example.org')

  const sync = page.card('chtSync')
  await expect(sync.field('Schema')).toHaveValue('v1')
  await expect(sync.field('Raw table')).toHaveValue('couchdb')
  await sync.fillPostgres({ Host: 'db.example.org', Port: '99999', User: 'reader' })
  await sync.testButton.click()
  await expect(sync.field('Port')).toHaveAccessibleDescription(
    'Give a port number from 1 to 65535.',
  )
  await expect(sync.result).toHaveCount(0)
})

test('the connections page passes axe with a failed result shown', async ({ app, dirs }) => {
  await new WelcomePage(app).createProject(
    'Axe connections',
    join(dirs.projectDir, 'axe.chtmig.json'),
  )
  const page = new ConnectionsPage(app)
  await page.open()
  const card = page.card('couchdb')
  await card.field('CouchDB address').fill(`http://127.0.0.1:${await freePort()}`)
  await card.field('User name').fill('admin')
  await card.test()
  await expect(card.result).toContainText('Password needed')
  const results = await new AxeBuilder({ page: app }).analyze()
  const found = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(found, 'axe violations on the connections page').toEqual([])
  expect(results.passes.length).toBeGreaterThan(10)
})

test('a saved project shows its stored connection results offline, marked Stale past the age', async ({
  app,
  dirs,
}) => {
  const file = join(dirs.projectDir, 'offline.chtmig.json')
  const ranAt = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000).toISOString()
  const document = projectDocument({
    name: 'Offline review',
    settings: { staleAfterDays: 7 },
    connections: {
      couchdb: null,
      couch2pg: null,
      chtSync: {
        host: 'analytics.example.org',
        port: 5432,
        database: 'cht_sync',
        user: 'reader',
        ssl: 'require',
        schema: 'v1',
        table: 'couchdb',
      },
    },
    results: {
      'connection.chtSync': {
        id: 'connection.chtSync',
        itemId: 'plan.connections',
        title: 'Connection to the CHT Sync PostgreSQL',
        verdict: 'warn',
        summary:
          'Connected to PostgreSQL 16.4: CHT Sync 1.x (a _deleted column but no source column).',
        ranAt,
        durationMs: 31,
        endpoints: [
          { endpoint: 'chtSync', target: 'postgres://reader@analytics.example.org:5432/cht_sync' },
        ],
        partial: null,
        details: {
          kind: 'connection',
          endpoint: 'chtSync',
          ok: true,
          durationMs: 31,
          serverLabel: 'PostgreSQL 16.4',
          facts: {
            endpoint: 'chtSync',
            server: { version: '16.4', database: 'cht_sync', user: 'reader' },
            schema: 'v1',
            table: 'couchdb',
            era: 'v1',
            rawRows: 1200,
            rawRowsExact: false,
            rawSplit: null,
            progress: { state: 'absent' },
            dataemon: null,
            // cht-pipeline 2 on a raw table without `source`: the describer warns.
            pipeline: 'v2',
            dbtLastRun: null,
            schemaClash: false,
          },
          error: null,
          legacyFacts: [],
        },
        history: [],
      },
    },
  })
  await writeFile(file, toFileText(document))
  await new WelcomePage(app).openByPath(file)
  const page = new ConnectionsPage(app)
  await page.open()
  const card = page.card('chtSync')
  await expect(card.field('Host')).toHaveValue('analytics.example.org')
  await expect(card.field('SSL')).toHaveValue('require')
  await expect(card.result).toContainText('Connected, with warnings')
  await expect(card.result).toContainText('PostgreSQL 16.4')
  await expect(card.result).toContainText('Looks likeCHT Sync 1.x')
  await expect(card.result).toContainText('Warning: cht-pipeline 2 needs the source column')
  await expect(card.result.getByTestId('stale-badge')).toBeVisible()
  await expect(card.result).toContainText("30 days old, past this project's limit of 7")
  await expect(page.card('couchdb').root).toContainText('Not tested yet')
  const shell = new ShellPage(app)
  await expect(
    shell.rail.getByRole('link', { name: 'Connections, 1 of 3 connected' }),
  ).toBeVisible()
})
