import type { ReportExported } from '../../../shared/contract-report'
import { REPORT_FORMATS, reportFileName, type ReportFormat } from '../../../shared/report/formats'
import { isInDemoFolder, type SuggestionProject } from './save-suggestion'
import { dirName, joinPath } from './format'

/**
 * What the export dialog offers and says, as pure functions: each format's name and one-line
 * explanation, the path suggested in browser mode, and the outcome in words.
 */

/** A format as the export dialog offers it. */
export interface ExportChoice {
  format: ReportFormat
  /** `Plan (PDF)`. */
  name: string
  /** What the file holds and who it is for, in one line. */
  about: string
  /** What the outcome calls the file: `the plan (PDF)`. */
  noun: string
}

const CHOICE: Record<ReportFormat, Omit<ExportChoice, 'format'>> = {
  pdf: {
    name: 'Plan (PDF)',
    about:
      'To hand over and sign: summary, plan, checks, parity, teardown, a signature line per step.',
    noun: 'the plan (PDF)',
  },
  json: {
    name: 'Plan data (JSON)',
    about: 'The same content, machine-readable, with a schema version, for other tools.',
    noun: 'the plan data (JSON)',
  },
  markdown: {
    name: 'Summary (Markdown)',
    about: 'The plan as readable text for a wiki, an issue or an email: guidance, links, evidence.',
    noun: 'the summary (Markdown)',
  },
  'csv-inventory': {
    name: 'Inventory table (CSV)',
    about: 'Every inventoried object with its decision, owner and due date, for a spreadsheet.',
    noun: 'the inventory table (CSV)',
  },
  'csv-checks': {
    name: 'Checks table (CSV)',
    about: "Each check's verdict, evidence and remedy, with when it ran, for a spreadsheet.",
    noun: 'the checks table (CSV)',
  },
  'csv-parity': {
    name: 'Parity table (CSV)',
    about: "Each comparison's latest run and its mismatches by class, for a spreadsheet.",
    noun: 'the parity table (CSV)',
  },
}

/** The formats in the dialog's order, with their names and explanations. */
export const EXPORT_CHOICES: readonly ExportChoice[] = REPORT_FORMATS.map((format) => ({
  format,
  ...CHOICE[format],
}))

/** The choice of a format. */
export const exportChoice = (format: ReportFormat): ExportChoice => ({
  format,
  ...CHOICE[format],
})

/** `12 KB`, `1.4 MB`; at least 1 KB. */
export function sizeInWords(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/**
 * Where browser mode suggests writing an export to: beside the project's file, or (a project
 * without a file of its own, a demo's) in the default projects folder; named after the project.
 */
export function suggestedExportPath(
  format: ReportFormat,
  project: SuggestionProject | null,
  defaultDir: string,
): string {
  const fileName = reportFileName(project?.document.name ?? 'migration', format)
  const path = project?.path ?? null
  const dir = project && path && !isInDemoFolder(project) ? dirName(path) : defaultDir
  return joinPath(dir, fileName)
}

/** The outcome of an export in a sentence, for the notice and the live region. */
export function exportDoneText(format: ReportFormat | null, value: ReportExported): string {
  const noun = format ? CHOICE[format].noun : 'the file'
  const size = sizeInWords(value.bytes)
  if (value.download) {
    return `Exported ${noun} as “${value.download.fileName}” (${size}); your browser saves it with its downloads.`
  }
  return `Exported ${noun} to ${value.path ?? 'the chosen file'} (${size}).`
}
