import type { ProjectDocument } from '../project-schema'
import { REPORT_SCHEMA_VERSION, type PlanReport, type ReportContext } from './model'
import { readinessVerdict, stepStandings } from './readiness'
import { REPORT_SECTIONS } from './sections'
import { dateTimeText, said } from './text'

/** The report's title, on the cover and in the running header. */
export const REPORT_TITLE = 'Migration plan: cht-couch2pg to CHT Sync'

/**
 * Builds the migration plan from the project alone (no connection): the cover, then each
 * registered section in order. A section module that throws is replaced by a section saying so,
 * so one broken part never costs the whole plan.
 */
export function buildPlanReport(ctx: ReportContext): PlanReport {
  const standings = stepStandings(ctx)
  const sections = REPORT_SECTIONS.map((module) => {
    try {
      return { id: module.id, title: module.title, ...module.build(ctx) }
    } catch (error) {
      return {
        id: module.id,
        title: module.title,
        intro: null,
        blocks: [],
        empty: `This section could not be built from the project (${said(error instanceof Error ? error.message : String(error), 300)}); the other sections are complete.`,
      }
    }
  })
  const instance = chtInstance(ctx.document)
  return {
    format: 'cht-migration-plan',
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: ctx.now.toISOString(),
    generatedAtText: dateTimeText(ctx.now.toISOString(), ctx),
    app: { name: 'cht-migrate', version: ctx.appVersion },
    cover: {
      title: REPORT_TITLE,
      projectName: said(ctx.document.name, 200),
      deployment: instance.host,
      chtInstance: instance.url,
      chtVersion: instance.version,
      author: ctx.author ? said(ctx.author, 200) : null,
      verdict: readinessVerdict(standings),
    },
    sections,
  }
}

/** The CHT instance's address without credentials, its host and the newest CHT version learnt. */
export function chtInstance(doc: ProjectDocument): {
  url: string | null
  host: string | null
  version: string | null
} {
  let url: string | null = null
  let host: string | null = null
  const raw = doc.connections.couchdb?.url
  if (raw) {
    try {
      const parsed = new URL(raw)
      parsed.username = ''
      parsed.password = ''
      url = said(parsed.toString().replace(/\/$/, ''), 300)
      host = said(parsed.hostname, 200)
    } catch {
      url = null
    }
  }
  let version: string | null = null
  let versionAt = ''
  for (const result of Object.values(doc.results)) {
    const details = result.details
    const found =
      details.kind === 'couchdb-inventory'
        ? details.chtVersion
        : details.kind === 'connection' && details.facts?.endpoint === 'couchdb'
          ? details.facts.chtVersion
          : null
    if (found && result.ranAt > versionAt) {
      version = said(found, 100)
      versionAt = result.ranAt
    }
  }
  return { url, host, version }
}
