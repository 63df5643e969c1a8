import { resolve } from 'node:path'
import type { ReportExported } from '../../shared/contract-report'
import {
  CSV_TABLES,
  csvFormatOf,
  formatOfFileName,
  isReportFormat,
  REPORT_FORMAT_INFO,
  REPORT_FORMATS,
  type CsvTable,
  type ReportFormat,
} from '../../shared/report/formats'
import type { Result } from '../../shared/result'
import { call } from '../api/dispatch'
import { UsageError, type CommandArgs, type FaceCommand } from './command'
import { ExitCode } from './exit-codes'
import type { CliIo } from './io'
import { createCliContext, waitForJob } from './run-operation'

const isCsvTable = (value: string): value is CsvTable =>
  (CSV_TABLES as readonly string[]).includes(value)

/**
 * The format asked for: `--format`, else `--table` (a CSV table), else the extension of `--out`
 * (`.pdf`, `.json`, `.md`); a `.csv` needs the table said. Throws `UsageError` otherwise.
 */
export function reportFormatOf(values: CommandArgs['values'], out: string): ReportFormat {
  const { format, table } = values
  if (table !== undefined && (typeof table !== 'string' || !isCsvTable(table))) {
    throw new UsageError(
      `Invalid --table “${String(table).slice(0, 40)}”: give ${CSV_TABLES.join(', ')}.`,
    )
  }
  if (format !== undefined) {
    if (typeof format !== 'string' || !isReportFormat(format)) {
      throw new UsageError(
        `Invalid --format “${String(format).slice(0, 40)}”: give ${REPORT_FORMATS.join(', ')}.`,
      )
    }
    if (table !== undefined && format !== csvFormatOf(table)) {
      throw new UsageError(`--format ${format} and --table ${table} disagree; give one of them.`)
    }
    return format
  }
  if (table !== undefined) return csvFormatOf(table)
  const inferred = formatOfFileName(out)
  if (inferred === 'csv') {
    throw new UsageError(
      `Say which table goes into ${out}: --table ${CSV_TABLES.join('|')} (or --format csv-inventory…).`,
    )
  }
  if (inferred === null) {
    throw new UsageError(
      `Cannot tell the format from “${out}”: end it with .pdf, .json, .md or .csv, or give --format.`,
    )
  }
  return inferred
}

type Failure = { ok: false; error: { code: string; message: string } }

/**
 * `cht-migrate report --project FILE --out PATH`: writes the migration plan (PDF, JSON,
 * Markdown, or a table as CSV) from the project file alone, with no connection; the project
 * file is read, never written. Prints where it wrote and how much (`--json`:
 * `{ path, bytes, format, ms }`). Exit codes: 0 written, 2 bad input (an unknown format, an
 * `--out` that is the project or its backup), 1 other errors.
 */
export const reportCommand: FaceCommand = {
  kind: 'face',
  name: 'report',
  summary: 'Export the migration plan as PDF, JSON, Markdown or CSV, from the project file',
  usage: 'report --project FILE --out PATH [--format FORMAT | --table TABLE] [--json]',
  description:
    'Writes the migration plan from the project file alone (no database connection): the PDF ' +
    'to sign off, the plan as JSON, a Markdown summary, or the inventory, checks or parity table ' +
    'as CSV. The format follows the extension of --out (.pdf, .json, .md); a .csv needs --table ' +
    'inventory|checks|parity. --format pdf|json|markdown|csv-inventory|csv-checks|csv-parity ' +
    'overrides the extension. The author is your user name, dates are in this machine’s locale ' +
    'and time zone. The project file is only read; --out may not be the project or its backup. ' +
    'Exit codes: 0 written, 1 error, 2 bad input.',
  options: {
    project: { type: 'string', valueName: 'FILE', description: 'The migration project file' },
    out: { type: 'string', valueName: 'PATH', description: 'The file to write' },
    format: {
      type: 'string',
      valueName: 'FORMAT',
      description: `One of ${REPORT_FORMATS.join(', ')} (default: from --out)`,
    },
    table: {
      type: 'string',
      valueName: 'TABLE',
      description: `The table to write as CSV: ${CSV_TABLES.join(', ')}`,
    },
  },
  async run(args: CommandArgs, io: CliIo): Promise<ExitCode> {
    const { project, out } = args.values
    if (typeof project !== 'string' || project === '') {
      throw new UsageError('Give the project file with --project FILE.')
    }
    if (typeof out !== 'string' || out === '') {
      throw new UsageError('Give the file to write with --out PATH.')
    }
    const format = reportFormatOf(args.values, out)
    const started = Date.now()
    const stop = io.untilStopSignal()
    const ctx = await createCliContext()
    const fail = (result: Failure) => {
      if (args.json) io.stdout(JSON.stringify(result))
      io.stderr(`cht-migrate: ${result.error.message}`)
      return result.error.code === 'BAD_REQUEST' ? ExitCode.BadInput : ExitCode.Error
    }
    try {
      const opened = await call('project.open', { path: resolve(project) }, ctx)
      if (!opened.ok) return fail(opened)
      const job = await call('report.export', { format, path: resolve(out) }, ctx)
      if (!job.ok) return fail(job)
      const done = (await waitForJob(ctx, job.value.jobId, io, stop)) as Result<ReportExported>
      if (!done.ok) return fail(done)
      const { path, bytes } = done.value
      const ms = Date.now() - started
      if (args.json) io.stdout(JSON.stringify({ path, bytes, format, ms }))
      else {
        const size = bytes.toLocaleString('en-US')
        io.stdout(`Wrote the plan (${REPORT_FORMAT_INFO[format].label}) to ${path}: ${size} bytes.`)
      }
      return ExitCode.Ok
    } finally {
      // Read only: nothing was changed, and a file migrated forward on open is not written back.
      await call('project.close', { discardChanges: true }, ctx)
      await ctx.dispose()
    }
  },
}
