import { createHash } from 'node:crypto'
import { chtSyncNames, CHT_SYNC_DEFAULT_TARGET, type ChtSyncTarget } from './cht-sync-tables'
import { runInTransaction, type SqlClient } from './types'

/** One column as PostgreSQL's `format_type` prints its type. */
export interface ChtSyncModelColumn {
  name: string
  type: string
}

/** One cht-pipeline v2.0.0 base model table (reference 3.2). */
export interface ChtSyncModelTable {
  name: string
  /** In the model contract's order, which is the table's column order. */
  columns: ChtSyncModelColumn[]
  /** dbt's `unique_key`. */
  key: string
  /** The contract's `unique` constraint on the key. */
  unique: boolean
  /** The contract's foreign key on the key, `ON DELETE CASCADE`: how deletes reach the model. */
  references: 'document_metadata' | 'contact' | null
  indexes: { columns: string[]; method: 'btree' | 'hash' }[]
  tags: string[]
}

const TEXT = 'text'
const TS = 'timestamp without time zone'
const TSTZ = 'timestamp with time zone'

const cols = (spec: string) =>
  spec.split(/\s*,\s*/).map((c) => {
    const [name, type] = c.split(':')
    const types: Record<string, string> = { ts: TS, tstz: TSTZ, bool: 'boolean' }
    return { name: name as string, type: type ? (types[type] ?? type) : TEXT }
  })

const idx = (...specs: string[]) =>
  specs.map((s) => {
    const [columns, method] = s.split(':')
    return {
      columns: (columns as string).split('+'),
      method: method === 'hash' ? 'hash' : 'btree',
    } as const
  })

/**
 * The base model tables of cht-pipeline v2.0.0 with their contract columns and types (dbt
 * `string` is `text`, `timestamp` is without time zone), keys, cascading foreign keys and indexes.
 * `dbt_results` has no contract: its types are what dbt's `CREATE TABLE AS` of its empty select
 * gives.
 */
export const CHT_SYNC_MODEL_TABLES: readonly ChtSyncModelTable[] = [
  {
    name: 'document_metadata',
    columns: cols('uuid, saved_timestamp:ts, _deleted:bool, doc_type, instance, dbname'),
    key: 'uuid',
    unique: true,
    references: null,
    indexes: idx('uuid:hash', 'saved_timestamp', 'doc_type', '_deleted', 'instance', 'dbname'),
    tags: ['base'],
  },
  {
    name: 'contact',
    columns: cols(
      'uuid, saved_timestamp:ts, reported:tstz, parent_uuid, name, contact_type, active, notes, muted',
    ),
    key: 'uuid',
    unique: true,
    references: 'document_metadata',
    indexes: idx('uuid:hash', 'saved_timestamp', 'reported', 'parent_uuid', 'contact_type'),
    tags: ['base'],
  },
  {
    name: 'contact_type',
    columns: cols('id, person:bool, configured:bool'),
    key: 'id',
    unique: false,
    references: null,
    indexes: [],
    tags: ['base'],
  },
  {
    name: 'person',
    columns: cols('uuid, saved_timestamp:ts, sex, patient_id, phone, phone2'),
    key: 'uuid',
    unique: false,
    references: 'contact',
    indexes: idx('uuid:hash', 'saved_timestamp'),
    tags: ['base'],
  },
  {
    name: 'place',
    columns: cols('uuid, saved_timestamp:ts, place_id, contact_id'),
    key: 'uuid',
    unique: false,
    references: 'contact',
    indexes: idx('uuid:hash', 'saved_timestamp', 'place_id'),
    tags: ['base'],
  },
  {
    name: 'patient',
    columns: cols('uuid, saved_timestamp:ts, patient_id'),
    key: 'uuid',
    unique: false,
    references: 'contact',
    indexes: idx('uuid:hash', 'saved_timestamp', 'patient_id:hash'),
    tags: [],
  },
  {
    name: 'data_record',
    columns: cols(
      'uuid, saved_timestamp:ts, reported:tstz, form, from_phone, patient_id, place_id, ' +
        'contact_uuid, parent_uuid, grandparent_uuid',
    ),
    key: 'uuid',
    unique: true,
    references: 'document_metadata',
    indexes: idx(
      'uuid:hash',
      'saved_timestamp',
      'reported',
      'from_phone',
      'form',
      'patient_id',
      'contact_uuid',
      'parent_uuid',
      'grandparent_uuid',
    ),
    tags: ['base'],
  },
  {
    name: 'user',
    columns: cols('user_id, saved_timestamp:ts, contact_uuid, language, roles'),
    key: 'user_id',
    unique: true,
    references: 'document_metadata',
    indexes: idx('user_id:hash', 'saved_timestamp'),
    tags: ['user'],
  },
  {
    name: 'feedback',
    columns: cols('uuid, saved_timestamp:ts, source, url, user_name, period_start, cause, message'),
    key: 'uuid',
    unique: true,
    references: 'document_metadata',
    indexes: idx('uuid:hash', 'saved_timestamp', 'period_start', 'user_name'),
    tags: ['user'],
  },
  {
    name: 'telemetry',
    columns: cols(
      'uuid, saved_timestamp:ts, period_start:tstz, user_name, app_version, boot_time_min, ' +
        'boot_time_max, boot_time_count, doc_count_on_local_db',
    ),
    key: 'uuid',
    unique: true,
    references: 'document_metadata',
    indexes: idx('uuid:hash', 'saved_timestamp', 'period_start', 'user_name', 'app_version'),
    tags: ['user'],
  },
  {
    name: 'telemetry_devices',
    columns: cols(
      'uuid, saved_timestamp:ts, period_start:tstz, device_manufacturer, device_model, ' +
        'user_agent, cht_android_version, android_version, storage_free, storage_total, ' +
        'network_up_speed, network_down_speed',
    ),
    key: 'uuid',
    unique: true,
    references: 'document_metadata',
    indexes: idx('uuid:hash', 'saved_timestamp', 'period_start', 'android_version'),
    tags: ['user'],
  },
  {
    name: 'dbt_results',
    columns: cols(
      'result_id, invocation_id, unique_id, database_name, schema_name, name, resource_type, ' +
        'status, start_time:ts, end_time:ts, execution_time:double precision, rows_affected:integer',
    ),
    key: 'result_id',
    unique: false,
    references: null,
    indexes: [],
    tags: [],
  },
]

/**
 * The index name dbt-postgres would give: an md5 hex digest. dbt hashes the current time in too,
 * so real names change with every build; the demo's are stable per schema, table and columns.
 */
export function modelIndexName(schema: string, table: string, columns: string[], method: string) {
  return createHash('md5')
    .update(`${columns.join('_')}_${schema}.${table}_False_${method}`)
    .digest('hex')
}

/** The `CREATE TABLE` of a model, with its contract constraints as dbt writes them. */
export function modelTableSql(target: ChtSyncTarget, model: ChtSyncModelTable): string {
  const { rel } = chtSyncNames(target)
  const columns = model.columns.map((c) => {
    const constraints: string[] = []
    if (c.name === model.key && model.unique) constraints.push('UNIQUE')
    if (c.name === model.key && model.references) {
      constraints.push(`REFERENCES ${rel(model.references)} (uuid) ON DELETE CASCADE`)
    }
    // Column names are plain lower-case words, none of them reserved: no quoting needed.
    return `  ${c.name} ${c.type}${constraints.map((k) => ` ${k}`).join('')}`
  })
  return `CREATE TABLE IF NOT EXISTS ${rel(model.name)} (\n${columns.join(',\n')}\n)`
}

/** The `CREATE INDEX` statements of a model (dbt creates them after the table's first build). */
export function modelIndexesSql(target: ChtSyncTarget, model: ChtSyncModelTable): string[] {
  const { rel } = chtSyncNames(target)
  return model.indexes.map(({ columns, method }) => {
    const name = modelIndexName(target.schema, model.name, columns, method)
    return `CREATE INDEX IF NOT EXISTS "${name}" ON ${rel(model.name)} USING ${method} (${columns.join(', ')})`
  })
}

/**
 * Creates the cht-pipeline base model tables, empty, with their keys and cascading foreign keys
 * but without their secondary indexes: what the first dbt run creates before filling them.
 * `buildChtSyncModels` calls it; call it alone for a deployment whose dbt never got further.
 * Idempotent.
 */
export async function installChtSyncModelTables(
  client: SqlClient,
  target: ChtSyncTarget = CHT_SYNC_DEFAULT_TARGET,
): Promise<void> {
  await runInTransaction(
    client,
    CHT_SYNC_MODEL_TABLES.map((m) => modelTableSql(target, m)),
  )
}
