import { useId } from 'react'
import { ChartFrame } from './chart-frame'
import { AxisBottom, AxisLeft, type TickRendererProps } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import {
  CHART_COLOURS as C,
  CHART_FONT,
  compactNumber,
  trendBars,
  trendSummary,
  wholeTicks,
  type TrendPoint,
} from './chart-data'

const MARGIN = { top: 30, right: 12, bottom: 26, left: 44 }
/** A green day with no difference still gets a bar this tall, so it shows. */
const MIN_BAR = 4

/** A tick label as plain SVG text (visx's own `Text` measures words in the DOM). */
function Tick({ x, y, formattedValue, textAnchor, dy }: TickRendererProps) {
  return (
    <text
      x={x}
      y={y}
      dy={dy}
      textAnchor={textAnchor}
      fontSize={11}
      fill={C.muted}
      fontFamily={CHART_FONT}
    >
      {formattedValue}
    </text>
  )
}

/** The legend: what a green mark, a hatched bar and a dash mean, in words. */
function Legend({ x, hatch }: { x: number; hatch: string }) {
  return (
    <g transform={`translate(${x}, 8)`} fontFamily={CHART_FONT} fontSize={11} fill={C.ink}>
      <rect x={0} y={0} width={12} height={12} fill={C.green} stroke={C.greenWeak} />
      <text x={18} y={10}>
        ✓ all green
      </text>
      <rect x={100} y={0} width={12} height={12} fill={`url(#${hatch})`} stroke={C.red} />
      <text x={118} y={10}>
        not green (count above)
      </text>
      <line x1={272} x2={282} y1={11} y2={11} stroke={C.muted} strokeWidth={2} />
      <text x={288} y={10}>
        no run
      </text>
    </g>
  )
}

/** The trend chart's props: the days that had runs, the last day of the span, the size. */
export interface TrendChartProps {
  points: readonly TrendPoint[]
  /** The span's last UTC day, `YYYY-MM-DD`. */
  today: string
  span?: number
  width?: number
  height?: number
}

/**
 * Differences per day over the last `span` days as bars: a day on which every comparison was
 * green is a solid green bar on a light green column with a ✓ above it, any other day a red-hatched bar with its count
 * above, a day without a run a dash on the baseline; so colour never carries the meaning alone.
 * Fixed size (scaled by CSS through its viewBox), no effects, no measuring: the PDF renders it
 * with `renderToStaticMarkup`. `role="img"` with a summary; the page keeps its table as the full
 * text alternative.
 */
export function TrendChart({
  points,
  today,
  span = 30,
  width = 720,
  height = 210,
}: TrendChartProps) {
  const hatch = `trend-hatch-${useId().replace(/:/g, '')}`
  const bars = trendBars(points, today, span)
  const innerW = width - MARGIN.left - MARGIN.right
  const innerH = height - MARGIN.top - MARGIN.bottom
  const max = Math.max(1, ...bars.map((b) => b.run?.total ?? 0))
  const x = scaleBand<string>({ domain: bars.map((b) => b.day), range: [0, innerW], padding: 0.25 })
  const y = scaleLinear<number>({ domain: [0, max], range: [innerH, 0], nice: true })
  const every = Math.max(1, Math.ceil(span / 6))
  const tickDays = bars.filter((_, i) => (bars.length - 1 - i) % every === 0).map((b) => b.day)
  const summary = trendSummary(bars)
  return (
    <ChartFrame
      className="chart trend-chart"
      width={width}
      height={height}
      summary={summary}
      hatch={{ id: hatch, size: 6, fill: '#fdecea', stroke: C.red }}
    >
      <Legend x={MARGIN.left} hatch={hatch} />
      <Group left={MARGIN.left} top={MARGIN.top}>
        {bars.map(({ day, run }) => {
          const left = x(day) ?? 0
          const bw = x.bandwidth()
          if (!run) {
            return (
              <line
                key={day}
                data-day={day}
                data-kind="no-run"
                x1={left + bw * 0.2}
                x2={left + bw * 0.8}
                y1={innerH - 1}
                y2={innerH - 1}
                stroke={C.muted}
                strokeWidth={2}
              />
            )
          }
          const total = run.total ?? 0
          const h = Math.max(MIN_BAR, innerH - y(total))
          const label = run.green ? '✓' : run.total === null ? '?' : compactNumber(total)
          return (
            <g key={day}>
              {run.green ? (
                <rect x={left} y={0} width={bw} height={innerH} fill={C.greenWeak} />
              ) : null}
              <Bar
                data-bar=""
                data-day={day}
                data-green={run.green}
                x={left}
                y={innerH - h}
                width={bw}
                height={h}
                fill={run.green ? C.green : `url(#${hatch})`}
                stroke={run.green ? C.green : C.red}
              />
              <text
                x={left + bw / 2}
                y={innerH - h - 4}
                textAnchor="middle"
                fontSize={run.green ? 12 : 10}
                fontWeight={600}
                fill={run.green ? C.green : C.red}
                fontFamily={CHART_FONT}
              >
                {label}
              </text>
            </g>
          )
        })}
        <AxisLeft
          scale={y}
          tickValues={wholeTicks(y.ticks(4))}
          tickFormat={(v) => compactNumber(Number(v))}
          stroke={C.muted}
          tickStroke={C.muted}
          tickComponent={Tick}
          tickLabelProps={{ textAnchor: 'end', dy: '0.33em', dx: -4 }}
        />
        <AxisBottom
          top={innerH}
          scale={x}
          tickValues={tickDays}
          tickFormat={(d) => String(d).slice(5)}
          stroke={C.muted}
          tickStroke={C.muted}
          tickComponent={Tick}
          tickLabelProps={{ textAnchor: 'middle', dy: '0.25em' }}
        />
      </Group>
    </ChartFrame>
  )
}
