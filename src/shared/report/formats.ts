/**
 * The formats the migration plan is exported in: the signed-off PDF, the plan as JSON, a readable
 * Markdown summary, and the inventory, checks and parity tables as CSV. Each has its file
 * extension, media type and default file name (`kenya-plan.pdf`), shared by the engine, the
 * faces and the renderer's export menu.
 */

/** Every export format, in the order an export menu offers them. */
export const REPORT_FORMATS = [
  'pdf',
  'json',
  'markdown',
  'csv-inventory',
  'csv-checks',
  'csv-parity',
] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** The tables exported as CSV, by the `csv` key of the report's table blocks. */
export const CSV_TABLES = ['inventory', 'checks', 'parity'] as const
export type CsvTable = (typeof CSV_TABLES)[number]

/** What a format is called and how its file is named and served. */
export interface ReportFormatInfo {
  /** For a menu or a save dialog: `PDF`, `CSV: inventory`. */
  label: string
  /** With its dot: `.pdf`. */
  extension: string
  /** The `Content-Type` of a download. */
  mediaType: string
  /** What follows the project's slug in the default file name: `plan`, `summary`, `inventory`. */
  suffix: string
  /** For the CSV formats, the table exported. */
  table: CsvTable | null
}

export const REPORT_FORMAT_INFO: Readonly<Record<ReportFormat, ReportFormatInfo>> = {
  pdf: {
    label: 'PDF',
    extension: '.pdf',
    mediaType: 'application/pdf',
    suffix: 'plan',
    table: null,
  },
  json: {
    label: 'JSON',
    extension: '.json',
    mediaType: 'application/json; charset=utf-8',
    suffix: 'plan',
    table: null,
  },
  markdown: {
    label: 'Markdown',
    extension: '.md',
    mediaType: 'text/markdown; charset=utf-8',
    suffix: 'summary',
    table: null,
  },
  'csv-inventory': {
    label: 'CSV: inventory',
    extension: '.csv',
    mediaType: 'text/csv; charset=utf-8',
    suffix: 'inventory',
    table: 'inventory',
  },
  'csv-checks': {
    label: 'CSV: checks',
    extension: '.csv',
    mediaType: 'text/csv; charset=utf-8',
    suffix: 'checks',
    table: 'checks',
  },
  'csv-parity': {
    label: 'CSV: parity',
    extension: '.csv',
    mediaType: 'text/csv; charset=utf-8',
    suffix: 'parity',
    table: 'parity',
  },
}

/** True for one of `REPORT_FORMATS`. */
export const isReportFormat = (value: string): value is ReportFormat =>
  (REPORT_FORMATS as readonly string[]).includes(value)

/** The CSV format of a table: `inventory` → `csv-inventory`. */
export const csvFormatOf = (table: CsvTable): ReportFormat => `csv-${table}`

/**
 * A project name as the start of a file name: letters and digits of any script kept (lower
 * case where the script has case), everything else a single `-`, at most 60 characters;
 * `migration` when nothing is left.
 */
export function reportSlug(projectName: string): string {
  const slug = projectName
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  const cut = Array.from(slug).slice(0, 60).join('').replace(/-+$/g, '')
  return cut || 'migration'
}

/** The default file name of an export: `kenya-plan.pdf`, `kenya-summary.md`, `kenya-checks.csv`. */
export function reportFileName(projectName: string, format: ReportFormat): string {
  const info = REPORT_FORMAT_INFO[format]
  return `${reportSlug(projectName)}-${info.suffix}${info.extension}`
}

/**
 * The format a file name asks for by its extension: `.pdf`, `.json`, `.md`/`.markdown`; `csv`
 * for `.csv`, which needs the table said apart; null for anything else.
 */
export function formatOfFileName(path: string): ReportFormat | 'csv' | null {
  const match = /\.([A-Za-z]+)$/.exec(path)
  const extension = match?.[1]?.toLowerCase()
  if (extension === 'pdf') return 'pdf'
  if (extension === 'json') return 'json'
  if (extension === 'md' || extension === 'markdown') return 'markdown'
  if (extension === 'csv') return 'csv'
  return null
}
