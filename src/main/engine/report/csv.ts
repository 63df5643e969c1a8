import type { Block, Cell, PlanReport } from '../../../shared/report/model'
import type { CsvTable } from '../../../shared/report/formats'
import { AppError } from '../../../shared/result'

type Table = Extract<Block, { type: 'table' }>

/** Byte order mark: Excel reads the file as UTF-8 only with it (names in Devanagari, Ge'ez…). */
const BOM = '\uFEFF'
const CRLF = '\r\n'

// A cell a spreadsheet would run as a formula (or a DDE call) starts with one of these.
const FORMULA_START = /^[=+\-@\t\r]/

/** A text field made inert for spreadsheets: a leading `'` before what would start a formula. */
export function inertText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** One field of RFC 4180: quoted when it holds a quote, comma or line break, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A cell's value in a CSV: numbers plain, spans their text, null empty, text made inert. */
export function csvCell(cell: Cell): string {
  if (cell === null) return ''
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : ''
  return csvField(inertText(typeof cell === 'string' ? cell : cell.text))
}

/** The tables of the report exported under `table` (printed or data-only), in order. */
export function csvTablesOf(report: PlanReport, table: CsvTable): Table[] {
  return report.sections.flatMap((s) =>
    s.blocks.filter((b): b is Table => b.type === 'table' && b.csv === table),
  )
}

/**
 * One of the plan's tables (`inventory`, `checks`, `parity`) as RFC 4180 CSV: a header of the
 * column labels, then a record per row, CRLF line ends, UTF-8 with a byte order mark. Cells a
 * spreadsheet would run as a formula are prefixed with `'`. When several tables carry the key
 * (the same columns), their rows follow one another. `NOT_FOUND` when the plan has no such table.
 */
export function renderPlanCsv(report: PlanReport, table: CsvTable): string {
  const tables = csvTablesOf(report, table)
  const first = tables[0]
  if (!first) {
    throw new AppError(
      'NOT_FOUND',
      `The plan has no ${table} table to export yet; ${FILLED_BY[table]}`,
      { table },
    )
  }
  const keys = first.columns.map((c) => c.key).join('\u0000')
  const rows = tables
    .filter((t) => t.columns.map((c) => c.key).join('\u0000') === keys)
    .flatMap((t) => t.rows)
  const lines = [
    first.columns.map((c) => csvField(inertText(c.label))).join(','),
    ...rows.map((row) => first.columns.map((_c, i) => csvCell(row[i] ?? null)).join(',')),
  ]
  return BOM + lines.map((line) => line + CRLF).join('')
}

const FILLED_BY: Readonly<Record<CsvTable, string>> = {
  inventory: 'run the inventory on the Plan step first.',
  checks: 'run the checks first.',
  parity: 'run a parity comparison first.',
}
