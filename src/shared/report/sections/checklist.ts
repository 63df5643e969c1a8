import type { Evidence, ItemState, ItemStatus } from '../../project-schema'
import type { ChecklistItemDef, StepDef } from '../../steps'
import type { Block, ReportContext, SectionModule, Span, Tone } from '../model'
import { dateTimeText, dayText, link, missing, PARAGRAPH_LIMIT, said, t, toned } from '../text'
import { countText } from './verdict-words'

/** Evidence entries listed per item; the rest are counted. */
export const EVIDENCE_LISTED = 10

const STATUS: Readonly<Record<ItemStatus, { text: string; tone: Tone }>> = {
  todo: { text: 'To do', tone: 'neutral' },
  in_progress: { text: 'In progress', tone: 'warn' },
  done: { text: 'Done', tone: 'good' },
  not_applicable: { text: 'Not applicable', tone: 'neutral' },
}

const addedText = (e: Evidence, ctx: ReportContext): string =>
  `added by ${said(e.addedBy, 200)} on ${dayText(e.addedAt, ctx)}`

/** The evidence recorded on an item, each entry in words, the first ten of them. */
function evidenceSpans(evidence: readonly Evidence[], ctx: ReportContext): Span[] {
  const spans: Span[] = evidence.slice(0, EVIDENCE_LISTED).map((e, i) => {
    const lead = i === 0 ? '' : '; '
    if (e.kind === 'text') return t(`${lead}“${said(e.text)}”, ${addedText(e, ctx)}`)
    const label = e.label ? ` (${said(e.label, 300)})` : ''
    return t(`${lead}file ${said(e.path, 1_000)}${label}, ${addedText(e, ctx)}`)
  })
  const more = evidence.length - EVIDENCE_LISTED
  if (more > 0)
    spans.push(
      t(`; and ${countText(more, 'more entry', 'more entries')} in the project`, { muted: true }),
    )
  return spans
}

/** One item as a facts block: what it is, where it stands, the guidance, and what was recorded. */
function itemBlock(
  step: StepDef,
  index: number,
  item: ChecklistItemDef,
  state: ItemState | undefined,
  ctx: ReportContext,
): Block {
  const status = STATUS[state?.status ?? 'todo']
  const rows: { label: string; value: Span[] }[] = [
    { label: 'Item', value: [t(`${step.number}.${index + 1} ${item.title}`, { strong: true })] },
    { label: 'Status', value: [toned(status.text, status.tone)] },
    {
      label: 'Guidance',
      value: [t(`${item.detail} See `), link(item.docTitle, item.docUrl), t('.')],
    },
  ]
  const note = state?.note.trim() ?? ''
  if (note) rows.push({ label: 'Note', value: [t(said(note, PARAGRAPH_LIMIT))] })
  if (state && state.evidence.length > 0) {
    rows.push({ label: 'Evidence', value: evidenceSpans(state.evidence, ctx) })
  }
  const by = state?.updatedBy ? said(state.updatedBy, 200) : null
  const at = state?.updatedAt ? dateTimeText(state.updatedAt, ctx) : null
  rows.push({
    label: 'Updated',
    value:
      by || at
        ? [t([by ? `by ${by}` : null, at ? `on ${at}` : null].filter(Boolean).join(' '))]
        : [missing('never updated')],
  })
  return { type: 'facts', rows }
}

/** The steps' items settled (done or not applicable), and in all. */
function tally(ctx: ReportContext): { settled: number; total: number; touched: number } {
  let settled = 0
  let total = 0
  let touched = 0
  for (const step of ctx.steps) {
    for (const item of step.items) {
      const state = ctx.document.items[item.id]
      total++
      if (state?.status === 'done' || state?.status === 'not_applicable') settled++
      if (state && (state.updatedAt || state.note || state.evidence.length > 0)) touched++
    }
  }
  return { settled, total, touched }
}

/** Appendix: every step's checklist items with their guidance, notes, evidence, who and when. */
export const checklistSection: SectionModule = {
  id: 'checklist',
  title: 'Appendix: the checklist',
  build(ctx) {
    if (ctx.steps.length === 0) {
      return { intro: null, blocks: [], empty: 'This build of the wizard has no checklist steps.' }
    }
    const blocks: Block[] = []
    for (const step of ctx.steps) {
      const states = step.items.map((item) => ctx.document.items[item.id])
      const done = states.filter(
        (s) => s?.status === 'done' || s?.status === 'not_applicable',
      ).length
      blocks.push(
        {
          type: 'heading',
          text: `Step ${step.number}: ${step.title}`,
          anchor: `checklist-${step.id}`,
        },
        {
          type: 'paragraph',
          spans: [
            t(
              `${step.summary} ${done} of ${countText(step.items.length, 'item')} settled. Guide: `,
            ),
            link(step.docTitle, step.docUrl),
            t('.'),
          ],
        },
        ...step.items.map((item, i) => itemBlock(step, i, item, states[i], ctx)),
      )
    }
    const { settled, total, touched } = tally(ctx)
    return {
      intro: `Every item of the checklist, step by step, with the guidance and the CHT page it comes from, and what was recorded against it: ${settled} of ${countText(total, 'item')} settled (done or not applicable), ${touched} with a status, note or evidence recorded.`,
      blocks,
      empty: null,
    }
  },
}
