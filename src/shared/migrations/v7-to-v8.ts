const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Schema 7 → 8: the teardown settings gain their gate override (none) and the database stages
 * run from the wizard (none); the checks' settings gain the dashboard queries for EXPLAIN (none).
 * A section that is missing or not an object is left for validation to report.
 */
export function migrateV7toV8(doc: Record<string, unknown>): Record<string, unknown> {
  const out = { ...doc }
  if (isRecord(doc.teardown)) out.teardown = { ...doc.teardown, override: null, executions: [] }
  if (isRecord(doc.checks)) out.checks = { ...doc.checks, explainQueries: [] }
  return out
}
