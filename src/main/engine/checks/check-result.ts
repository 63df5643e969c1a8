import type { CheckMeta } from '../../../shared/checks/check-catalog'
import { evidenceItemSchema, type EvidenceItem } from '../../../shared/results/check-result'
import {
  clipText,
  TEXT_LIMITS,
  type EndpointRef,
  type Partial as PartialRun,
} from '../../../shared/results/common'
import type { NewResult } from '../../../shared/results/result-schema'
import type { CheckOutcome } from './check-types'

/** Most evidence items a result keeps (the schema's bound). */
const EVIDENCE_LIMIT = 50

const clipLine = (s: string) => clipText(s, TEXT_LIMITS.line)
const clipShort = (s: string) => clipText(s, TEXT_LIMITS.short)
const clipScalar = (v: unknown) => (typeof v === 'string' ? clipLine(v) : v)

/** One evidence item with every string clipped to its bound; null when it is not valid. */
function clipEvidence(item: EvidenceItem): EvidenceItem | null {
  let clipped: EvidenceItem
  switch (item.type) {
    case 'measure':
      clipped = { ...item, label: clipShort(item.label), unit: item.unit && clipShort(item.unit) }
      break
    case 'fact':
      clipped = { ...item, label: clipShort(item.label), value: clipLine(item.value) }
      break
    case 'setting':
      clipped = {
        ...item,
        source: clipShort(item.source),
        key: clipShort(item.key),
        value: item.value === null ? null : clipLine(item.value),
      }
      break
    case 'table':
      clipped = {
        ...item,
        caption: clipShort(item.caption),
        columns: item.columns.slice(0, 12).map(clipShort),
        rows: item.rows.slice(0, 200).map((r) => r.slice(0, 12).map(clipScalar)),
      } as EvidenceItem
      break
  }
  const parsed = evidenceItemSchema.safeParse(clipped)
  return parsed.success ? parsed.data : null
}

/** What the runner knows about one run of a check besides its outcome. */
export interface RunFacts {
  ranAt: string
  durationMs: number
  endpoints: EndpointRef[]
  partial?: PartialRun
}

/**
 * A check's outcome as a result ready to record: strings clipped to the schema's bounds (a
 * server's text can be anything), evidence that is not valid dropped, the remedy's link
 * defaulting to the check's CHT page.
 */
export function checkResult(
  meta: CheckMeta,
  outcome: Omit<CheckOutcome, 'verdict'> & { verdict: CheckOutcome['verdict'] | 'error' },
  facts: RunFacts,
): NewResult {
  const evidence = (outcome.evidence ?? [])
    .slice(0, EVIDENCE_LIMIT)
    .map(clipEvidence)
    .filter((e): e is EvidenceItem => e !== null)
  const remedy = outcome.remedy
    ? {
        text: clipText(outcome.remedy.text, TEXT_LIMITS.paragraph),
        docUrl: outcome.remedy.docUrl === undefined ? meta.docUrl : (outcome.remedy.docUrl ?? null),
      }
    : null
  return {
    id: meta.id,
    itemId: meta.itemId,
    title: clipLine(meta.title),
    verdict: outcome.verdict,
    summary: clipText(outcome.summary, TEXT_LIMITS.paragraph),
    ranAt: facts.ranAt,
    durationMs: Math.max(0, Math.round(facts.durationMs)),
    endpoints: (outcome.endpoints ?? facts.endpoints).slice(0, 3),
    partial: facts.partial ?? null,
    details: {
      kind: 'check',
      checkId: meta.id,
      evidence,
      remedy,
      skippedBecause:
        outcome.verdict === 'skipped' ? clipLine(outcome.skippedBecause ?? outcome.summary) : null,
    },
  }
}
