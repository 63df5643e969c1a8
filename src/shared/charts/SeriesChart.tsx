import { useId } from 'react'
import { AxisBottom, AxisLeft, type TickRendererProps } from '@visx/axis'
import { curveLinear, curveStepAfter } from '@visx/curve'
import { Group } from '@visx/group'
import { scaleLinear } from '@visx/scale'
import { AreaClosed, LinePath } from '@visx/shape'
import { ChartFrame } from './chart-frame'
import { CHART_COLOURS as C, CHART_FONT, compactNumber, wholeTicks } from './chart-data'

const MARGIN = { top: 30, right: 14, bottom: 26, left: 44 }

/** One line of a series chart: a value per day of the chart (undefined: none that day). */
export interface ChartSeries {
  id: string
  /** Its name in the legend. */
  label: string
  /** One per day of the chart; null draws a “?” (read, but unknown), undefined nothing. */
  values: readonly (number | null | undefined)[]
  colour: string
  /** The mark at each value, so two lines differ by more than their colour; none for one line. */
  marker?: 'circle' | 'square'
  dashed?: boolean
  /** A level held until the next value (a running count), rather than a slope between values. */
  step?: boolean
  /** Hatches the area under the line. */
  area?: boolean
  /** Writes the last value beside its point (the figure now, where a line rises on its last day). */
  labelLast?: boolean
}

/** The series chart's props: its days, its lines and their summary in words. */
export interface SeriesChartProps {
  /** UTC days, `YYYY-MM-DD`, oldest first. */
  days: readonly string[]
  series: readonly ChartSeries[]
  /** The chart's content in one sentence: its accessible name. */
  summary: string
  /** A level the lines climb towards (the number of items, say), drawn dashed with its label. */
  target?: { value: number; label: string }
  width?: number
  height?: number
}

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

function Marker({
  kind,
  x,
  y,
  colour,
}: {
  kind: 'circle' | 'square'
  x: number
  y: number
  colour: string
}) {
  return kind === 'circle' ? (
    <circle cx={x} cy={y} r={3.5} fill="#ffffff" stroke={colour} strokeWidth={2} />
  ) : (
    <rect x={x - 3.5} y={y - 3.5} width={7} height={7} fill={colour} />
  )
}

/** The legend: each line's sample, mark and name, in a row. */
function Legend({ series }: { series: readonly ChartSeries[] }) {
  let x = 0
  return (
    <g
      transform={`translate(${MARGIN.left}, 8)`}
      fontFamily={CHART_FONT}
      fontSize={11}
      fill={C.ink}
    >
      {series.map((s) => {
        const left = x
        x += 44 + s.label.length * 6.2
        return (
          <g key={s.id} transform={`translate(${left}, 0)`}>
            <line
              x1={0}
              x2={22}
              y1={6}
              y2={6}
              stroke={s.colour}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '5 3' : undefined}
            />
            {s.marker ? <Marker kind={s.marker} x={11} y={6} colour={s.colour} /> : null}
            <text x={28} y={10}>
              {s.label}
            </text>
          </g>
        )
      })}
    </g>
  )
}

/**
 * Values per day as lines: each line with its own mark (and dashes) and named in the legend, so
 * colour never carries the meaning alone; a day read with no figure a “?” on the baseline; an
 * optional target level drawn dashed with its label. Fixed size (scaled by CSS through its
 * viewBox), no effects, no measuring, like the parity charts. `role="img"` named by `summary`;
 * the page gives the figures in a table beside it.
 */
export function SeriesChart({
  days,
  series,
  summary,
  target,
  width = 400,
  height = 220,
}: SeriesChartProps) {
  const hatch = `series-hatch-${useId().replace(/:/g, '')}`
  const innerW = width - MARGIN.left - MARGIN.right
  const innerH = height - MARGIN.top - MARGIN.bottom
  const values = series.flatMap((s) => s.values.filter((v): v is number => typeof v === 'number'))
  const max = Math.max(1, target?.value ?? 0, ...values)
  const x = scaleLinear<number>({ domain: [0, Math.max(1, days.length - 1)], range: [0, innerW] })
  const y = scaleLinear<number>({ domain: [0, max], range: [innerH, 0], nice: true })
  const every = Math.max(1, Math.ceil(days.length / 5))
  const ticks = days.map((_, i) => i).filter((i) => (days.length - 1 - i) % every === 0)
  return (
    <ChartFrame
      className="chart series-chart"
      width={width}
      height={height}
      summary={summary}
      hatch={{ id: hatch, size: 6, fill: C.greenWeak, stroke: '#b9dcc6' }}
    >
      <Legend series={series} />
      <Group left={MARGIN.left} top={MARGIN.top}>
        {target ? (
          <g data-target={target.value}>
            <line
              x1={0}
              x2={innerW}
              y1={y(target.value)}
              y2={y(target.value)}
              stroke={C.muted}
              strokeDasharray="2 3"
            />
            <text
              x={innerW}
              y={y(target.value) - 4}
              textAnchor="end"
              fontSize={11}
              fill={C.muted}
              fontFamily={CHART_FONT}
            >
              {target.label}
            </text>
          </g>
        ) : null}
        {series.map((s) => {
          const points = s.values
            .map((v, i) => ({ i, v }))
            .filter((p): p is { i: number; v: number } => typeof p.v === 'number')
          const curve = s.step ? curveStepAfter : curveLinear
          const marker = s.marker
          const last = points.at(-1)
          return (
            <g key={s.id} data-series={s.id} data-points={points.length}>
              {s.area && points.length > 0 ? (
                <AreaClosed
                  data={points}
                  x={(p) => x(p.i)}
                  y={(p) => y(p.v)}
                  yScale={y}
                  curve={curve}
                  fill={`url(#${hatch})`}
                />
              ) : null}
              <LinePath
                data={points}
                x={(p) => x(p.i)}
                y={(p) => y(p.v)}
                curve={curve}
                stroke={s.colour}
                strokeWidth={2}
                strokeDasharray={s.dashed ? '5 3' : undefined}
              />
              {marker
                ? points.map((p) => (
                    <Marker key={p.i} kind={marker} x={x(p.i)} y={y(p.v)} colour={s.colour} />
                  ))
                : null}
              {s.labelLast && last ? (
                <text
                  data-last=""
                  x={x(last.i) - 4}
                  y={y(last.v) - 6}
                  textAnchor="end"
                  fontSize={12}
                  fontWeight={700}
                  fill={s.colour}
                  fontFamily={CHART_FONT}
                >
                  {compactNumber(last.v)}
                </text>
              ) : null}
              {s.values.map((v, i) =>
                v === null ? (
                  <text
                    key={i}
                    data-unknown=""
                    x={x(i)}
                    y={innerH - 4}
                    textAnchor="middle"
                    fontSize={11}
                    fontWeight={600}
                    fill={s.colour}
                    fontFamily={CHART_FONT}
                  >
                    ?
                  </text>
                ) : null,
              )}
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
          tickValues={ticks}
          tickFormat={(i) => (days[Number(i)] ?? '').slice(5)}
          stroke={C.muted}
          tickStroke={C.muted}
          tickComponent={Tick}
          tickLabelProps={{ textAnchor: 'middle', dy: '0.25em' }}
        />
      </Group>
    </ChartFrame>
  )
}
