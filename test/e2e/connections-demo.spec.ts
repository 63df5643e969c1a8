import { expect, openApp, test } from './fixtures'
import { ConnectionsPage } from './pages/connections-page'
import { ShellPage } from './pages/shell-page'
import { startServe } from './support/serve'

/**
 * “Done when”: the wizard opened on the demo project (`cht-migrate serve --demo`) shows all three
 * connections green. The demo's passwords are kept by the engine for the session, so nobody
 * types one.
 */
test('the demo project’s three connections all test green', async ({ page, dirs }, testInfo) => {
  test.setTimeout(300_000)
  const serve = await startServe(dirs, {
    args: ['--demo'],
    startTimeoutMs: 240_000,
    stopTimeoutMs: 60_000,
  })
  try {
    await openApp(page, serve.url)
    const shell = new ShellPage(page)
    await expect(shell.projectName).toContainText('Demo deployment')
    const connections = new ConnectionsPage(page)
    await connections.open()
    await connections.testAllButton.click()
    await expect(
      page.getByRole('status').filter({ hasText: 'All 3 connections work.' }),
    ).toBeVisible({
      timeout: 60_000,
    })
    for (const endpoint of ['couchdb', 'couch2pg', 'chtSync'] as const) {
      const card = connections.card(endpoint)
      await expect(card.result).toHaveAttribute('data-verdict', /^(pass|warn)$/)
      await expect(card.result).toContainText('Connected')
      await expect(card.root.getByTestId('password-source')).toContainText(
        'kept until the wizard closes',
      )
    }
    await expect(connections.card('couchdb').result).toContainText('medic (')
    await expect(connections.card('couch2pg').result).toContainText('couch2pg 3.7')
    await expect(connections.card('chtSync').result).toContainText('CHT Sync 2.x')
    await expect(
      shell.rail.getByRole('link', { name: 'Connections, 3 of 3 connected' }),
    ).toBeVisible()
    const path = testInfo.outputPath('connections-demo.png')
    await page.screenshot({ path, fullPage: true })
    await testInfo.attach('connections-demo', { path, contentType: 'image/png' })
  } finally {
    await serve.stop()
  }
})
