import { join } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp'
import { expect, openApp, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { StepPage } from './pages/step-page'
import { WelcomePage } from './pages/welcome-page'
import type { BrowserGlobals } from './support/browser-types'

test('the page carries the strict CSP and loads nothing from other origins (SEC-05)', async ({
  page,
  serve,
  dirs,
}) => {
  const requested: string[] = []
  page.on('request', (request) => requested.push(request.url()))
  // Records every CSP violation the page reports (init scripts are not subject to the CSP).
  await page.addInitScript(() => {
    const browser = globalThis as unknown as BrowserGlobals
    const seen: string[] = []
    browser.cspViolations = seen
    browser.document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    )
  })

  const response = await page.goto(serve.url)
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    CONTENT_SECURITY_POLICY,
  )
  // No inline script or style in the document itself.
  expect(await page.locator('script:not([src])').count()).toBe(0)
  expect(await page.locator('style').count()).toBe(0)

  // Use the app a little: create, annotate, visit every page kind, reload.
  const shell = new ShellPage(page)
  await new WelcomePage(page).createProject('CSP check', join(dirs.projectDir, 'csp.chtmig.json'))
  await shell.goToStep('monitor')
  await new StepPage(page).item('monitor.alerts').setStatus('In progress')
  await shell.goToSettings()
  await shell.goToOverview()
  await openApp(page, serve.url)

  expect(requested.length).toBeGreaterThan(3)
  const foreign = requested.filter(
    (url) => !url.startsWith(`${serve.origin}/`) && !url.startsWith('data:'),
  )
  expect(foreign).toEqual([])
  const violations = await page.evaluate(
    () => (globalThis as unknown as BrowserGlobals).cspViolations,
  )
  expect(violations).toEqual([])
})
