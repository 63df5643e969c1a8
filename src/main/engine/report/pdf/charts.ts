import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { MetricChart } from '../../../../shared/charts/MetricChart'
import { TrendChart } from '../../../../shared/charts/TrendChart'
import type { ChartSpec } from '../../../../shared/report/model'
import type { PdfLib } from './pdf-lib'
import { TILE_SIZE, TREND_SIZE } from './prepare'
import { svgToPdf } from './svg-convert'

/** Groups a dashboard tile draws in the PDF (the page is narrower than the app's). */
const TILE_GROUPS = 12

/** The app's chart for a chart of the plan, as SVG markup. */
export function chartMarkup(chart: ChartSpec): string {
  if (chart.kind === 'parity-trend') {
    return renderToStaticMarkup(
      createElement(TrendChart, {
        points: chart.points.map((p) => ({ day: p.day, total: p.differences, green: p.green })),
        today: chart.today,
        span: chart.span,
        width: TREND_SIZE.width,
        height: TREND_SIZE.height,
      }),
    )
  }
  // Groups that differ first, as the app's replica dashboard orders them.
  const rows = chart.groups
    .map((g) => ({
      group: g.label,
      old: g.couch2pg,
      new: g.chtSync,
      differs: g.couch2pg !== g.chtSync,
    }))
    .sort((a, b) => Number(b.differs) - Number(a.differs))
  return renderToStaticMarkup(
    createElement(MetricChart, {
      rows,
      oldLabel: 'couch2pg',
      newLabel: 'CHT Sync',
      maxGroups: TILE_GROUPS,
      width: TILE_SIZE.width,
      height: TILE_SIZE.height,
    }),
  )
}

/** The chart drawn `width` points wide as PDF vector graphics, or null if it has nothing to draw. */
export function pdfChart(
  lib: PdfLib,
  chart: ChartSpec,
  width: number,
  fontFamily: (text: string) => string | string[],
): ReactElement | null {
  // The metric chart wraps its SVG in a figure: only the SVG is converted.
  const markup = chartMarkup(chart)
  const start = markup.indexOf('<svg')
  const end = markup.lastIndexOf('</svg>')
  if (start < 0 || end < 0) return null
  return svgToPdf(lib, markup.slice(start, end + 6), width, fontFamily)
}
