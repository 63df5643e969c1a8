import type { StepGate } from '../../checks/gate'
import type { Block, Cell, ReportContext, SectionModule, Span } from '../model'
import { readinessVerdict, stepStandings, type StepStanding } from '../readiness'
import { dayText, link, said, t, toned } from '../text'
import { approvalText, approvalsOf, changedSinceApproval } from './approvals'
import { countText } from './verdict-words'

/** Most blockers listed before “and N more”. */
const BLOCKER_LIMIT = 15

/** The gate in words, toned: open, held by N things, or overridden by whom. */
function gateSpan(gate: StepGate, ctx: ReportContext): Span {
  if (gate.state === 'open') return toned('Open', 'good')
  if (gate.state === 'overridden' && gate.override) {
    return toned(
      `Overridden by ${said(gate.override.by, 200)}, ${dayText(gate.override.at, ctx)}`,
      'warn',
    )
  }
  const n = gate.blockers.length
  const failing = gate.blockers.some((b) => b.kind === 'check')
  return toned(`Held by ${countText(n, 'thing')}`, failing ? 'bad' : 'warn')
}

/** `4 passed, 1 failed, 2 not run`, or that the step has no automated checks. */
function checksText({ checks }: StepGate): Cell {
  if (checks.total === 0) return t('No automated checks', { muted: true })
  const parts = (
    [
      [checks.passed, 'passed'],
      [checks.warned, 'warned'],
      [checks.failed, 'failed'],
      [checks.skipped, 'skipped'],
      [checks.notRun, 'not run'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`)
  const tone = checks.failed > 0 ? 'bad' : checks.warned > 0 || checks.notRun > 0 ? 'warn' : 'good'
  return { text: parts.join(', '), tone }
}

/** The newest approval, toned warn when items changed since it; muted when there is none. */
function signoffCell(standing: StepStanding, ctx: ReportContext): Cell {
  const approvals = approvalsOf(ctx, standing.step)
  const latest = approvals[approvals.length - 1]
  if (!latest) return t('Not signed off', { muted: true })
  const earlier = approvals.length - 1
  const more = earlier > 0 ? ` (and ${countText(earlier, 'earlier approval')})` : ''
  const changed = changedSinceApproval(ctx, standing.step).length
  if (changed > 0) {
    return {
      text: `${approvalText(latest, ctx)}${more}; ${countText(changed, 'item')} changed since`,
      tone: 'warn',
    }
  }
  return { text: `${approvalText(latest, ctx)}${more}`, tone: 'good' }
}

function stepsTable(standings: readonly StepStanding[], ctx: ReportContext): Block {
  return {
    type: 'table',
    caption: 'The seven steps of the migration: checklist items, gate, checks and sign-off',
    columns: [
      { key: 'step', label: 'Step', width: 3 },
      { key: 'items', label: 'Items done', width: 1.4, align: 'right' },
      { key: 'gate', label: 'Gate', width: 2 },
      { key: 'checks', label: 'Checks', width: 2.2 },
      { key: 'signoff', label: 'Sign-off', width: 3 },
    ],
    rows: standings.map((s) => [
      `${s.step.number}. ${s.step.title}`,
      `${s.completion.done} of ${s.completion.total}`,
      gateSpan(s.gate, ctx),
      checksText(s.gate),
      signoffCell(s, ctx),
    ]),
    empty: 'The guide defines no steps.',
  }
}

/** Every held gate's blockers, failed checks first, bounded with “and N more”. */
function blockerBlocks(standings: readonly StepStanding[], ctx: ReportContext): Block[] {
  const held = standings.filter((s) => s.gate.state === 'held')
  const lines: Span[][] = []
  for (const kind of ['check', 'item'] as const) {
    for (const s of held) {
      for (const b of s.gate.blockers.filter((x) => x.kind === kind)) {
        const where = t(`Step ${s.step.number}, ${s.step.title}: `, { muted: true })
        lines.push(
          kind === 'check'
            ? [
                where,
                t('the check “'),
                t(b.title, { strong: true }),
                t('” '),
                toned(b.why, 'bad'),
                t('.'),
              ]
            : [where, t(b.title, { strong: true }), t(` is still ${b.why}.`)],
        )
      }
    }
  }
  const blocks: Block[] = [{ type: 'heading', text: 'Open blockers', anchor: 'summary-blockers' }]
  if (lines.length === 0) {
    blocks.push({ type: 'paragraph', spans: [t('No gate is held: nothing blocks the migration.')] })
  } else {
    blocks.push({
      type: 'paragraph',
      spans: [
        t(
          `${countText(held.length, 'gate is', 'gates are')} held by ${countText(lines.length, 'thing')}: failed checks first, then checklist items still open.`,
        ),
      ],
    })
    const shown = lines.slice(0, BLOCKER_LIMIT)
    const rest = lines.length - shown.length
    if (rest > 0) {
      shown.push([
        t(`and ${countText(rest, 'more blocker')}: see `),
        link('the checklist in the appendix', '#checklist'),
        t('.'),
      ])
    }
    blocks.push({ type: 'list', items: shown })
  }
  for (const s of standings.filter((x) => x.gate.state === 'overridden' && x.gate.override)) {
    const o = s.gate.override!
    blocks.push({
      type: 'callout',
      tone: 'warn',
      spans: [
        t(`Step ${s.step.number}, ${s.step.title}: `, { strong: true }),
        t(
          `the gate was opened by ${said(o.by, 200)} on ${dayText(o.at, ctx)} despite ${countText(s.gate.blockers.length, 'blocker')}. Reason given: ${said(o.reason)}`,
        ),
      ],
    })
  }
  return blocks
}

/** For each unfinished step, its first open item (or failed check) with its CHT page. */
function nextActionBlocks(standings: readonly StepStanding[]): Block[] {
  const items: Span[][] = []
  for (const s of standings.filter((x) => !x.finished)) {
    const where = t(`Step ${s.step.number}, ${s.step.title}: `, { muted: true })
    const openItem = s.gate.blockers.find((b) => b.kind === 'item')
    const def = openItem ? s.step.items.find((i) => i.id === openItem.itemId) : undefined
    if (def) {
      items.push([
        where,
        t(def.title, { strong: true }),
        t('. See '),
        link(def.docTitle, def.docUrl),
        t('.'),
      ])
      continue
    }
    const check = s.gate.blockers.find((b) => b.kind === 'check')
    if (check) {
      items.push([
        where,
        t('fix the check “'),
        t(check.title, { strong: true }),
        t(`” (${check.why}).`),
      ])
    } else {
      items.push([
        where,
        t('mark the remaining items done. See '),
        link(s.step.docTitle, s.step.docUrl),
        t('.'),
      ])
    }
  }
  return [
    { type: 'heading', text: 'Next actions', anchor: 'summary-next' },
    items.length === 0
      ? { type: 'paragraph', spans: [t('Every step is finished: nothing is left to do.')] }
      : { type: 'list', ordered: true, items },
  ]
}

/** True when nobody recorded anything yet: no item, result or approval. */
function nothingRecorded(ctx: ReportContext): boolean {
  const d = ctx.document
  return (
    Object.keys(d.items).length === 0 &&
    Object.keys(d.results).length === 0 &&
    Object.values(d.signoff).every((list) => (list ?? []).length === 0)
  )
}

/**
 * The executive summary: the readiness verdict, the seven steps with their items, gate, checks
 * and sign-off, what holds the gates, and the next thing to do in each unfinished step.
 */
export const summarySection: SectionModule = {
  id: 'summary',
  title: 'Executive summary',
  build: (ctx) => {
    const standings = stepStandings(ctx)
    const verdict = readinessVerdict(standings)
    return {
      intro:
        'Where the migration stands: the overall verdict, each step’s progress and gate, what holds the gates and what to do next.',
      blocks: [
        { type: 'callout', tone: verdict.tone, spans: [t(verdict.text, { strong: true })] },
        stepsTable(standings, ctx),
        ...blockerBlocks(standings, ctx),
        ...nextActionBlocks(standings),
      ],
      empty: nothingRecorded(ctx)
        ? 'Nothing is recorded in the project yet: the summary fills as items are marked on the step pages, checks and inventories run and steps are approved.'
        : null,
    }
  },
}
