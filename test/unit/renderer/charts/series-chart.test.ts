import { describe, expect, it } from 'vitest'

/**
 * The series chart as the overview draws it, rendered without a DOM: one SVG named by its
 * summary, one line per series with its marks, a “?” for a value read but unknown, the target.
 * Loaded untyped at run time, as charts.test.ts explains.
 */
const load = (specifier: string): Promise<Record<string, unknown>> => import(specifier)

async function render(props: object): Promise<string> {
  const react = (await load('react')) as { createElement(type: unknown, props: object): unknown }
  const server = (await load('react-dom/server')) as {
    renderToStaticMarkup(element: unknown): string
  }
  const charts = await load('../../../../src/shared/charts/SeriesChart')
  return server.renderToStaticMarkup(react.createElement(charts.SeriesChart, props))
}

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0

const DAYS = ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']

describe('SeriesChart', () => {
  it('draws each series with its marks and names them in the legend', async () => {
    const html = await render({
      days: DAYS,
      summary: 'Changes waiting per pipeline.',
      series: [
        {
          id: 'couch2pg',
          label: 'couch2pg',
          values: [120, undefined, 40, null, 3],
          colour: '#4a5663',
          marker: 'circle',
        },
        {
          id: 'chtSync',
          label: 'CHT Sync',
          values: [undefined, 5, 2, 1, 0],
          colour: '#0b57a4',
          marker: 'square',
          dashed: true,
        },
      ],
    })
    expect(html.startsWith('<svg')).toBe(true)
    expect(html).toContain('role="img"')
    expect(html).toContain('aria-label="Changes waiting per pipeline."')
    expect(html).toContain('data-series="couch2pg" data-points="3"')
    expect(html).toContain('data-series="chtSync" data-points="4"')
    // Marks: 3 circles and 4 squares on the lines, one of each in the legend.
    expect(count(html, /<circle /g)).toBe(4)
    expect(count(html, /<rect x="[^"]*" y="[^"]*" width="7" height="7"/g)).toBe(5)
    expect(count(html, /data-unknown=""/g)).toBe(1)
    expect(html).toContain('>couch2pg</text>')
    expect(html).toContain('>CHT Sync</text>')
    // The last day is labelled on the axis.
    expect(html).toContain('>12-02</text>')
  })

  it('draws a target level with its label, an area under a stepped line and its last value', async () => {
    const props = {
      days: DAYS,
      summary: 'Items settled.',
      target: { value: 59, label: 'all 59 items' },
      series: [
        {
          id: 'settled',
          label: 'Items done or not applicable',
          values: [0, 1, 1, 4, 12],
          colour: '#176b3a',
          step: true,
          area: true,
          labelLast: true,
        },
      ],
    }
    const html = await render(props)
    expect(html).toContain('data-target="59"')
    expect(html).toContain('>all 59 items</text>')
    expect(html).toMatch(/<text data-last=""[^>]*>12<\/text>/)
    expect(html).toMatch(/<path[^>]*fill="url\(#series-hatch-/)
    expect(count(html, /<circle /g)).toBe(0)
    // Pure: the same markup twice.
    expect(await render(props)).toBe(html)
  })
})
