import type { Block, Cell, ChartSpec, Span, Tone } from '../../../../shared/report/model'
import { MISSING } from '../../../../shared/report/text'
import type { Fitted, TextTools } from './measure'
import { CONTENT_WIDTH, LEADING, ROOM, SIZE, textHeight } from './styles'

/**
 * Blocks made ready to draw: text cleaned and broken to fit, and each part's height estimated, so
 * that the pages can be cut by hand (see paginate.ts).
 */

/** A span ready to draw. */
export interface PSpan extends Omit<Span, 'text'> {
  text: string
  latin: boolean
}

/** A run of spans in one text, with its height. */
export interface PText {
  spans: PSpan[]
  latin: boolean
  lines: number
  height: number
}

export interface PColumn {
  label: Fitted
  width: number
  align: 'left' | 'right'
}

/** One part of a block: the unit the pages are cut by. */
export type Piece =
  | { kind: 'heading'; text: Fitted; anchor: string | null; height: number }
  | { kind: 'paragraph'; text: PText; height: number }
  | { kind: 'fact'; label: Fitted; value: PText; height: number }
  | { kind: 'item'; marker: string; text: PText; height: number }
  | { kind: 'callout'; tone: Tone; text: PText; height: number }
  | { kind: 'signature'; name: Fitted; role: Fitted; date: Fitted; note: PText; height: number }
  | {
      kind: 'charts'
      charts: { chart: ChartSpec; title: Fitted | null; alt: PText }[]
      chartHeight: number
      height: number
    }
  | { kind: 'table-head'; caption: Fitted; columns: PColumn[]; height: number; continued?: boolean }
  | {
      kind: 'row'
      /** Each cell's one span, broken into its lines with newlines. */
      cells: (PSpan & { lines: number })[]
      columns: PColumn[]
      lines: number
      /** The table's last row (the space after the table follows it). */
      last: boolean
      height: number
    }

/** A block as pieces; a table's rows repeat its head on every page they run onto. */
export interface PreparedBlock {
  pieces: Piece[]
  /** Drawn again above the pieces that continue on a new page (a table's caption and header). */
  head?: Extract<Piece, { kind: 'table-head' }>
  /** Keep with the next block (a heading). */
  keepWithNext?: boolean
}

const CHART_WIDTH = CONTENT_WIDTH
/** The trend chart's drawing size in the PDF (its own units; scaled to the page's width). */
export const TREND_SIZE = { width: 600, height: 200 } as const
/** A dashboard tile's drawing size: two side by side. */
export const TILE_SIZE = { width: 360, height: 230 } as const
export const TILE_GAP = 14
/** A table row's line: rows are drawn column by column, every line this tall. */
export const ROW_LINE = 12.5
/** Most lines of one paragraph (about three pages). */
const PARAGRAPH_LINES = 160
/** Most lines of one table cell (a longer value is cut, saying how much is left out). */
const CELL_LINES = 18

/** Prepares spans to draw in one text `width` wide at `size`. */
export function fitSpans(
  tools: TextTools,
  spans: readonly Span[],
  size: number,
  width: number,
  maxLines = Infinity,
): PText {
  const out: PSpan[] = []
  let all = ''
  for (const span of spans) {
    const fitted = tools.fit(span.text, size, width, { bold: span.strong, maxLines })
    out.push({ ...span, text: fitted.text, latin: fitted.latin })
    all += fitted.text
  }
  const bold = spans.some((s) => s.strong)
  const lines = Math.max(1, tools.fit(all, size, width, { bold }).lines)
  return {
    spans: out,
    latin: out.every((s) => s.latin),
    lines,
    height: textHeight(lines, size),
  }
}

/** A table cell as a span: a number as is, null as the mark of a value not recorded. */
export function cellSpan(cell: Cell): Span {
  if (cell === null) return { text: MISSING, missing: true }
  if (typeof cell === 'number') return { text: String(cell) }
  if (typeof cell === 'string') return { text: cell }
  return cell
}

function table(tools: TextTools, block: Extract<Block, { type: 'table' }>): PreparedBlock {
  if (block.rows.length === 0) {
    const text = fitSpans(
      tools,
      [
        { text: `${block.caption}: `, strong: true },
        { text: block.empty, muted: true },
      ],
      SIZE.body,
      CONTENT_WIDTH,
    )
    return { pieces: [{ kind: 'paragraph', text, height: text.height + ROOM.block }] }
  }
  const total = block.columns.reduce((n, c) => n + Math.max(0.1, c.width), 0)
  const columns: PColumn[] = block.columns.map((c) => {
    const width = (Math.max(0.1, c.width) / total) * CONTENT_WIDTH
    const inner = width - 2 * ROOM.cellPadX
    return {
      label: tools.fit(c.label, SIZE.table, inner, { bold: true, maxLines: 4 }),
      width,
      align: c.align ?? 'left',
    }
  })
  const line = SIZE.table * LEADING.table
  const caption = tools.fit(block.caption, SIZE.caption, CONTENT_WIDTH, { bold: true, maxLines: 3 })
  const headLines = Math.max(...columns.map((c) => c.label.lines))
  const head = {
    kind: 'table-head' as const,
    caption,
    columns,
    height:
      textHeight(caption.lines, SIZE.caption) + 4 + headLines * line + 2 * ROOM.cellPadY + 1 + 3, // + the rows' rule drop
  }
  const pieces: Piece[] = [head]
  for (const row of block.rows) {
    let lines = 1
    const cells = columns.map((column, i) => {
      const span = cellSpan(row[i] ?? null)
      const inner = column.width - 2 * ROOM.cellPadX
      const fitted = tools.fit(span.text, SIZE.table, inner, {
        bold: span.strong,
        maxLines: CELL_LINES,
        hard: true,
      })
      lines = Math.max(lines, fitted.lines)
      return { ...span, text: fitted.text, latin: fitted.latin, lines: fitted.lines }
    })
    pieces.push({ kind: 'row', cells, columns, lines, last: false, height: lines * ROW_LINE })
  }
  const last = pieces[pieces.length - 1]!
  if (last.kind === 'row') last.last = true
  last.height += ROOM.block
  return { pieces, head }
}

/** A block as pieces with their heights; metric tiles come paired by the caller. */
export function prepareBlock(tools: TextTools, block: Block): PreparedBlock {
  const body = (spans: readonly Span[], width = CONTENT_WIDTH) =>
    fitSpans(tools, spans, SIZE.body, width, PARAGRAPH_LINES)
  switch (block.type) {
    case 'heading': {
      const text = tools.fit(block.text, SIZE.heading, CONTENT_WIDTH, { bold: true })
      const height = textHeight(text.lines, SIZE.heading) + ROOM.heading + 4
      return {
        pieces: [{ kind: 'heading', text, anchor: block.anchor ?? null, height }],
        keepWithNext: true,
      }
    }
    case 'paragraph': {
      const text = body(block.spans)
      return { pieces: [{ kind: 'paragraph', text, height: text.height + ROOM.block }] }
    }
    case 'facts': {
      const labelWidth = CONTENT_WIDTH * 0.3
      const pieces: Piece[] = block.rows.map((row) => {
        const label = tools.fit(row.label, SIZE.body, labelWidth - 8, { bold: true })
        const value = body(row.value, CONTENT_WIDTH - labelWidth)
        const lines = Math.max(label.lines, value.lines)
        return { kind: 'fact', label, value, height: textHeight(lines, SIZE.body) + 5 }
      })
      if (pieces.length > 0) pieces[pieces.length - 1]!.height += ROOM.block
      return { pieces }
    }
    case 'list': {
      const pieces: Piece[] = block.items.map((item, i) => {
        const text = body(item, CONTENT_WIDTH - 18)
        const marker = block.ordered ? `${i + 1}.` : '•'
        return { kind: 'item', marker, text, height: text.height + 3 }
      })
      if (pieces.length > 0) pieces[pieces.length - 1]!.height += ROOM.block
      return { pieces }
    }
    case 'callout': {
      const text = body(block.spans, CONTENT_WIDTH - 24)
      const height = text.height + ROOM.callout + ROOM.block
      return { pieces: [{ kind: 'callout', tone: block.tone, text, height }] }
    }
    case 'signatures': {
      const half = CONTENT_WIDTH / 3 - 8
      const pieces: Piece[] = block.lines.map((line) => {
        const field = (value: string | null) =>
          tools.fit(value ?? '', SIZE.small, half, { maxLines: 3 })
        const note = body(line.note ? [{ text: line.note, muted: true }] : [], CONTENT_WIDTH)
        const height = ROOM.signature + (line.note ? note.height : 0)
        return {
          kind: 'signature',
          name: field(line.name),
          role: field(line.role),
          date: field(line.date),
          note,
          height,
        }
      })
      return { pieces }
    }
    case 'chart':
      return { pieces: [chartsPiece(tools, [block])] }
    case 'table':
      return table(tools, block)
  }
}

/** One chart across the page, or two dashboard tiles side by side. */
export function chartsPiece(
  tools: TextTools,
  blocks: readonly Extract<Block, { type: 'chart' }>[],
): Piece {
  const tiles = blocks[0]!.chart.kind === 'metric-tile'
  const width = tiles ? (CHART_WIDTH - TILE_GAP) / 2 : CHART_WIDTH
  const size = tiles ? TILE_SIZE : TREND_SIZE
  const chartHeight = (width * size.height) / size.width
  const charts = blocks.map((b) => ({
    chart: cleanChart(tools, b.chart),
    title:
      b.chart.kind === 'metric-tile'
        ? tools.fit(b.chart.title, SIZE.caption, width, { bold: true, maxLines: 2 })
        : null,
    alt: fitSpans(tools, [{ text: b.alt, muted: true }], SIZE.small, width, 6),
  }))
  const title = tiles ? 2 * SIZE.caption * LEADING.body + 4 : 0
  const alt = Math.max(...charts.map((c) => c.alt.height))
  return { kind: 'charts', charts, chartHeight, height: title + chartHeight + alt + ROOM.block + 6 }
}

/** The chart's words with the characters no font has replaced, as all text in the PDF. */
function cleanChart(tools: TextTools, chart: ChartSpec): ChartSpec {
  if (chart.kind === 'parity-trend') return chart
  return {
    ...chart,
    groups: chart.groups.map((g) => ({ ...g, label: tools.clean(g.label).text })),
  }
}
