import { describe, expect, it } from 'vitest'
import type { MetricBarRow } from '../../../../src/shared/charts/chart-data'

/**
 * The charts as the PDF renders them (`renderToStaticMarkup`, no DOM): one SVG, named for screen
 * readers, with one bar per figure.
 *
 * The charts are renderer code (JSX, React). They are loaded here at run time, untyped, so that
 * the Node program that type-checks the tests takes in neither JSX nor React's types (whose
 * global DOM stubs would retype the Playwright tests' `evaluate` callbacks).
 */
const CHARTS = '../../../../src/shared/charts'
const load = (specifier: string): Promise<Record<string, unknown>> => import(specifier)

async function render(name: 'TrendChart' | 'MetricChart', props: object): Promise<string> {
  const react = (await load('react')) as { createElement(type: unknown, props: object): unknown }
  const server = (await load('react-dom/server')) as {
    renderToStaticMarkup(element: unknown): string
  }
  const charts = await load(`${CHARTS}/${name}`)
  return server.renderToStaticMarkup(react.createElement(charts[name], props))
}

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0
const ariaLabel = (html: string) => /<svg[^>]* aria-label="([^"]*)"/.exec(html)?.[1]

describe('TrendChart', () => {
  const points = [
    { day: '2026-11-20', total: 0, green: true },
    { day: '2026-11-28', total: 12, green: false },
    { day: '2026-11-29', total: null, green: false },
    { day: '2026-12-01', total: 3, green: true },
    // Outside the span: not drawn.
    { day: '2026-10-01', total: 99, green: false },
  ]

  it('draws one bar per day that ran, green days marked, the rest by their counts', async () => {
    const html = await render('TrendChart', { points, today: '2026-12-01' })
    expect(html.startsWith('<svg')).toBe(true)
    expect(html).toContain('role="img"')
    expect(count(html, /data-bar=""/g)).toBe(4)
    expect(count(html, /data-green="true"/g)).toBe(2)
    expect(count(html, /data-kind="no-run"/g)).toBe(26)
    expect(html).toContain('>12</text>')
    expect(html).toContain('>?</text>')
    expect(count(html, />✓<\/text>/g)).toBe(2)
    expect(ariaLabel(html)).toBe(
      'Differences per day over the last 30 days: 4 days with runs, 2 of them all green. Latest, 2026-12-01: 3 differences, all green.',
    )
    // Pure: no effect, no measuring, the same markup twice.
    expect(await render('TrendChart', { points, today: '2026-12-01' })).toBe(html)
  })

  it('says so when nothing ran, with whole numbers on its axis', async () => {
    const html = await render('TrendChart', { points: [], today: '2026-12-01' })
    expect(count(html, /data-bar=""/g)).toBe(0)
    expect(ariaLabel(html)).toBe('Differences per day over the last 30 days: no comparison ran.')
    expect(html).not.toMatch(/>0\.\d+</)
    expect(html).toContain('>1</text>')
  })
})

describe('MetricChart', () => {
  const rows = (n: number, differ = 0): MetricBarRow[] =>
    Array.from({ length: n }, (_, i) => ({
      group: `group ${i}`,
      old: i,
      new: i < differ ? i + 1 : i,
      differs: i < differ,
    }))

  it('draws an old and a new bar per group, marks those that differ, and is named', async () => {
    const html = await render('MetricChart', { rows: rows(5, 2) })
    expect(html.startsWith('<figure')).toBe(true)
    expect(count(html, /<svg/g)).toBe(1)
    expect(count(html, /data-bar="old"/g)).toBe(5)
    expect(count(html, /data-bar="new"/g)).toBe(5)
    expect(count(html, /data-differs="true"/g)).toBe(2)
    expect(ariaLabel(html)).toBe('Old and New values per group, 5 groups; 2 differ.')
    expect(html).not.toContain('<figcaption')
  })

  it('draws at most 24 groups and says how many are left out', async () => {
    const html = await render('MetricChart', {
      rows: rows(30),
      oldLabel: 'couch2pg',
      newLabel: 'CHT Sync',
    })
    expect(count(html, /data-bar="old"/g)).toBe(24)
    expect(ariaLabel(html)).toBe(
      'couch2pg and CHT Sync values per group, 24 of 30 groups shown; all match.',
    )
    expect(html).toContain('The chart shows the first 24 of 30 groups')
  })

  it('leaves a missing value without a bar', async () => {
    const html = await render('MetricChart', {
      rows: [{ group: 'a', old: 4, new: null, differs: true }],
    })
    expect(count(html, /data-bar=/g)).toBe(1)
  })
})
