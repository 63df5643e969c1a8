import type { Block, ReportContext, SectionModule } from '../model'
import { CELL_LIMIT, dayText, said, t } from '../text'
import { approvalsOf, changedSinceApproval } from './approvals'
import { countText, namesText } from './verdict-words'

/** A blank signature line, to sign by hand. */
const BLANK = { name: null, role: null, date: null, note: null }

function stepBlocks(ctx: ReportContext, step: ReportContext['steps'][number]): Block[] {
  const blocks: Block[] = [
    { type: 'heading', text: `Step ${step.number}. ${step.title}`, anchor: `signoff-${step.id}` },
  ]
  const approvals = approvalsOf(ctx, step)
  if (approvals.length === 0) {
    blocks.push(
      {
        type: 'paragraph',
        spans: [t('Nobody approved this step in the wizard yet.', { muted: true })],
      },
      { type: 'signatures', lines: [BLANK, BLANK] },
    )
    return blocks
  }
  blocks.push({
    type: 'signatures',
    lines: approvals.map((a) => ({
      name: said(a.name, 200),
      role: a.role.trim() === '' ? null : said(a.role, 200),
      date: dayText(a.at, ctx),
      note: a.note.trim() === '' ? null : said(a.note, CELL_LIMIT),
    })),
  })
  const changed = changedSinceApproval(ctx, step)
  const latest = approvals[approvals.length - 1]
  if (changed.length > 0 && latest) {
    blocks.push({
      type: 'callout',
      tone: 'warn',
      spans: [
        t(
          `Changed since the latest approval (${dayText(latest.at, ctx)}): ${countText(changed.length, 'item')}, ${namesText(changed)}. `,
        ),
        t('Ask for the step to be approved again if the changes matter.', { strong: true }),
      ],
    })
  }
  return blocks
}

/**
 * The sign-off section: per step, the approvals recorded in the project with a signature line
 * each, a warning where the step's items changed after its latest approval, and two blank lines
 * to sign by hand for a step nobody approved yet.
 */
export const signoffSection: SectionModule = {
  id: 'signoff',
  title: 'Sign-off',
  build: (ctx) => {
    const approved = ctx.steps.filter((step) => approvalsOf(ctx, step).length > 0).length
    return {
      intro:
        'Who approved each step, in which role and when. Approvals are recorded in the wizard on each step page; a step nobody approved yet has blank lines to sign by hand.',
      blocks: [
        {
          type: 'paragraph',
          spans: [
            t(
              approved === 0
                ? 'No step is approved in the project yet.'
                : `${approved} of ${ctx.steps.length} steps ${approved === 1 ? 'is' : 'are'} approved in the project.`,
            ),
          ],
        },
        ...ctx.steps.flatMap((step) => stepBlocks(ctx, step)),
      ],
      empty:
        approved === 0
          ? 'No approval is recorded yet: approve each step on its page in the wizard (name, role, date and a note), or sign the blank lines below by hand.'
          : null,
    }
  },
}
