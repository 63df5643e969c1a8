import { basename } from 'node:path'
import { CONNECTION_CHECK_IDS } from '../../../shared/connection-targets'
import type { ProjectDocument } from '../../../shared/project-schema'
import type { CheckDetails } from '../../../shared/results/check-result'
import { clipText } from '../../../shared/results/common'
import { CHT_SYNC_ERA_LABELS, utcMinute } from '../../../shared/results/connection-describe'
import type { StoredResult } from '../../../shared/results/result-schema'
import { SETTING_NAMES, type ChtSyncConfig } from './config/config-types'
import {
  evidenceMarkdown,
  markdownTable,
  shownSetting,
  textCleaner,
  type Clean,
} from './report-markdown'

/**
 * A problem report for CHT Sync's or cht-pipeline's issue tracker: the failed checks (or the
 * chosen ones) with their evidence and remedy, the versions the connection tests learnt, and the
 * configuration with its secrets masked. Everything is made safe to post publicly (see
 * `textCleaner`) and bounded in size.
 */

export interface ProblemReportInput {
  document: ProjectDocument
  /** The wizard's version. */
  appVersion: string
  /** CHT Sync's configuration, when one is chosen and readable. */
  config: ChtSyncConfig | null
  /** The checks to report; by default every check result that failed or could not run. */
  ids?: string[]
}

/** Under GitHub's 65,536-character limit of an issue body. */
const MAX_REPORT = 60_000
/** One check's section at most. */
const MAX_SECTION = 8_000
const TRACKERS = {
  'cht-sync': 'https://github.com/medic/cht-sync/issues/new',
  'cht-pipeline': 'https://github.com/medic/cht-pipeline/issues/new',
} as const

/** dbt and cht-pipeline checks belong to cht-pipeline's tracker; the others to CHT Sync's. */
const isPipelineCheck = (id: string) => /dbt|pipeline/.test(id)

type CheckResult = StoredResult & { details: CheckDetails }
const isCheck = (r: StoredResult): r is CheckResult => r.details.kind === 'check'

function factsOf(document: ProjectDocument, endpoint: keyof typeof CONNECTION_CHECK_IDS) {
  const result = document.results[CONNECTION_CHECK_IDS[endpoint]]
  const details = result?.details
  if (!details || details.kind !== 'connection') return null
  return details.facts
}

/** The versions the connection tests learnt, one list line each. */
function environment(document: ProjectDocument, appVersion: string): string[] {
  const lines = [`- cht-migrate: ${appVersion}`]
  const couch = factsOf(document, 'couchdb')
  if (couch?.endpoint === 'couchdb') {
    const vendor = couch.vendor === 'couchdb' ? 'CouchDB' : 'PouchDB Server'
    lines.push(`- ${vendor}: ${couch.version ?? 'version not reported'}`)
    lines.push(`- CHT: ${couch.chtVersion ?? 'not reported'}`)
  } else lines.push('- CouchDB and CHT: not tested')
  const old = factsOf(document, 'couch2pg')
  if (old?.endpoint === 'couch2pg') {
    lines.push(`- couch2pg: ${old.release ?? 'release unknown'}, PostgreSQL ${old.server.version}`)
  } else lines.push('- couch2pg PostgreSQL: not tested')
  const sync = factsOf(document, 'chtSync')
  if (sync?.endpoint === 'chtSync') {
    lines.push(`- CHT Sync: ${CHT_SYNC_ERA_LABELS[sync.era]}, PostgreSQL ${sync.server.version}`)
    lines.push(`- cht-pipeline models: ${sync.pipeline ?? 'none built yet'}`)
  } else lines.push('- CHT Sync PostgreSQL: not tested')
  return lines
}

function checkSection(result: CheckResult, clean: Clean): string {
  const d = result.details
  const partial = result.partial ? `, partial (${result.partial.reason})` : ''
  const parts = [
    `### ${clean(result.title)} (\`${result.id}\`)`,
    '',
    `Verdict: **${result.verdict}**, ran ${utcMinute(result.ranAt)}${partial}`,
    '',
    clean(result.summary),
  ]
  if (d.skippedBecause) parts.push('', `Skipped because: ${clean(d.skippedBecause)}`)
  if (d.evidence.length > 0) {
    parts.push('', '**Evidence**', '', ...d.evidence.map((e) => evidenceMarkdown(e, clean)))
  }
  if (d.remedy) {
    parts.push('', '**What to do**', '', clean(d.remedy.text))
    if (d.remedy.docUrl) parts.push('', `See ${clean(d.remedy.docUrl)}`)
  }
  const text = parts.join('\n')
  if (text.length <= MAX_SECTION) return text
  // A cut inside a fenced block would swallow the rest of the report: close it.
  const cut = clipText(text, MAX_SECTION)
  const fences = (cut.match(/^```/gm) ?? []).length
  return `${cut}${fences % 2 === 1 ? '\n```' : ''}\n\n(section shortened)`
}

function configSection(config: ChtSyncConfig, clean: Clean): string {
  const kind = config.kind === 'env' ? 'the Docker .env file' : 'the Helm values file'
  const rows = SETTING_NAMES.flatMap((name) => {
    const entry = config.settings[name]
    return entry ? [[name, shownSetting(entry), entry.line]] : []
  })
  const parts = [
    '## CHT Sync configuration',
    '',
    `From ${kind} (\`${clean(basename(config.path))}\`); passwords masked, user names not shown.`,
    '',
    rows.length > 0
      ? markdownTable(['Setting', 'Value', 'Line'], rows, clean)
      : 'No setting CHT Sync reads is set.',
  ]
  if (config.couchdbs.length > 1) {
    const instances = config.couchdbs.map((t) => [
      t.host?.value ?? '',
      t.port?.value ?? '',
      t.secure?.value ?? '',
      t.dbs?.value ?? '',
    ])
    parts.push(
      '',
      'CHT instances:',
      '',
      markdownTable(['host', 'port', 'secure', 'databases'], instances, clean),
    )
  }
  const problems = [
    ...config.problems.map((p) => `${p.line === null ? '' : `line ${p.line}: `}${p.message}`),
    ...config.duplicates.map((d) => `${d.key} is set more than once (lines ${d.lines.join(', ')})`),
  ]
  if (problems.length > 0) {
    parts.push(
      '',
      'Problems in the file:',
      '',
      ...problems.slice(0, 20).map((p) => `- ${clean(p)}`),
    )
  }
  return parts.join('\n')
}

/**
 * Builds the report: a title, the tracker it belongs to, the environment, each selected check
 * (default: every check result that failed or could not run), and the configuration. Free text
 * passes through `textCleaner`, so no password, token, credential in a URL or user name leaves.
 */
export function problemReport(input: ProblemReportInput): { markdown: string; title: string } {
  const { document, config } = input
  const clean = textCleaner(document, config)
  const checks = Object.values(document.results).filter(isCheck)
  const selected = input.ids
    ? [...new Set(input.ids)].flatMap((id) => checks.filter((r) => r.id === id))
    : checks.filter((r) => r.verdict === 'fail' || r.verdict === 'error')
  const unknown = (input.ids ?? []).filter((id) => !checks.some((r) => r.id === id))
  const env = ['## Environment', '', ...environment(document, input.appVersion).map(clean)]

  if (selected.length === 0) {
    const title = 'CHT Sync migration: no failing checks'
    const body = [
      `# ${title}`,
      '',
      input.ids
        ? 'None of the chosen checks has a result recorded yet: run them first.'
        : 'Every check that ran passed, warned or was skipped: there is nothing to report.',
      '',
      ...env,
    ]
    return { title, markdown: body.join('\n') + '\n' }
  }

  const pipelineOnly = selected.every((r) => isPipelineCheck(r.id))
  const tracker = pipelineOnly ? 'cht-pipeline' : 'cht-sync'
  const pipelineIds = selected.filter((r) => isPipelineCheck(r.id)).map((r) => `\`${r.id}\``)
  const first = selected[0]!
  const more = selected.length > 1 ? ` (and ${selected.length - 1} more)` : ''
  const outcome = first.verdict === 'error' ? 'could not run' : 'failed'
  const title = clipText(clean(`CHT Sync migration: “${first.title}” ${outcome}${more}`), 200)
  const head = [
    `# ${title}`,
    '',
    `Tracker: medic/${tracker} (${TRACKERS[tracker]}).`,
    ...(!pipelineOnly && pipelineIds.length > 0
      ? [`The dbt checks (${pipelineIds.join(', ')}) may belong to medic/cht-pipeline instead.`]
      : []),
    '',
    'Generated by cht-migrate from its stored check results. Passwords, tokens and user names are removed; host names are kept.',
    '',
    ...env,
    '',
    '## Checks',
  ]
  const tail = config
    ? ['', '', configSection(config, clean)]
    : ['', '', '## CHT Sync configuration', '', 'None chosen.']
  let markdown = head.join('\n')
  const budget = MAX_REPORT - tail.join('\n').length - 200
  let left = 0
  for (const [i, result] of selected.entries()) {
    const section = `\n\n${checkSection(result, clean)}`
    if (markdown.length + section.length > budget) {
      left = selected.length - i
      break
    }
    markdown += section
  }
  if (left > 0) markdown += `\n\n(${left} more checks not included: the report would be too long.)`
  if (unknown.length > 0) {
    markdown += `\n\nNo result recorded for: ${unknown.map((id) => `\`${clean(clipText(id, 100))}\``).join(', ')}.`
  }
  return { title, markdown: `${markdown}${tail.join('\n')}\n` }
}
