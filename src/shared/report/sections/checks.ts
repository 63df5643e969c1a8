import { CHECKS, checksOfStep, findCheck, type CheckMeta } from '../../checks/check-catalog'
import { ageInDays, isStale } from '../../progress'
import type { StoredResult } from '../../project-schema'
import type { CheckDetails } from '../../results/check-result'
import { findItem } from '../../steps-catalog'
import type { StepDef } from '../../steps'
import type { Block, Cell, ReportContext, SectionModule } from '../model'
import { dateTimeText, said, t, toned } from '../text'
import { countText, namesText, VERDICT_WORDS } from './verdict-words'
import { evidenceBlocks, remedyBlocks, remedyLine, remedyLink, verdictSpan } from './check-evidence'

/** A stored check result with its typed details and its catalog entry (if this build knows it). */
interface RunCheck {
  result: StoredResult
  details: CheckDetails
  meta: CheckMeta | undefined
  title: string
  stepId: string | null
}

const catalogIndex = new Map(CHECKS.map((c, i) => [c.id, i]))

/** Every stored check result, in the catalog's order (unknown checks last, by title). */
function runChecks(ctx: ReportContext): RunCheck[] {
  const runs: RunCheck[] = []
  for (const result of Object.values(ctx.document.results)) {
    const details = result.details
    if (details.kind !== 'check') continue
    const meta = findCheck(details.checkId) ?? findCheck(result.id)
    const stepId = meta?.step ?? findItem(result.itemId)?.step.id ?? null
    runs.push({ result, details, meta, title: meta?.title ?? said(result.title, 300), stepId })
  }
  const rank = (r: RunCheck) => (r.meta ? (catalogIndex.get(r.meta.id) ?? 0) : CHECKS.length)
  return runs.sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title))
}

/** `Current`, or `Stale: 12 days old` toned warn. */
function freshness(result: StoredResult, ctx: ReportContext): { cell: Cell; stale: boolean } {
  const now = ctx.now.getTime()
  if (!isStale(result.ranAt, ctx.document.settings.staleAfterDays, now)) {
    return { cell: t('Current'), stale: false }
  }
  return {
    cell: toned(`Stale: ${countText(ageInDays(result.ranAt, now), 'day')} old`, 'warn'),
    stale: true,
  }
}

const OUTCOME_WORDS = [
  ['pass', 'passed'],
  ['warn', 'warned'],
  ['fail', 'failed'],
  ['error', 'could not run'],
  ['skipped', 'skipped'],
] as const

/** `Of 12 checks run: 8 passed, 1 warned, 1 failed.` */
function outcomeText(runs: readonly RunCheck[]): string {
  const parts = OUTCOME_WORDS.map(
    ([v, word]) => [runs.filter((r) => r.result.verdict === v).length, word] as const,
  )
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`)
  return `Of ${countText(runs.length, 'check')} run: ${parts.join(', ')}.`
}

/** The problems of a group: each failed, warned or errored check with evidence and remedy. */
function problemBlocks(runs: readonly RunCheck[], ctx: ReportContext): Block[] {
  return runs
    .filter(
      (r) =>
        r.result.verdict === 'fail' || r.result.verdict === 'warn' || r.result.verdict === 'error',
    )
    .flatMap((r): Block[] => [
      {
        type: 'paragraph',
        spans: [
          t(r.title, { strong: true }),
          t(': '),
          verdictSpan(r.result),
          t(` on ${dateTimeText(r.result.ranAt, ctx)}. ${said(r.result.summary)}`),
        ],
      },
      ...evidenceBlocks(r.details),
      ...remedyBlocks(r.details, r.meta),
    ])
}

function groupBlocks(
  heading: string,
  anchor: string,
  runs: readonly RunCheck[],
  neverRun: readonly CheckMeta[],
  ctx: ReportContext,
): Block[] {
  const blocks: Block[] = [{ type: 'heading', text: heading, anchor }]
  if (runs.length > 0) {
    blocks.push(
      { type: 'paragraph', spans: [t(outcomeText(runs))] },
      {
        type: 'table',
        caption: `Checks of ${heading.replace(/^Step (\d+)\. /, 'step $1, ')}: verdict and when each ran`,
        columns: [
          { key: 'check', label: 'Check', width: 3 },
          { key: 'verdict', label: 'Verdict', width: 1.4 },
          { key: 'ranAt', label: 'Ran', width: 1.8 },
          { key: 'fresh', label: 'Current?', width: 1.3 },
          { key: 'summary', label: 'Summary', width: 4 },
        ],
        rows: runs.map((r) => [
          r.title,
          verdictSpan(r.result),
          dateTimeText(r.result.ranAt, ctx),
          freshness(r.result, ctx).cell,
          said(r.result.summary),
        ]),
        empty: 'No check of this step has run.',
      },
      ...problemBlocks(runs, ctx),
    )
  }
  if (neverRun.length > 0) {
    const names = namesText(
      neverRun.map((c) => `“${c.title}”`),
      neverRun.length,
    )
    blocks.push({
      type: 'paragraph',
      spans: [
        t(
          runs.length === 0
            ? `None of its ${countText(neverRun.length, 'check')} has run yet: ${names}.`
            : `Never run: ${names}.`,
          { muted: true },
        ),
      ],
    })
  }
  return blocks
}

const stepName = (step: StepDef | undefined): string =>
  step ? `${step.number}. ${step.title}` : 'Other checks'

/** Every check, run or not, as one row of the checks CSV (not printed). */
function csvTable(runs: readonly RunCheck[], steps: readonly StepDef[], ctx: ReportContext): Block {
  const rows: Cell[][] = []
  const runById = new Map(runs.map((r) => [r.meta?.id ?? r.result.id, r]))
  const row = (r: RunCheck, step: StepDef | undefined): Cell[] => {
    const docs = remedyLink(r.details, r.meta)
    return [
      stepName(step),
      r.title,
      VERDICT_WORDS[r.result.verdict] + (r.result.partial ? ' (partial)' : ''),
      r.result.ranAt,
      freshness(r.result, ctx).stale ? 'yes' : 'no',
      said(r.result.summary),
      remedyLine(r.details),
      docs?.url ?? null,
    ]
  }
  for (const step of steps) {
    for (const meta of checksOfStep(step.id)) {
      const r = runById.get(meta.id)
      rows.push(
        r
          ? row(r, step)
          : [stepName(step), meta.title, 'Not run yet', null, null, null, null, meta.docUrl],
      )
    }
  }
  const known = new Set(steps.flatMap((s) => checksOfStep(s.id).map((c) => c.id)))
  for (const r of runs) {
    if (!r.meta || !known.has(r.meta.id))
      rows.push(
        row(
          r,
          steps.find((s) => s.id === r.stepId),
        ),
      )
  }
  return {
    type: 'table',
    csv: 'checks',
    printed: false,
    caption: 'Every check with its latest verdict, when it ran and what to do',
    columns: [
      ['step', 'Step', 2],
      ['check', 'Check', 3],
      ['verdict', 'Verdict', 1],
      ['ranAt', 'Ran at', 1.5],
      ['stale', 'Stale', 0.8],
      ['summary', 'Summary', 4],
      ['remedy', 'Remedy', 4],
      ['docLink', 'Documentation', 2],
    ].map(([key, label, width]) => ({
      key: String(key),
      label: String(label),
      width: Number(width),
    })),
    rows,
    empty: 'The catalog has no checks.',
  }
}

/**
 * The Checks section: every stored check result grouped by step, with its verdict, when it ran
 * and whether that is stale; the evidence and remedy of each failed, warned or errored check; the
 * checks never run; and (for the CSV and JSON exports) every check in one table.
 */
export const checksSection: SectionModule = {
  id: 'checks',
  title: 'Checks',
  build: (ctx) => {
    const runs = runChecks(ctx)
    const blocks: Block[] = []
    if (runs.length > 0) {
      for (const step of ctx.steps) {
        const ofStep = runs.filter((r) => r.stepId === step.id)
        const neverRun = checksOfStep(step.id).filter((c) => !runs.some((r) => r.meta?.id === c.id))
        if (ofStep.length + neverRun.length === 0) continue
        blocks.push(
          ...groupBlocks(
            `Step ${step.number}. ${step.title}`,
            `checks-${step.id}`,
            ofStep,
            neverRun,
            ctx,
          ),
        )
      }
      const other = runs.filter((r) => !ctx.steps.some((s) => s.id === r.stepId))
      if (other.length > 0)
        blocks.push(...groupBlocks('Other checks', 'checks-other', other, [], ctx))
    }
    blocks.push(csvTable(runs, ctx.steps, ctx))
    return {
      intro: `Each automated check's latest verdict, grouped by step, with when it ran and whether the result is older than the project's ${countText(ctx.document.settings.staleAfterDays, 'day')} (stale). Failed and warned checks show their evidence and what to do.`,
      blocks,
      empty:
        runs.length === 0
          ? 'No check has run yet: run the checks on the Set up, Production, Optimize and Monitor step pages (or `cht-migrate check`), and their verdicts, evidence and remedies appear here.'
          : null,
    }
  },
}
