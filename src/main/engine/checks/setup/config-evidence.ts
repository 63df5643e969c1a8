import { basename } from 'node:path'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import { clipText, TEXT_LIMITS, type Scalar } from '../../../../shared/results/common'
import type { CheckContext, CheckOutcome } from '../check-types'
import {
  maskedValue,
  type ChtSyncConfig,
  type ConfigEntry,
  type SettingName,
} from '../config/config-types'
import { settingKeyIn } from '../config/helm-keys'

/**
 * What the configuration checks share: the skip when no file is chosen, and evidence items built
 * within the stored bounds (a setting's value is masked, then clipped; a file of hostile length
 * never makes an invalid result).
 */

/** Why a configuration check is skipped when the project names no file. */
export const NO_CONFIG =
  'No CHT Sync .env or values.yaml is chosen for this project: choose it on the Set up step.'

/** Most evidence items a result stores. */
export const MAX_EVIDENCE = 50
const MAX_ROWS = 200

/**
 * Runs `check` on the project's CHT Sync configuration, or returns `skipped` when none is chosen.
 * A file that cannot be read throws (`ctx.config()`'s `AppError`): the runner reports it.
 */
export async function withConfig(
  ctx: CheckContext,
  check: (config: ChtSyncConfig) => CheckOutcome,
): Promise<CheckOutcome> {
  const config = await ctx.config()
  if (!config) {
    return {
      verdict: 'skipped',
      summary: 'No CHT Sync configuration file is chosen.',
      skippedBecause: NO_CONFIG,
    }
  }
  return check(config)
}

/** A name or key from the file, short enough for a sentence. */
export const shown = (text: string, max = 80): string => clipText(text, max)

/** The file's name (`.env`, `values.yaml`), as evidence names its source. */
export const fileName = (config: ChtSyncConfig): string =>
  clipText(basename(config.path) || config.path, TEXT_LIMITS.short)

/** How a setting is named in this file: `POSTGRES_USER` or `postgres.user`. */
export const keyOf = (config: ChtSyncConfig, name: SettingName): string =>
  settingKeyIn(config.kind, name)

/** True when the setting is there with a value other than blanks. */
export const isSet = (entry: ConfigEntry | null | undefined): entry is ConfigEntry =>
  !!entry && entry.value.trim() !== ''

/** A setting as read, its value masked when secret. */
export function settingItem(config: ChtSyncConfig, entry: ConfigEntry): EvidenceItem {
  return {
    type: 'setting',
    source: fileName(config),
    key: clipText(entry.key, TEXT_LIMITS.short),
    value: clipText(maskedValue(entry), TEXT_LIMITS.line),
    line: entry.line !== null && Number.isInteger(entry.line) && entry.line > 0 ? entry.line : null,
  }
}

/** A setting the file does not have. */
export function absentItem(config: ChtSyncConfig, key: string): EvidenceItem {
  return {
    type: 'setting',
    source: fileName(config),
    key: clipText(key, TEXT_LIMITS.short),
    value: null,
    line: null,
  }
}

/** The setting when present, else its absence. */
export const entryItem = (config: ChtSyncConfig, entry: ConfigEntry | null, key: string) =>
  entry ? settingItem(config, entry) : absentItem(config, key)

/** A finding in words. */
export const fact = (label: string, value: string): EvidenceItem => ({
  type: 'fact',
  label: clipText(label, TEXT_LIMITS.short),
  value: clipText(value, TEXT_LIMITS.line),
})

/** The file read, for every configuration check's evidence. */
export const fileFact = (config: ChtSyncConfig): EvidenceItem =>
  fact(config.kind === 'env' ? 'Docker .env file' : 'Helm values file', config.path)

/** A small table, bounded: at most 200 rows, each cell clipped. */
export function table(caption: string, columns: string[], rows: Scalar[][]): EvidenceItem {
  return {
    type: 'table',
    caption: clipText(caption, TEXT_LIMITS.short),
    columns: columns.slice(0, 12).map((c) => clipText(c, TEXT_LIMITS.short)),
    rows: rows
      .slice(0, MAX_ROWS)
      .map((row) =>
        row
          .slice(0, 12)
          .map((cell) => (typeof cell === 'string' ? clipText(cell, TEXT_LIMITS.line) : cell)),
      ),
  }
}

/** At most `MAX_EVIDENCE` items. */
export const bounded = (items: EvidenceItem[]): EvidenceItem[] => items.slice(0, MAX_EVIDENCE)

/** `A, B and C`; past `max` names, `A, B, C and 4 more`. */
export function listed(names: readonly string[], max = 6): string {
  const shownNames = names.slice(0, max).map((n) => shown(n))
  const rest = names.length - shownNames.length
  if (rest > 0) return `${shownNames.join(', ')} and ${rest} more`
  if (shownNames.length <= 1) return shownNames.join('')
  return `${shownNames.slice(0, -1).join(', ')} and ${shownNames[shownNames.length - 1]}`
}

/** The verdict of several findings: the worst of them, `pass` when there are none. */
export function worst(levels: readonly ('warn' | 'fail')[]): 'pass' | 'warn' | 'fail' {
  if (levels.includes('fail')) return 'fail'
  return levels.includes('warn') ? 'warn' : 'pass'
}

/** One thing a check found wrong, what to do about it, and the settings it is about. */
export interface Finding {
  level: 'warn' | 'fail'
  text: string
  fix: string
}

/**
 * The outcome of a check that collects findings: the worst level, the findings as the summary
 * (fails first) and their fixes (each once) as the remedy; `pass` with `passSummary` when none.
 */
export function fromFindings(
  findings: readonly Finding[],
  passSummary: string,
  evidence: EvidenceItem[],
): CheckOutcome {
  const verdict = worst(findings.map((f) => f.level))
  if (verdict === 'pass') {
    return {
      verdict,
      summary: clipText(passSummary, TEXT_LIMITS.paragraph),
      evidence: bounded(evidence),
    }
  }
  const ordered = [...findings].sort((a, b) =>
    a.level === b.level ? 0 : a.level === 'fail' ? -1 : 1,
  )
  const texts = ordered.slice(0, 6).map((f) => f.text)
  if (ordered.length > 6) texts.push(`…and ${ordered.length - 6} more.`)
  const fixes = [...new Set(ordered.map((f) => f.fix))].slice(0, 6)
  return {
    verdict,
    summary: clipText(texts.join(' '), TEXT_LIMITS.paragraph),
    evidence: bounded(evidence),
    remedy: { text: clipText(fixes.join(' '), TEXT_LIMITS.paragraph) },
  }
}
