import { VERDICT_KIND_LABEL, type ItemVerdict } from '../../lib/item-summary'

const TONE_CLASS = {
  pass: 'badge-pass',
  warn: 'badge-warn',
  fail: 'badge-fail',
  none: 'badge-neutral',
} as const

/** The verdict of what judges an item, in a word or two (`2 checks passed`, `1 failed`). */
export function VerdictBadge({ verdict }: { verdict: ItemVerdict }) {
  return (
    <span
      className={`badge item-verdict ${TONE_CLASS[verdict.tone]}`}
      data-testid="item-verdict"
      data-tone={verdict.tone}
    >
      <span className="visually-hidden">{VERDICT_KIND_LABEL[verdict.kind]} </span>
      {verdict.text}
    </span>
  )
}
