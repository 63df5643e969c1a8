import type {
  Evidence,
  ItemState,
  ItemStatus,
  ProjectDocument,
  StoredResult,
} from '../../../shared/project-schema'
import { CONNECTIONS_ITEM_ID } from '../../../shared/connection-targets'
import { redactSecrets } from '../../../shared/redact'
import { stepGate, type StepGate } from '../../../shared/checks/gate'
import { connectionContextOf } from '../../../shared/results/connection-context'
import { describeDetails } from '../../../shared/results/describe'
import { syncCoverage } from '../../../shared/results/sync-coverage'
import type { StepDef } from '../../../shared/steps'
import { renderCoverageMarkdown } from './coverage-markdown'

const STATUS_LABEL: Record<ItemStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
  not_applicable: 'Not applicable',
}
const DAY_MS = 24 * 60 * 60 * 1000

// Masking lives in shared code (the log, the PDF and intake of notes use it too); re-exported so
// that existing importers keep working.
export { redactSecrets }

// Raw HTML in an exported file would be rendered by some Markdown viewers; show it as text.
const clean = (text: string) => redactSecrets(text).replace(/</g, '&lt;')
const indent = (text: string, prefix: string) => text.split(/\r?\n/).join(`\n${prefix}`)

/**
 * Renders a readable Markdown summary of a project: per step its completion (done plus not
 * applicable, of all items), each item's status, note, evidence and who changed it when, and the
 * stored check results with their time, endpoint and verdict, marked stale past the project's
 * threshold. Under the connections item, the databases each pipeline copies (`syncCoverage`).
 * Items or results whose id this build's checklist no longer has are listed at the end rather
 * than dropped. Credentials pasted into free text are masked.
 */
/** The step's gate in one line: open, held by what, or overridden by whom and why. */
function gateLine(gate: StepGate): string {
  const checks =
    gate.checks.total > 0
      ? ` Checks: ${gate.checks.passed} passed, ${gate.checks.warned} warned, ${gate.checks.failed} failed or could not run, ${gate.checks.notRun} not run.`
      : ''
  if (gate.state === 'open') return `Gate: open, the step can be marked done.${checks}`
  const held = `held by ${gate.blockers.length} (${gate.blockers
    .slice(0, 5)
    .map((b) => `${clean(b.title)}: ${b.why}`)
    .join('; ')}${gate.blockers.length > 5 ? '; …' : ''})`
  if (gate.state === 'held') return `Gate: ${held}.${checks}`
  const o = gate.override!
  return `Gate: overridden by ${clean(o.by)} on ${o.at} (“${clean(o.reason)}”); it is ${held}.${checks}`
}

export function renderProjectMarkdown(
  doc: ProjectDocument,
  steps: readonly StepDef[],
  meta: { exportedAt: Date; appVersion: string },
): string {
  const resultsByItem = new Map<string, StoredResult[]>()
  for (const result of Object.values(doc.results)) {
    const list = resultsByItem.get(result.itemId) ?? []
    list.push(result)
    resultsByItem.set(result.itemId, list)
  }
  const staleBefore = meta.exportedAt.getTime() - doc.settings.staleAfterDays * DAY_MS
  // Connection results are read against the latest facts of the other endpoints, as on screen.
  const context = connectionContextOf(doc.results)
  const out: string[] = [
    `# ${clean(doc.name)}`,
    '',
    `- Exported: ${meta.exportedAt.toISOString()} by cht-migrate ${meta.appVersion}`,
    `- Project created: ${doc.createdAt}; last changed: ${doc.updatedAt}`,
    `- Check results older than ${doc.settings.staleAfterDays} days are marked stale.`,
  ]
  const known = new Set<string>()
  for (const step of steps) {
    const finished = step.items.filter((i) => isFinished(doc.items[i.id])).length
    out.push('', `## ${step.number}. ${clean(step.title)}`, '')
    out.push(`${finished} of ${step.items.length} items done or not applicable.`)
    out.push(gateLine(stepGate(doc, step.id, meta.exportedAt.getTime())))
    for (const def of step.items) {
      known.add(def.id)
      out.push(...renderItem(def.title, def.id, doc.items[def.id], resultsByItem.get(def.id)))
    }
  }
  const orphans = new Set(
    [...Object.keys(doc.items), ...resultsByItem.keys()].filter((id) => !known.has(id)),
  )
  if (orphans.size > 0) {
    out.push('', "## Items not in this version's checklist")
    for (const id of orphans) out.push(...renderItem(id, id, doc.items[id], resultsByItem.get(id)))
  }
  return out.join('\n') + '\n'

  function renderItem(
    title: string,
    id: string,
    state: ItemState | undefined,
    results: StoredResult[] | undefined,
  ): string[] {
    const status = state?.status ?? 'todo'
    const lines = ['', `### [${isFinished(state) ? 'x' : ' '}] ${clean(title)} (\`${id}\`)`, '']
    const who =
      state?.updatedBy && state.updatedAt
        ? ` · updated by ${clean(state.updatedBy)} on ${state.updatedAt}`
        : ''
    lines.push(`Status: ${STATUS_LABEL[status]}${who}`)
    if (state?.note.trim()) lines.push('', `> ${indent(clean(state.note), '> ')}`)
    if (state && state.evidence.length > 0) {
      lines.push('', 'Evidence:', '')
      for (const evidence of state.evidence) lines.push(renderEvidence(evidence))
    }
    if (results && results.length > 0) {
      lines.push('', 'Check results:', '')
      for (const result of results) lines.push(...renderResult(result))
    }
    if (id === CONNECTIONS_ITEM_ID) {
      lines.push(
        ...renderCoverageMarkdown(syncCoverage(context.couchdb, context.couch2pg, context.chtSync)),
      )
    }
    return lines
  }

  function renderResult(result: StoredResult): string[] {
    const stale = Date.parse(result.ranAt) < staleBefore ? ' (stale)' : ''
    const partial = result.partial ? ` (partial: ${result.partial.reason})` : ''
    const targets = result.endpoints.map((e) => clean(e.target)).join(', ')
    const against = targets ? ` against ${targets}` : ''
    const lines = [
      `- **${result.verdict.toUpperCase()}** ${clean(result.title)}: ran ${result.ranAt}${against}${stale}${partial}`,
    ]
    if (result.summary.trim()) lines.push(`  ${indent(clean(result.summary), '  ')}`)
    const { facts, warnings, remedy } = describeDetails(result.details, context)
    for (const { label, value } of facts) lines.push(`  - ${clean(label)}: ${clean(value)}`)
    for (const warning of warnings) lines.push(`  - Warning: ${clean(warning)}`)
    if (remedy && !result.summary.includes(remedy)) lines.push(`  - What to do: ${clean(remedy)}`)
    if (result.history.length > 0) {
      const verdicts = result.history.slice(0, 10).map((h) => h.verdict)
      lines.push(
        `  - Earlier runs: ${result.history.length} (latest first: ${verdicts.join(', ')})`,
      )
    }
    return lines
  }
}

function renderEvidence(evidence: Evidence): string {
  const by = `(added by ${clean(evidence.addedBy)} on ${evidence.addedAt})`
  if (evidence.kind === 'text') return `- ${indent(clean(evidence.text), '  ')} ${by}`
  const label = evidence.label ? `${clean(evidence.label)}: ` : ''
  return `- File: ${label}\`${clean(evidence.path).replace(/`/g, "'")}\` ${by}`
}

const isFinished = (state: ItemState | undefined) =>
  state?.status === 'done' || state?.status === 'not_applicable'
