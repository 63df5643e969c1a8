import { z } from 'zod'
import { jobStartedSchema } from './jobs'
import { pathSchema } from './paths'
import { REPORT_FORMATS } from './report/formats'

/** A file the browser may fetch once from `GET /api/download/<id>` (browser mode). */
export const downloadTicketSchema = z.object({
  /** One-time id: the file is deleted once fetched, or 10 minutes after the export. */
  id: z.string().max(100),
  /** The file name the browser saves it as. */
  fileName: z.string().max(300),
})
export type DownloadTicket = z.infer<typeof downloadTicketSchema>

/** What a finished `report.export` job answers. */
export const reportExportedSchema = z.object({
  /** Where the file was written; null for a download. */
  path: z.string().nullable(),
  bytes: z.number().int().nonnegative(),
  /** For `download: true`, the ticket to fetch it with; null when written to `path`. */
  download: downloadTicketSchema.nullable(),
})
export type ReportExported = z.infer<typeof reportExportedSchema>

/**
 * The migration plan's exports, part of the contract (`contract.ts` spreads them in): the same
 * shape as every other entry there.
 */
export const REPORT_OPERATIONS = {
  /**
   * Exports the open project's migration plan (PDF, JSON, Markdown, or the inventory, checks or
   * parity table as CSV) from the project alone, as a job: building, rendering (the PDF in a
   * worker thread, which Cancel ends), writing. The author is the app's user name; dates are in
   * the machine's locale and time zone. Without `path` the Electron face asks with its save
   * dialog; browser mode and the CLI give an absolute `path`, or (browser mode) `download: true`,
   * which keeps the file for a one-time `GET /api/download/<id>` instead. A path inside a demo's
   * temporary folder needs `allowDemoFolder`; the project file and its backup are refused.
   */
  'report.export': {
    input: z
      .object({
        format: z.enum(REPORT_FORMATS),
        path: pathSchema.optional(),
        allowDemoFolder: z.boolean().optional(),
        download: z.boolean().optional(),
      })
      .strict(),
    output: jobStartedSchema,
    job: reportExportedSchema,
  },
} as const
