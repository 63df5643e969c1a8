import { PAGE } from '../../checklist/doc-pages'
import { checkResultOf } from '../../checks/gate'
import { OPTIMIZE_CHECKS, explainTag } from '../../checks/optimize-catalog'
import { isStale } from '../../progress'
import type { StoredResult } from '../../project-schema'
import type { EvidenceItem } from '../../results/check-result'
import type { Scalar } from '../../results/common'
import type { Block, Cell, ReportContext, SectionModule, Span } from '../model'
import { dateTimeText, link, missing, PARAGRAPH_LIMIT, said, t } from '../text'
import { countText, verdictSpan } from './verdict-words'

/** The evidence items named in a check's key-evidence sentence. */
const EVIDENCE_SHOWN = 5
/** `optimize.explain`'s history figures are labelled by a query tag: not for a reader. */
const TAGGED = /^q[0-9a-f]{8}\b/
const EXPLAIN_CAPTION = 'Dashboard queries explained on the CHT Sync database'

/** The CHT page's title for a documentation link, as the checklist names it. */
export function docTitleOf(url: string): string {
  const page = Object.values(PAGE).find((p) => p.docUrl === url)
  return page ? page.docTitle : 'CHT documentation'
}

const num = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 })

/** One item of evidence in words, or null for one that says nothing to a reader. */
function evidenceText(item: EvidenceItem): string | null {
  switch (item.type) {
    case 'measure': {
      if (TAGGED.test(item.label)) return null
      const value =
        item.value === null
          ? 'not measured'
          : `${num(item.value)}${item.unit ? ` ${item.unit}` : ''}`
      const limit = item.limit ? ` (limit ${item.limit.op} ${num(item.limit.value)})` : ''
      return `${item.label}: ${value}${limit}`
    }
    case 'fact':
      return `${item.label}: ${item.value}`
    case 'setting':
      return `${item.key} = ${item.value ?? 'not set'} in ${item.source}${item.line ? `, line ${item.line}` : ''}`
    case 'table':
      return `${item.caption} (${countText(item.rows.length, 'row')})`
  }
}

/** The key evidence of a check in one sentence, or null when it stored none. */
export function keyEvidence(result: StoredResult): string | null {
  if (result.details.kind !== 'check') return null
  const texts = result.details.evidence
    .map(evidenceText)
    .filter((s): s is string => s !== null && s.length > 0)
  if (texts.length === 0) return null
  const more = texts.length - EVIDENCE_SHOWN
  const shown = texts.slice(0, EVIDENCE_SHOWN).join('; ')
  return said(`${shown}${more > 0 ? `; and ${countText(more, 'more item')}` : ''}.`, 1_200)
}

/** What the check advises: its remedy and the documentation page, or why there is none. */
function adviceSpans(result: StoredResult, fallbackUrl: string): Span[] {
  const remedy = result.details.kind === 'check' ? result.details.remedy : null
  if (result.details.kind === 'check' && result.details.skippedBecause) {
    return [t(`Skipped: ${said(result.details.skippedBecause, PARAGRAPH_LIMIT)}`)]
  }
  if (!remedy) return [t('Nothing to change.', { muted: true })]
  const url =
    remedy.docUrl && /^https?:\/\//i.test(remedy.docUrl) ? said(remedy.docUrl, 500) : fallbackUrl
  return [t(`${said(remedy.text, PARAGRAPH_LIMIT)} See `), link(docTitleOf(url), url), t('.')]
}

/** The EXPLAIN figures of each dashboard query listed, from the latest `optimize.explain` run. */
function explainTable(ctx: ReportContext): Block {
  const result = checkResultOf(ctx.document.results, 'optimize.explain')
  const table =
    result?.details.kind === 'check'
      ? result.details.evidence.find(
          (e): e is Extract<EvidenceItem, { type: 'table' }> =>
            e.type === 'table' && e.caption === EXPLAIN_CAPTION,
        )
      : undefined
  const col = (name: string) => table?.columns.indexOf(name) ?? -1
  const byTag = new Map(table?.rows.map((row) => [String(row[col('tag')]), row]) ?? [])
  const cell = (row: readonly Scalar[] | undefined, name: string): Cell => {
    const i = col(name)
    const value = row && i >= 0 ? row[i] : null
    if (value === null || value === undefined) return null
    return typeof value === 'number' ? value : said(String(value), 200)
  }
  return {
    type: 'table',
    caption: 'Dashboard queries recorded for EXPLAIN, with the latest plan figures',
    columns: [
      { key: 'query', label: 'Dashboard query', width: 4 },
      { key: 'how', label: 'Explained with', width: 3 },
      { key: 'cost', label: 'Total cost', width: 2, align: 'right' },
      { key: 'planning_ms', label: 'Planning ms', width: 2, align: 'right' },
      { key: 'execution_ms', label: 'Execution ms', width: 2, align: 'right' },
      { key: 'rows', label: 'Rows', width: 2, align: 'right' },
    ],
    rows: ctx.document.checks.explainQueries.map((q) => {
      const row = byTag.get(explainTag(q))
      return [
        said(q.label, 200),
        row ? cell(row, 'how') : missing('not explained yet'),
        cell(row, 'total cost'),
        cell(row, 'planning ms'),
        cell(row, 'execution ms'),
        cell(row, 'rows'),
      ]
    }),
    empty: 'No dashboard query is recorded for EXPLAIN.',
  }
}

/** Optimize advice: each optimize check's latest result and the dashboard queries explained. */
export const optimizeSection: SectionModule = {
  id: 'optimize',
  title: 'Optimize advice',
  build(ctx) {
    const { document } = ctx
    const ran = OPTIMIZE_CHECKS.map((check) => ({
      check,
      result: checkResultOf(document.results, check.id),
    }))
    const done = ran.filter((r) => r.result !== undefined)
    if (done.length === 0 && document.checks.explainQueries.length === 0) {
      return {
        intro: null,
        blocks: [],
        empty:
          'No optimize check has run and no dashboard query is recorded for EXPLAIN: running the checks of the Optimize step (or `cht-migrate check --step optimize`) fills this section.',
      }
    }
    const now = ctx.now.getTime()
    const ranText = (result: StoredResult): string =>
      `${dateTimeText(result.ranAt, ctx)}${isStale(result.ranAt, document.settings.staleAfterDays, now) ? ' (stale)' : ''}`
    const blocks: Block[] = [
      {
        type: 'table',
        caption: 'The optimize checks and their latest results',
        columns: [
          { key: 'check', label: 'Check', width: 5 },
          { key: 'verdict', label: 'Verdict', width: 2 },
          { key: 'ran', label: 'Ran', width: 3 },
          { key: 'found', label: 'What it found', width: 6 },
        ],
        rows: ran.map(({ check, result }) => [
          check.title,
          result ? verdictSpan(result.verdict) : missing('not run yet'),
          result ? ranText(result) : null,
          result ? said(result.summary, 1_000) : null,
        ]),
        empty: 'No optimize check is defined.',
      },
    ]
    for (const { check, result } of done) {
      if (!result) continue
      const evidence = keyEvidence(result)
      blocks.push(
        { type: 'heading', text: check.title },
        {
          type: 'facts',
          rows: [
            { label: 'Verdict', value: [verdictSpan(result.verdict), t(`, ${ranText(result)}`)] },
            { label: 'Found', value: [t(said(result.summary, PARAGRAPH_LIMIT))] },
            { label: 'Evidence', value: [evidence ? t(evidence) : missing('no evidence stored')] },
            { label: 'Advice', value: adviceSpans(result, check.docUrl) },
            { label: 'Why it matters', value: [t(check.why)] },
          ],
        },
      )
    }
    blocks.push({ type: 'heading', text: 'Dashboard queries explained' }, explainTable(ctx))
    return {
      intro: `The advice of the Optimize step: ${done.length} of ${countText(OPTIMIZE_CHECKS.length, 'optimize check')} ran; each says what it found, the evidence and what to change, with the CHT page that explains it.`,
      blocks,
      empty: null,
    }
  },
}
