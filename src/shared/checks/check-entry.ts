import { PAGE } from '../checklist/doc-pages'

/** What a check catalog entry is, and the helper that fills its defaults. */

/** The steps that have checks, as `cht-migrate check --step` names them. */
export const CHECK_STEPS = ['setup', 'production', 'monitor', 'optimize'] as const
export type CheckStep = (typeof CHECK_STEPS)[number]

/**
 * What a check reads. A check whose input is not set is skipped, saying which: `config` the CHT
 * Sync `.env` or `values.yaml` chosen on the Set up step; `couchdb`, `couch2pg`, `chtSync` the
 * project's connections; `watchdog` the CHT Watchdog Prometheus address.
 */
export const CHECK_NEEDS = ['config', 'couchdb', 'couch2pg', 'chtSync', 'watchdog'] as const
export type CheckNeed = (typeof CHECK_NEEDS)[number]

export interface CheckMeta {
  /** Stable id, `<step>.<slug>`; results are stored under it. */
  id: string
  step: CheckStep
  /** The checklist item the check is evidence for (an item of `step`). */
  itemId: string
  title: string
  /** Why it matters, in one or two sentences. */
  why: string
  /** Checks that must pass (or warn) first; otherwise this one is skipped, saying which. */
  prerequisites: readonly string[]
  needs: readonly CheckNeed[]
  /** The run is abandoned after this long and reported as an error. */
  timeoutMs: number
  /** The CHT page its remedy points to by default. */
  docUrl: string
}

export const S = 1000
type Entry = Omit<CheckMeta, 'docUrl' | 'timeoutMs' | 'prerequisites'> & {
  docUrl?: string
  timeoutMs?: number
  prerequisites?: readonly string[]
}
export const entry = (e: Entry): CheckMeta => ({
  prerequisites: [],
  timeoutMs: 30 * S,
  docUrl: PAGE.envVars.docUrl,
  ...e,
})
