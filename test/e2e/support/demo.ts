import type { Page } from '@playwright/test'
import { expect } from '../fixtures'
import { ActivityTray } from '../pages/activity-tray'
import { ShellPage } from '../pages/shell-page'

/** How long a small demo may take to start on a busy CI machine. */
const DEMO_START_MS = 240_000

/**
 * Starts a small demo (1,500 documents) the way the page calls the engine and waits until its
 * project is adopted (the demo job shown finished). `discrepancies` as `demo.start` takes it;
 * `wait` false returns once the engine accepted the request.
 */
export async function startSmallDemo(
  page: Page,
  options: { discrepancies?: 'none' | 'injected'; wait?: boolean } = {},
): Promise<void> {
  const body = {
    size: 'small',
    docs: 1500,
    ...(options.discrepancies ? { discrepancies: options.discrepancies } : {}),
  }
  const reply = await page.evaluate(async (input) => {
    const response = await fetch('/api/op/demo.start', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    })
    return (await response.json()) as { ok: boolean }
  }, body)
  expect(reply.ok).toBe(true)
  if (options.wait === false) return
  await expect(new ShellPage(page).projectName).toContainText('Demo deployment', {
    timeout: DEMO_START_MS,
  })
  // The demo's project is adopted (and the overview shown) when its job ends.
  await expect(new ActivityTray(page).count).toHaveText('1 finished', { timeout: DEMO_START_MS })
}
