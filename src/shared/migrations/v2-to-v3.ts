import { CONNECTION_ERROR_KINDS, type ConnectionErrorKind } from '../connections'
import { ENDPOINT_IDS, type EndpointId } from '../endpoints'
import { clipText, TEXT_LIMITS, VERDICTS, type Verdict } from '../results/common'

type Doc = Record<string, unknown>

const FACT_PREFIX = 'fact:'
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown, max: number): string => clipText(typeof v === 'string' ? v : '', max)
const textOrNull = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v !== '' ? clipText(v, max) : null

/** Schema 2's verdicts had `info`; schema 3 has `skipped` instead, and `info` meant a pass. */
function verdictOf(v: unknown): Verdict {
  if (v === 'info') return 'pass'
  return (VERDICTS as readonly unknown[]).includes(v) ? (v as Verdict) : 'error'
}

function endpointOf(checkId: string): EndpointId | null {
  const name = checkId.startsWith('connection.') ? checkId.slice('connection.'.length) : ''
  return (ENDPOINT_IDS as readonly string[]).includes(name) ? (name as EndpointId) : null
}

/** The facts for people a schema-2 connection result kept as `fact:<label>` measurements. */
function legacyFacts(measurements: Record<string, unknown>) {
  return Object.entries(measurements)
    .filter(([key, value]) => key.startsWith(FACT_PREFIX) && typeof value === 'string')
    .slice(0, 50)
    .map(([key, value]) => ({
      label: clipText(key.slice(FACT_PREFIX.length).replace(/ \(\d+\)$/, ''), TEXT_LIMITS.short),
      value: clipText(value as string, TEXT_LIMITS.paragraph),
    }))
}

function connectionDetails(endpoint: EndpointId, m: Record<string, unknown>, durationMs: number) {
  const kind = m.errorKind
  const errorKind: ConnectionErrorKind | null =
    typeof kind === 'string' && (CONNECTION_ERROR_KINDS as readonly string[]).includes(kind)
      ? (kind as ConnectionErrorKind)
      : kind === null || kind === undefined
        ? null
        : 'other'
  return {
    kind: 'connection',
    endpoint,
    ok: m.ok === true,
    durationMs,
    serverLabel: textOrNull(m.serverVersion, TEXT_LIMITS.short),
    facts: null,
    error:
      errorKind === null
        ? null
        : {
            kind: errorKind,
            message: text(m.errorMessage, TEXT_LIMITS.paragraph),
            hint: text(m.errorHint, TEXT_LIMITS.paragraph),
            looksLike: null,
          },
    legacyFacts: legacyFacts(m),
  }
}

/** Any other schema-2 result: its measurements become facts of a check's evidence. */
function checkDetails(checkId: string, m: Record<string, unknown>) {
  return {
    kind: 'check',
    checkId: clipText(checkId, TEXT_LIMITS.short),
    evidence: Object.entries(m)
      .slice(0, 50)
      .map(([key, value]) => ({
        type: 'fact',
        label: clipText(key, TEXT_LIMITS.short),
        value: clipText(value === null ? '—' : String(value), TEXT_LIMITS.line),
      })),
    remedy: null,
    skippedBecause: null,
  }
}

function migrateResult(old: unknown): [string, Doc] | null {
  if (!isRecord(old) || typeof old.checkId !== 'string') return null
  const measurements = isRecord(old.measurements) ? old.measurements : {}
  const durationMs =
    typeof measurements.durationMs === 'number' && measurements.durationMs >= 0
      ? measurements.durationMs
      : 0
  const endpoint = endpointOf(old.checkId)
  const target = textOrNull(old.endpoint, TEXT_LIMITS.line)
  return [
    old.checkId,
    {
      id: old.checkId,
      itemId: old.itemId,
      title: text(old.title, TEXT_LIMITS.line),
      verdict: verdictOf(old.verdict),
      summary: text(old.summary, TEXT_LIMITS.paragraph),
      ranAt: old.ranAt,
      durationMs,
      endpoints: endpoint && target ? [{ endpoint, target }] : [],
      partial: null,
      details: endpoint
        ? connectionDetails(endpoint, measurements, durationMs)
        : checkDetails(old.checkId, measurements),
      history: [],
    },
  ]
}

/**
 * Schema 2 → 3: stored results become typed. Each result gets an `id` (its old `checkId`), the
 * endpoints it ran against, no partial marker, an empty history and typed details: a connection
 * test keeps what it can be read for sure (connected or not, the server, the classified error)
 * and its facts for people as `legacyFacts`; anything else becomes a check whose evidence is its
 * old measurements. Verdict `info` (never written in practice) becomes `pass`.
 */
export function migrateV2toV3(doc: Doc): Doc {
  const results = isRecord(doc.results) ? doc.results : {}
  const migrated: Record<string, Doc> = {}
  for (const old of Object.values(results)) {
    const entry = migrateResult(old)
    if (entry) migrated[entry[0]] = entry[1]
  }
  return { ...doc, results: migrated }
}
