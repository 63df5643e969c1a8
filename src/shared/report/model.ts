/**
 * The migration plan as a document model: what the PDF, the JSON export, the Markdown export and
 * the CSV tables are all rendered from.
 *
 * Sections are built from the project file alone (no database connection), each by one module in
 * `sections/`; the renderers know blocks, not sections, so a new section is one new module and a
 * new block type is one more case in each renderer. Everything here is plain JSON: the JSON export
 * is this model with its schema version.
 */

import type { ProjectDocument } from '../project-schema'
import type { StepDef } from '../steps'

/** Bumped when a field of the model changes meaning or goes away (adding one does not). */
export const REPORT_SCHEMA_VERSION = 1

/** The meaning a piece of text carries, for colour (never the only carrier of meaning). */
export type Tone = 'good' | 'warn' | 'bad' | 'neutral'

/** A run of text: plain, or a link, bold, muted, toned, or marked as data that is missing. */
export interface Span {
  text: string
  /** An http(s) link, or `#section-id` for a link inside the document. */
  href?: string
  strong?: boolean
  muted?: boolean
  tone?: Tone
  /** True where the value was not recorded: renderers show the text with a visible mark. */
  missing?: boolean
}

/** A table cell: text, a number (rendered as is), a span, or null for “not recorded”. */
export type Cell = string | number | Span | null

export interface TableColumn {
  /** Stable key: the CSV header and the JSON field. */
  key: string
  label: string
  /** Relative width in the PDF (the columns of a table share the page's width). */
  width: number
  align?: 'left' | 'right'
}

/** A line chart or bar chart's data; the PDF draws it with the app's chart components. */
export type ChartSpec =
  | {
      /** Differences per day over the parallel run (the app's parity trend chart). */
      kind: 'parity-trend'
      /** The span's last UTC day, `YYYY-MM-DD`. */
      today: string
      span: number
      points: { day: string; differences: number; green: boolean; runs: number }[]
    }
  | {
      /** A replica-dashboard tile: the metric per group from couch2pg and from CHT Sync. */
      kind: 'metric-tile'
      title: string
      groups: { label: string; couch2pg: number | null; chtSync: number | null }[]
    }

export type Block =
  | { type: 'heading'; text: string; /** Target of `#…` links. */ anchor?: string }
  | { type: 'paragraph'; spans: Span[] }
  /** Label–value pairs: a definition list. */
  | { type: 'facts'; rows: { label: string; value: Span[] }[] }
  | { type: 'list'; ordered?: boolean; items: Span[][] }
  | {
      type: 'table'
      /** Names the CSV file this table is exported as (`inventory`, `checks`, `parity`), if any. */
      csv?: string
      caption: string
      columns: TableColumn[]
      rows: Cell[][]
      /** Said instead of the table when it has no rows. */
      empty: string
      /**
       * False for a table only the JSON and CSV exports carry (every object with every column,
       * too long or wide to print); the PDF and Markdown skip it. Printed by default.
       */
      printed?: boolean
    }
  | {
      type: 'chart'
      chart: ChartSpec
      /** The chart's content in words (alt text, Markdown). */ alt: string
    }
  /** Something to notice: a held gate, a stale result, a blocker. */
  | { type: 'callout'; tone: Tone; spans: Span[] }
  /** Signature lines: one per approval recorded, or blank ones to sign by hand. */
  | {
      type: 'signatures'
      lines: {
        name: string | null
        role: string | null
        date: string | null
        note: string | null
      }[]
    }

export interface ReportSection {
  /** Stable id, also the anchor of `#id` links and the table of contents. */
  id: string
  title: string
  /** A sentence on what the section holds, shown under its title. */
  intro: string | null
  blocks: Block[]
  /** Set when the project holds nothing for this section: why, and what fills it. */
  empty: string | null
}

export interface PlanReport {
  format: 'cht-migration-plan'
  schemaVersion: typeof REPORT_SCHEMA_VERSION
  /** When the report was generated (ISO), and the same in the reader's words. */
  generatedAt: string
  generatedAtText: string
  app: { name: string; version: string }
  cover: {
    title: string
    projectName: string
    /** The deployment as the project knows it (the CHT instance's host), or null. */
    deployment: string | null
    /** The CHT instance's address (no user name or password) and version, when known. */
    chtInstance: string | null
    chtVersion: string | null
    author: string | null
    /** One line: the overall readiness verdict. */
    verdict: { text: string; tone: Tone }
  }
  sections: ReportSection[]
}

/** What every section module is given: the project and how to say dates. */
export interface ReportContext {
  document: ProjectDocument
  steps: readonly StepDef[]
  now: Date
  appVersion: string
  /** The person exporting (the app's user name), or null. */
  author: string | null
  /** BCP 47 locale and IANA time zone for dates in words; the machine's by default. */
  locale: string
  timeZone: string
}

/** One section of the plan: a new section is one new module registered in `sections/index.ts`. */
export interface SectionModule {
  id: string
  title: string
  build(context: ReportContext): Omit<ReportSection, 'id' | 'title'>
}
