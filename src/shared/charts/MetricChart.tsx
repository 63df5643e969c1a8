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
  metricBars,
  metricSummary,
  shortLabel,
  type MetricBarRow,
} from './chart-data'

// Room for a 12-character group name slanted at 35° below the first bar (no clipping).
const MARGIN = { top: 28, right: 8, bottom: 66, left: 56 }
const SIDES = ['old', 'new'] as const

function NumberTick({ x, y, formattedValue, dy, dx }: TickRendererProps) {
  return (
    <text
      x={x}
      y={y}
      dy={dy}
      dx={dx}
      textAnchor="end"
      fontSize={11}
      fill={C.muted}
      fontFamily={CHART_FONT}
    >
      {formattedValue}
    </text>
  )
}

/** A group's name, slanted and cut short; the whole name in its tooltip. */
function GroupTick({ x, y, formattedValue }: TickRendererProps) {
  const name = formattedValue ?? ''
  return (
    <text
      transform={`translate(${x}, ${y + 4}) rotate(-35)`}
      textAnchor="end"
      fontSize={10}
      fill={C.ink}
      fontFamily={CHART_FONT}
    >
      <title>{name}</title>
      {shortLabel(name, 12)}
    </text>
  )
}

/** The metric chart's props: the groups (those that differ first), how the sides are called. */
export interface MetricChartProps {
  rows: readonly MetricBarRow[]
  oldLabel?: string
  newLabel?: string
  /** Groups drawn at most; a note says how many more there are. */
  maxGroups?: number
  width?: number
  height?: number
}

/**
 * Old against new per group as grouped bars: old solid grey, new hatched blue, named in the
 * legend, and a group that differs marked “≠” in red above its bars; so colour never carries the
 * meaning alone. At most `maxGroups` groups (the first ones: the caller puts those that differ
 * first), with a note saying how many are left out. Fixed size, no effects, no measuring (the PDF
 * renders it with `renderToStaticMarkup`); `role="img"` with a summary, the group table beside
 * it being the full text alternative.
 */
export function MetricChart({
  rows,
  oldLabel = 'Old',
  newLabel = 'New',
  maxGroups = 24,
  width = 520,
  height = 230,
}: MetricChartProps) {
  const hatch = `metric-hatch-${useId().replace(/:/g, '')}`
  const { shown, hidden } = metricBars(rows, maxGroups)
  const innerW = width - MARGIN.left - MARGIN.right
  const innerH = height - MARGIN.top - MARGIN.bottom
  const max = Math.max(1, ...shown.flatMap((r) => [r.old ?? 0, r.new ?? 0]))
  // Groups by position: two groups may share a shortened name.
  const keys = shown.map((_, i) => String(i))
  const x0 = scaleBand<string>({ domain: keys, range: [0, innerW], padding: 0.2 })
  const x1 = scaleBand<string>({ domain: [...SIDES], range: [0, x0.bandwidth()], padding: 0.08 })
  const y = scaleLinear<number>({ domain: [0, max], range: [innerH, 0], nice: true })
  const summary = metricSummary(rows, shown.length, { old: oldLabel, new: newLabel })
  return (
    <figure className="chart-figure">
      <ChartFrame
        className="chart metric-chart"
        width={width}
        height={height}
        summary={summary}
        hatch={{ id: hatch, size: 5, fill: '#e6eff9', stroke: C.new }}
      >
        <g
          transform={`translate(${MARGIN.left}, 8)`}
          fontFamily={CHART_FONT}
          fontSize={11}
          fill={C.ink}
        >
          <rect width={12} height={12} fill={C.old} />
          <text x={18} y={10}>
            {oldLabel}
          </text>
          <rect x={110} width={12} height={12} fill={`url(#${hatch})`} stroke={C.new} />
          <text x={128} y={10}>
            {newLabel}
          </text>
          <text x={230} y={10} fill={C.red} fontWeight={700}>
            ≠
          </text>
          <text x={242} y={10}>
            differs
          </text>
        </g>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {shown.map((row, i) => {
            const left = x0(String(i)) ?? 0
            const top = Math.min(y(row.old ?? 0), y(row.new ?? 0))
            return (
              <g key={i} data-group={row.group} data-differs={row.differs}>
                {SIDES.map((side) => {
                  const value = row[side]
                  const bx = left + (x1(side) ?? 0)
                  if (value === null) {
                    return (
                      <text
                        key={side}
                        x={bx + x1.bandwidth() / 2}
                        y={innerH - 3}
                        textAnchor="middle"
                        fontSize={10}
                        fill={C.muted}
                      >
                        –
                      </text>
                    )
                  }
                  return (
                    <Bar
                      key={side}
                      data-bar={side}
                      x={bx}
                      y={y(value)}
                      width={x1.bandwidth()}
                      height={Math.max(0, innerH - y(value))}
                      fill={side === 'old' ? C.old : `url(#${hatch})`}
                      stroke={side === 'old' ? C.old : C.new}
                      strokeWidth={0.75}
                    />
                  )
                })}
                {row.differs ? (
                  <text
                    x={left + x0.bandwidth() / 2}
                    y={top - 4}
                    textAnchor="middle"
                    fontSize={13}
                    fontWeight={700}
                    fill={C.red}
                    fontFamily={CHART_FONT}
                  >
                    ≠
                  </text>
                ) : null}
              </g>
            )
          })}
          <AxisLeft
            scale={y}
            numTicks={4}
            tickFormat={(v) => compactNumber(Number(v))}
            stroke={C.muted}
            tickStroke={C.muted}
            tickComponent={NumberTick}
            tickLabelProps={{ dy: '0.33em', dx: -4 }}
          />
          <AxisBottom
            top={innerH}
            scale={x0}
            tickFormat={(k) => shown[Number(k)]?.group ?? ''}
            stroke={C.muted}
            tickStroke={C.muted}
            tickComponent={GroupTick}
          />
        </Group>
      </ChartFrame>
      {hidden > 0 ? (
        <figcaption className="muted chart-note">
          The chart shows the first {shown.length} of {rows.length} groups (those that differ
          first); the table lists them all.
        </figcaption>
      ) : null}
    </figure>
  )
}
