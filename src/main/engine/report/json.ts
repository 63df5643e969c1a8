import type { PlanReport } from '../../../shared/report/model'

/**
 * The migration plan as JSON: the report model itself, which names its `format` and
 * `schemaVersion` so a reader can tell what it holds, pretty-printed with two spaces.
 */
export function renderPlanJson(report: PlanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
