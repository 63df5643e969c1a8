import { mkdir } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ShellPage } from './pages/shell-page'
import { expectNoViolations } from './support/axe'
import { startSmallDemo } from './support/demo'

/** Where the overview's screenshots go, for a person to look at. */
const SHOTS = '/tmp/shots'

/** base.css: `--done`, `--progress`, `--text-muted`, as computed colours. */
const DONE_GREEN = 'rgb(23, 107, 58)'
const PROGRESS = 'rgb(138, 70, 0)'
const MUTED = 'rgb(74, 86, 99)'

/** Calls an operation of the engine the way the page does. */
async function op(page: Page, name: string, body: object): Promise<void> {
  const reply = await page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/op/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
      return (await response.json()) as { ok: boolean }
    },
    [name, body] as const,
  )
  expect(reply.ok, name).toBe(true)
}

const colourOf = (locator: Locator) => locator.evaluate((e) => getComputedStyle(e).color)

/** The overview's parts a test reads. */
function overview(page: Page) {
  const main = page.getByRole('main')
  return {
    figure: main.locator('.overall-figure'),
    progressChart: main.getByRole('region', { name: 'Progress over time' }),
    parityChart: main.getByRole('region', { name: 'Parity over time' }),
    backlogChart: main.getByRole('region', { name: 'Backlog of both pipelines' }),
    stepBars: main.locator('.table-progress'),
    tile: (label: string) => main.locator('.status-count').filter({ hasText: label }),
  }
}

/** The rows of a chart card's hidden figures table. */
const figureRows = (card: Locator) => card.locator('.visually-hidden table tbody tr')

test('the overview shows nothing done in neutral tones, charts once there is data, and fits wide and narrow screens', async ({
  app,
}) => {
  test.setTimeout(360_000)
  await mkdir(SHOTS, { recursive: true })
  await app.setViewportSize({ width: 1366, height: 768 })
  await startSmallDemo(app)
  const shell = new ShellPage(app)
  await shell.goToOverview()
  const ov = overview(app)

  // Nothing done: 0%, in the muted tone, never green; no tile or bar in a tone.
  await expect(ov.figure).toHaveText('0%')
  expect(await colourOf(ov.figure)).toBe(MUTED)
  await expect(ov.tile('Done')).toHaveAttribute('data-tone', 'neutral')
  await expect(ov.stepBars.first()).toHaveAttribute('data-tone', 'neutral')
  // No chart without data: a sentence says what draws it, and where.
  await expect(ov.progressChart.getByRole('img')).toHaveCount(0)
  await expect(ov.progressChart).toContainText('Nothing is done yet.')
  await expect(ov.parityChart).toContainText('No comparison has run in the last 30 days.')
  await expect(ov.parityChart.getByRole('link', { name: /Parity/ })).toBeVisible()
  await expect(ov.backlogChart).toContainText('No backlog was read in the last 30 days.')
  await expect(ov.backlogChart.getByRole('link', { name: /step 6, Monitor/ })).toBeVisible()
  await expectNoViolations(app, 'the overview of a fresh demo')

  // Two items settled, both backlogs read, document parity run.
  await op(app, 'project.update', {
    intents: [
      { type: 'item.set', itemId: 'plan.inventory', status: 'done' },
      { type: 'item.set', itemId: 'plan.scope', status: 'not_applicable' },
    ],
  })
  await op(app, 'checks.run', { ids: ['monitor.lag'] })
  await expect(ov.backlogChart.getByRole('img')).toBeVisible({ timeout: 120_000 })
  await op(app, 'parity.run', { only: 'docs' })
  await expect(ov.parityChart.getByRole('img')).toBeVisible({ timeout: 180_000 })

  // Part done: the in-progress tone; the tile of what is done in its own.
  await expect(ov.figure).toHaveText('3%')
  expect(await colourOf(ov.figure)).toBe(PROGRESS)
  expect(await colourOf(ov.figure)).not.toBe(DONE_GREEN)
  await expect(ov.tile('Done')).toHaveAttribute('data-tone', 'done')
  await expect(ov.stepBars.first()).toHaveAttribute('data-tone', 'progress')

  // Each chart is an image named by its summary, with its figures as a table beside it.
  await expect(ov.progressChart.getByRole('img')).toHaveAccessibleName(
    /^Items done or not applicable, day by day from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d: 2 of 59 now, 2 of them settled in the last 7 days\.$/,
  )
  await expect(ov.progressChart).toContainText('the project keeps no history of status changes')
  await expect(figureRows(ov.progressChart)).toHaveCount(14)
  await expect(figureRows(ov.progressChart).first().locator('td')).toHaveText('2')

  await expect(ov.parityChart.getByRole('img')).toHaveAccessibleName(
    /^Differences per day over the last 30 days: 1 day with runs/,
  )
  await expect(figureRows(ov.parityChart)).toHaveCount(1)

  await expect(ov.backlogChart.getByRole('img')).toHaveAccessibleName(
    /^Changes waiting per pipeline over the last 30 days: 1 day with readings\. Latest: couch2pg (\d[\d,]* changes?|unknown) \(\d{4}-\d\d-\d\d\), CHT Sync (\d[\d,]* changes?|unknown) \(/,
  )
  await expect(figureRows(ov.backlogChart)).toHaveCount(1)
  await expect(figureRows(ov.backlogChart).first().locator('td')).toHaveCount(2)
  await expectNoViolations(app, 'the overview with its charts')

  // The project's path wraps after its separators.
  expect(
    await app.getByTestId('project-path').locator('.teardown-path-part').count(),
  ).toBeGreaterThan(2)

  // Wide: the three charts in one row; narrow: one column. Never wider than the window.
  const tops = async () =>
    Promise.all(
      [ov.progressChart, ov.parityChart, ov.backlogChart].map(
        async (c) => (await c.boundingBox())!,
      ),
    )
  for (const [width, height] of [
    [2560, 1440],
    [1920, 1080],
  ] as const) {
    await app.setViewportSize({ width, height })
    await expect.poll(async () => new Set((await tops()).map((b) => Math.round(b.y))).size).toBe(1)
    expect(await app.evaluate(() => document.documentElement.scrollWidth)).toBe(width)
    await app.screenshot({ path: `${SHOTS}/overview-${width}.png`, fullPage: true })
  }
  // The narrowest window the shell is laid out for (its header needs 960 px).
  await app.setViewportSize({ width: 1024, height: 768 })
  await expect.poll(async () => new Set((await tops()).map((b) => Math.round(b.x))).size).toBe(1)
  expect(await app.evaluate(() => document.documentElement.scrollWidth)).toBe(1024)
  await app.screenshot({ path: `${SHOTS}/overview-1024.png`, fullPage: true })
})
