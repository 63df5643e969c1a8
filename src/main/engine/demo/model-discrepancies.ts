import { randomUUID } from 'node:crypto'
import type { DiscrepancyPlanner } from './discrepancy-planner'
import { chtSyncNames, type ChtSyncTarget } from './sql/cht-sync-tables'
import type { SqlClient } from './sql/types'

/** The model whose last dbt run failed in the demo. */
export const FAILED_MODEL = 'telemetry_devices'

/**
 * Injects the differences that live in the CHT Sync models, after they were built:
 *
 * - `model_lag`: the raw rows of the chosen reports are saved again, after the newest model row,
 *   and their rows leave `document_metadata` (the cascade takes `data_record`'s): exactly what
 *   models look like when dbt has not run since those changes arrived;
 * - `model_wrong_value`: `data_record.form` of the chosen reports is overwritten with another
 *   form's code;
 * - `dbt_run_failed`: one more dbt invocation, after the successful one, in which a model ended in
 *   `error`; it is recorded in the planner (the manifest) here, as it concerns no document.
 */
export async function injectModelDiscrepancies(
  client: SqlClient,
  target: ChtSyncTarget,
  planner: DiscrepancyPlanner,
): Promise<void> {
  const { raw, rel } = chtSyncNames(target)
  const entries = planner.discrepancies
  const lagging = entries.filter((d) => d.kind === 'model_lag').map((d) => d.docId)
  if (lagging.length > 0) {
    await client.query(
      `UPDATE ${raw} SET saved_timestamp =
         (SELECT max(saved_timestamp) FROM ${rel('document_metadata')}) + interval '1 minute'
       WHERE _id = ANY($1)`,
      [lagging],
    )
    await client.query(`DELETE FROM ${rel('document_metadata')} WHERE uuid = ANY($1)`, [lagging])
  }
  for (const entry of entries.filter((d) => d.kind === 'model_wrong_value')) {
    await client.query(`UPDATE ${rel('data_record')} SET form = $2 WHERE uuid = $1`, [
      entry.docId,
      entry.data.actual,
    ])
  }

  const invocationId = randomUUID()
  const uniqueId = `model.cht_pipeline_base.${FAILED_MODEL}`
  await client.query(
    `INSERT INTO ${rel('dbt_results')}
       (result_id, invocation_id, unique_id, database_name, schema_name, name, resource_type,
        status, start_time, end_time, execution_time, rows_affected)
     VALUES ($1 || '.' || $2, $1, $2, current_database(), $3, $4, 'model', 'error',
             now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 0.42, 0)`,
    [invocationId, uniqueId, target.schema, FAILED_MODEL],
  )
  planner.record({
    kind: 'dbt_run_failed',
    docId: null,
    database: null,
    detail: `The last dbt run (invocation ${invocationId}) ended in error on the ${FAILED_MODEL} model; the run before it succeeded.`,
    data: { model: FAILED_MODEL, uniqueId, invocationId, status: 'error' },
  })
}
