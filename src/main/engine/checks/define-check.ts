import { findCheck } from '../../../shared/checks/check-catalog'
import type { CheckDef } from './check-types'

/**
 * A check: its catalog entry (found by `id`) with its run. Throws for an id the catalog does not
 * know, so a misspelt id fails when the module loads, not when the check is first run.
 */
export function defineCheck(id: string, run: CheckDef['run']): CheckDef {
  const meta = findCheck(id)
  if (!meta) throw new Error(`No check "${id}" in the check catalog.`)
  return { ...meta, run }
}
