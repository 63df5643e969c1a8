import { CHECKS } from '../../../shared/checks/check-catalog'
import type { CheckDef } from './check-types'
import { MONITOR_PROMETHEUS_CHECKS } from './monitor/prometheus-checks'
import { OPTIMIZE_CHECKS } from './optimize/optimize-checks'
import { PIPELINE_CHECKS } from './pipeline/pipeline-checks'
import { PRODUCTION_CHECKS } from './production/production-checks'
import { ACCESS_CHECKS } from './setup/access-checks'
import { CONFIG_CHECKS } from './setup/config-checks'

const byId = new Map(
  [
    ...CONFIG_CHECKS,
    ...ACCESS_CHECKS,
    ...PIPELINE_CHECKS,
    ...PRODUCTION_CHECKS,
    ...MONITOR_PROMETHEUS_CHECKS,
    ...OPTIMIZE_CHECKS,
  ].map((c) => [c.id, c]),
)

/**
 * Every check this build runs, in the catalog's order (the order a step runs them in). A unit
 * test keeps the modules and the catalog equal: a catalog entry without a run, or a run without
 * an entry, fails it.
 */
export const CHECK_REGISTRY: readonly CheckDef[] = CHECKS.flatMap((meta) => {
  const check = byId.get(meta.id)
  return check ? [check] : []
})

/** Catalog ids no module implements (a unit test keeps this empty). */
export const unimplementedChecks = (): string[] =>
  CHECKS.filter((c) => !byId.has(c.id)).map((c) => c.id)

/** Implemented ids the catalog does not list (a unit test keeps this empty). */
export const uncataloguedChecks = (): string[] =>
  [...byId.keys()].filter((id) => !CHECKS.some((c) => c.id === id))
