import type { EvidenceItem } from './check-result'
import { describeConnection, type ConnectionContext } from './connection-describe'
import { count } from './describe-format'
import type { DescribedFact } from './describe-endpoint-facts'
import type { ResultDetails } from './result-schema'

/**
 * Any stored result's details for people, whatever its kind: facts (`label: value`), warnings and
 * a remedy. Used where every kind is shown the same way (the Markdown export, later the PDF);
 * pages with a view of their own (connections, parity) use their kind's describer directly.
 */
export interface ResultDescription {
  facts: DescribedFact[]
  warnings: string[]
  remedy: string | null
}

function evidenceFact(item: EvidenceItem): DescribedFact {
  switch (item.type) {
    case 'measure': {
      const value = item.value === null ? 'unknown' : count(item.value)
      const unit = item.unit ? ` ${item.unit}` : ''
      const limit = item.limit ? ` (limit ${item.limit.op} ${count(item.limit.value)})` : ''
      return { label: item.label, value: `${value}${unit}${limit}` }
    }
    case 'fact':
      return { label: item.label, value: item.value }
    case 'setting': {
      const where = item.line === null ? item.source : `${item.source}, line ${item.line}`
      return { label: item.key, value: `${item.value ?? '(not set)'} (${where})` }
    }
    case 'table':
      return {
        label: item.caption,
        value: item.rows
          .slice(0, 20)
          .map((row) => row.map((cell) => (cell === null ? '—' : String(cell))).join(' | '))
          .join('; '),
      }
  }
}

/**
 * Any result's details for people. A connection result is read against `context`, the latest
 * facts of the other endpoints (see `connectionContextOf`), so its warnings name the databases a
 * pipeline should copy and does not.
 */
export function describeDetails(
  details: ResultDetails,
  context: ConnectionContext = {},
): ResultDescription {
  switch (details.kind) {
    case 'connection': {
      const { facts, warnings } = describeConnection(details, context)
      return { facts, warnings, remedy: details.error?.hint ?? null }
    }
    case 'check':
      return {
        facts: [
          ...(details.skippedBecause ? [{ label: 'Skipped', value: details.skippedBecause }] : []),
          ...details.evidence.map(evidenceFact),
        ],
        warnings: [],
        remedy: details.remedy?.text ?? null,
      }
    case 'comparison':
      return {
        facts: [
          { label: 'Compared', value: `${details.old.label} with ${details.new.label}` },
          ...details.differences.map((d) => ({
            label: d.class.replace(/_/g, ' '),
            value: count(d.count),
          })),
        ],
        warnings: [],
        remedy: null,
      }
    case 'inventory': {
      const byOrigin = new Map<string, number>()
      for (const o of details.objects) {
        byOrigin.set(o.origin.origin, (byOrigin.get(o.origin.origin) ?? 0) + 1)
      }
      return {
        facts: [
          { label: 'Objects', value: count(details.objects.length) },
          ...[...byOrigin].map(([origin, n]) => ({
            label: origin === 'couch2pg' ? 'Installed by couch2pg' : `Origin ${origin}`,
            value: count(n),
          })),
          ...(details.couch2pg.release
            ? [{ label: 'couch2pg release', value: details.couch2pg.release }]
            : []),
        ],
        warnings: details.couch2pg.found
          ? []
          : [details.couch2pg.note ?? 'No couch2pg objects found.'],
        remedy: null,
      }
    }
    case 'couchdb-inventory':
      return {
        facts: [
          ...(details.chtVersion ? [{ label: 'CHT version', value: details.chtVersion }] : []),
          ...details.databases.map((d) => ({
            label: d.name,
            value: d.docCount === null ? (d.error ?? 'not read') : `${count(d.docCount)} documents`,
          })),
        ],
        warnings: [],
        remedy: null,
      }
  }
}
