import { PAGE } from '../../checklist/doc-pages'
import type { CheckMeta } from '../../checks/check-catalog'
import type { StoredResult } from '../../project-schema'
import type { CheckDetails, EvidenceItem } from '../../results/check-result'
import type { Scalar } from '../../results/common'
import type { Block, Cell, Span, TableColumn } from '../model'
import { missing, PARAGRAPH_LIMIT, link, said, t, toned } from '../text'
import { VERDICT_TONE, VERDICT_WORDS } from './verdict-words'

/**
 * A check's evidence, verdict and remedy as the Checks section prints them: measures, facts and
 * settings as label–value pairs, evidence tables as bounded tables, the remedy in prose with its
 * CHT page.
 */

/** Most rows of one evidence table printed. */
export const EVIDENCE_ROW_LIMIT = 30

/** A stored result's verdict as a toned span, marked partial when the run stopped early. */
export function verdictSpan(result: StoredResult): Span {
  const words = VERDICT_WORDS[result.verdict]
  return toned(result.partial ? `${words} (partial)` : words, VERDICT_TONE[result.verdict])
}

/** A limit's operator in words: “at most 80 %”. */
const LIMIT_WORDS = {
  '<=': 'at most',
  '>=': 'at least',
  '<': 'below',
  '>': 'above',
  '==': 'exactly',
} as const

const numberText = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 })

function evidenceValue(item: Exclude<EvidenceItem, { type: 'table' }>): Span[] {
  switch (item.type) {
    case 'measure': {
      if (item.value === null) return [missing('not measured')]
      const unit = item.unit ? ` ${said(item.unit, 200)}` : ''
      const limit = item.limit
        ? ` (limit: ${LIMIT_WORDS[item.limit.op]} ${numberText(item.limit.value)}${unit})`
        : ''
      return [t(`${numberText(item.value)}${unit}${limit}`)]
    }
    case 'fact':
      return [t(said(item.value))]
    case 'setting': {
      const where = `${said(item.source, 200)}${item.line === null ? '' : `, line ${item.line}`}`
      if (item.value === null)
        return [missing('not set'), t(` (looked for in ${where})`, { muted: true })]
      return [t(said(item.value)), t(` (set in ${where})`, { muted: true })]
    }
  }
}

const scalarCell = (value: Scalar): Cell =>
  value === null
    ? null
    : typeof value === 'boolean'
      ? value
        ? 'yes'
        : 'no'
      : typeof value === 'number'
        ? value
        : said(value)

/** A key for each evidence column: its label in lower case, made unique. */
function columnsOf(labels: readonly string[]): TableColumn[] {
  const used = new Set<string>()
  return labels.map((label, i) => {
    let key =
      label
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_|_$/g, '') || `column_${i + 1}`
    if (used.has(key)) key = `${key}_${i + 1}`
    used.add(key)
    return { key, label: said(label, 200), width: 1 }
  })
}

/** A check's evidence: one facts block for measures, facts and settings, then its tables. */
export function evidenceBlocks(details: CheckDetails): Block[] {
  const blocks: Block[] = []
  const rows = details.evidence.flatMap((item) =>
    item.type === 'table'
      ? []
      : [
          {
            label: said(item.type === 'setting' ? item.key : item.label, 200),
            value: evidenceValue(item),
          },
        ],
  )
  if (details.skippedBecause) {
    rows.unshift({ label: 'Skipped because', value: [t(said(details.skippedBecause))] })
  }
  if (rows.length > 0) blocks.push({ type: 'facts', rows })
  for (const item of details.evidence) {
    if (item.type !== 'table') continue
    const shown = item.rows.slice(0, EVIDENCE_ROW_LIMIT)
    const more =
      item.rows.length > shown.length
        ? ` (the first ${shown.length} of ${item.rows.length} rows)`
        : ''
    const columns = columnsOf(item.columns)
    blocks.push({
      type: 'table',
      caption: `${said(item.caption, 200)}${more}`,
      columns,
      rows: shown.map((row) => columns.map((_, i) => scalarCell(row[i] ?? null))),
      empty: 'The check recorded no rows here.',
    })
  }
  return blocks
}

const PAGE_TITLES = new Map<string, string>(Object.values(PAGE).map((p) => [p.docUrl, p.docTitle]))

/** The CHT page of a remedy (its own, else the check's), with its title where known. */
export function remedyLink(
  details: CheckDetails,
  meta: CheckMeta | undefined,
): { url: string; title: string } | null {
  const url = details.remedy?.docUrl ?? meta?.docUrl ?? null
  if (!url || !/^https?:\/\//i.test(url)) return null
  const title = PAGE_TITLES.get(url.split('#')[0] ?? url) ?? 'the CHT documentation'
  return { url: said(url, 500), title }
}

/**
 * The remedy in prose: fenced code (``` … ```) kept as its own paragraph, fences dropped; then
 * the CHT page to read.
 */
export function remedyBlocks(details: CheckDetails, meta: CheckMeta | undefined): Block[] {
  const blocks: Block[] = []
  const text = details.remedy?.text.trim() ?? ''
  const docs = remedyLink(details, meta)
  if (text === '') {
    if (docs) {
      blocks.push({ type: 'paragraph', spans: [t('See '), link(docs.title, docs.url), t('.')] })
    }
    return blocks
  }
  const parts = said(text, PARAGRAPH_LIMIT)
    .split(/^[ \t]*```[^\n]*$/m)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '')
  parts.forEach((part, i) => {
    const spans: Span[] = i === 0 ? [t('What to do: ', { strong: true }), t(part)] : [t(part)]
    blocks.push({ type: 'paragraph', spans })
  })
  if (docs)
    blocks.push({ type: 'paragraph', spans: [t('See '), link(docs.title, docs.url), t('.')] })
  return blocks
}

/** The remedy as one line of the checks CSV. */
export const remedyLine = (details: CheckDetails): Cell =>
  details.remedy?.text.trim()
    ? said(
        details.remedy.text
          .replace(/^[ \t]*```[^\n]*$/gm, '')
          .replace(/\n{2,}/g, '\n')
          .trim(),
      )
    : null
