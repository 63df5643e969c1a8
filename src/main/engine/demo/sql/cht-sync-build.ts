import { createHash, randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { modelBatchQueries } from './cht-sync-model-queries'
import {
  CHT_SYNC_MODEL_TABLES,
  installChtSyncModelTables,
  modelIndexesSql,
  type ChtSyncModelTable,
} from './cht-sync-model-tables'
import { chtSyncNames, CHT_SYNC_DEFAULT_TARGET, type ChtSyncTarget } from './cht-sync-tables'
import type { SqlClient } from './types'

/** The dbt package the demo's dataemon runs: `CHT_PIPELINE_BRANCH_URL` = `…cht-pipeline.git#v2.0.0`. */
export const CHT_PIPELINE_PACKAGE = {
  git: 'https://github.com/medic/cht-pipeline.git',
  revision: 'v2.0.0',
} as const

/** What one model did in a run, as dbt's `log_dbt_results` records it. */
export interface ChtSyncModelRun {
  model: string
  startedAt: Date
  /** Seconds, like dbt's `execution_time`. */
  executionTime: number
  rowsAffected: number
}

export interface ChtSyncBuildResult {
  invocationId: string
  models: ChtSyncModelRun[]
}

const uniqueId = (model: string) => `model.cht_pipeline_base.${model}`

/** The dbt manifest the runner saves in `_dataemon`: the nodes and their checksums, trimmed. */
function manifest(target: ChtSyncTarget, invocationId: string, queries: Record<string, string>) {
  const nodes = Object.fromEntries(
    CHT_SYNC_MODEL_TABLES.map((m) => [
      uniqueId(m.name),
      {
        resource_type: 'model',
        package_name: 'cht_pipeline_base',
        name: m.name,
        schema: target.schema,
        tags: m.tags,
        config: { materialized: 'incremental', unique_key: m.key },
        checksum: {
          name: 'sha256',
          checksum: createHash('sha256')
            .update(queries[m.name] ?? m.name)
            .digest('hex'),
        },
      },
    ]),
  )
  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      dbt_version: '1.9.4',
      generated_at: new Date().toISOString(),
      invocation_id: invocationId,
      adapter_type: 'postgres',
      project_name: 'dataemon',
    },
    nodes,
  }
}

/** One model's delete+insert of its batch, in its own transaction, as dbt-postgres does it. */
async function runModel(
  client: SqlClient,
  target: ChtSyncTarget,
  model: ChtSyncModelTable,
  query: string,
): Promise<number> {
  const { rel } = chtSyncNames(target)
  const table = rel(model.name)
  const columns = model.columns.map((c) => c.name).join(', ')
  await client.query('BEGIN')
  try {
    await client.query(`CREATE TEMP TABLE dbt_batch ON COMMIT DROP AS ${query}`)
    await client.query(
      `DELETE FROM ${table} m USING dbt_batch b WHERE m.${model.key} = b.${model.key}`,
    )
    const inserted = await client.query(
      `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM dbt_batch`,
    )
    // document_metadata's post-hook: deleted documents leave, and the cascade takes their rows
    // out of every other model.
    if (model.name === 'document_metadata') {
      await client.query(`DELETE FROM ${table} WHERE _deleted = true`)
    }
    // dbt creates a model's indexes when it first builds the table; they exist on later runs.
    for (const sql of modelIndexesSql(target, model)) await client.query(sql)
    await client.query('COMMIT')
    return inserted.rowCount ?? 0
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    const message = e instanceof Error ? e.message : String(e)
    throw new Error(`dbt model ${model.name} failed: ${message}`, { cause: e })
  }
}

/**
 * Runs cht-pipeline v2.0.0's base models once over the raw table, the way CHT Sync's dataemon
 * does: saves the package and manifest in `_dataemon`, then builds each model incrementally
 * (delete+insert of the rows newer than the model's newest `saved_timestamp`) in dependency order,
 * and logs one `dbt_results` row per model.
 *
 * Creates the model tables on the first call (`installChtSyncModelTables`) and their indexes after
 * their first fill. Deleted documents never reach the models: `document_metadata` drops them and
 * its cascading foreign keys remove what earlier runs had built from them. Call it again after
 * more raw rows are loaded to bring the models up to date. `dbt_results.end_time` equals
 * `start_time`, as cht-pipeline's `log_dbt_results` macro writes it; `execution_time` is real.
 */
export async function buildChtSyncModels(
  client: SqlClient,
  target: ChtSyncTarget = CHT_SYNC_DEFAULT_TARGET,
): Promise<ChtSyncBuildResult> {
  const { rel } = chtSyncNames(target)
  await installChtSyncModelTables(client, target)
  const queries = modelBatchQueries(target)
  const invocationId = randomUUID()

  // dbt-run.py keeps one row per selector: the stock deployment's selector is empty.
  await client.query(`DELETE FROM ${rel('_dataemon')} WHERE dbt_selector = ''`)
  await client.query(
    `INSERT INTO ${rel('_dataemon')} (packages, manifest, dbt_selector) VALUES ($1, $2, '')`,
    [
      JSON.stringify({ packages: [CHT_PIPELINE_PACKAGE] }),
      JSON.stringify(manifest(target, invocationId, queries)),
    ],
  )

  const models: ChtSyncModelRun[] = []
  for (const model of CHT_SYNC_MODEL_TABLES) {
    const startedAt = new Date()
    const t0 = performance.now()
    const query = queries[model.name]
    const rowsAffected = query ? await runModel(client, target, model, query) : 0
    models.push({
      model: model.name,
      startedAt,
      executionTime: (performance.now() - t0) / 1000,
      rowsAffected,
    })
  }

  await client.query(
    `INSERT INTO ${rel('dbt_results')}
       (result_id, invocation_id, unique_id, database_name, schema_name, name, resource_type,
        status, start_time, end_time, execution_time, rows_affected)
     SELECT $1 || '.' || r.unique_id, $1, r.unique_id, current_database(), $2, r.name, 'model',
            'success', r.start_time, r.start_time, r.execution_time, r.rows_affected
       FROM jsonb_to_recordset($3::jsonb)
         AS r(unique_id text, name text, start_time timestamp, execution_time float8,
              rows_affected int)`,
    [
      invocationId,
      target.schema,
      JSON.stringify(
        models.map((m) => ({
          unique_id: uniqueId(m.model),
          name: m.model,
          start_time: m.startedAt.toISOString().replace('Z', ''),
          execution_time: m.executionTime,
          rows_affected: m.rowsAffected,
        })),
      ),
    ],
  )
  await client.query(
    `DELETE FROM ${rel('dbt_results')} WHERE start_time < NOW() - INTERVAL '14 days'`,
  )
  return { invocationId, models }
}
