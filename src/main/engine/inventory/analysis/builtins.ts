/**
 * What the analysis leaves out of `references`: PostgreSQL's own schemas and the built-in
 * functions analytics SQL calls most. The list is deliberately short: the inventory resolves
 * every other name against the database's own objects, so a built-in missed here only costs a
 * lookup that finds nothing.
 */

/** Names separated by white space (the lists below stay compact). */
const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '')

/** Schemas of the system catalogue: anything qualified with one of them is PostgreSQL's own. */
export const SYSTEM_SCHEMAS: ReadonlySet<string> = new Set(['pg_catalog', 'information_schema'])

const AGGREGATE_AND_WINDOW = words(`
  array_agg avg bit_and bit_or bool_and bool_or count cume_dist dense_rank every
  first_value json_agg json_object_agg jsonb_agg jsonb_object_agg lag last_value lead max
  min mode nth_value ntile percent_rank percentile_cont percentile_disc rank row_number
  stddev stddev_pop stddev_samp string_agg sum var_pop var_samp variance
`)

const TEXT = words(`
  ascii btrim char_length character_length chr concat concat_ws decode encode format
  initcap left length lower lpad ltrim md5 octet_length overlay position quote_ident
  quote_literal quote_nullable regexp_count regexp_like regexp_match regexp_matches
  regexp_replace regexp_split_to_array regexp_split_to_table repeat replace reverse right
  rpad rtrim split_part starts_with string_to_array string_to_table strpos substr
  substring to_char to_hex to_number translate trim upper
`)

const DATE_TIME = words(`
  age clock_timestamp date_bin date_part date_trunc extract isfinite justify_days
  justify_hours justify_interval make_date make_interval make_time make_timestamp
  make_timestamptz now statement_timestamp timeofday timezone to_date to_timestamp
  transaction_timestamp
`)

const NUMERIC = words(`
  abs cbrt ceil ceiling div exp floor generate_series ln log mod power random round sign
  sqrt trunc width_bucket
`)

const JSON_FUNCTIONS = words(`
  array_to_json json_array_elements json_array_elements_text json_array_length
  json_build_array json_build_object json_each json_each_text json_extract_path
  json_extract_path_text json_object_keys json_populate_record json_strip_nulls
  json_to_record json_to_recordset json_typeof jsonb_array_elements
  jsonb_array_elements_text jsonb_array_length jsonb_build_array jsonb_build_object
  jsonb_each jsonb_each_text jsonb_exists jsonb_extract_path jsonb_extract_path_text
  jsonb_insert jsonb_object_keys jsonb_path_exists jsonb_path_match jsonb_path_query
  jsonb_path_query_array jsonb_path_query_first jsonb_populate_record
  jsonb_populate_recordset jsonb_pretty jsonb_set jsonb_strip_nulls jsonb_to_record
  jsonb_to_recordset jsonb_typeof row_to_json to_json to_jsonb
`)

const ARRAYS_AND_OTHERS = words(`
  array_append array_cat array_length array_lower array_position array_positions
  array_prepend array_remove array_replace array_to_string array_upper cardinality unnest
  current_setting gen_random_uuid num_nonnulls num_nulls pg_typeof set_config nextval
  currval setval lastval
`)

/** Built-in functions by unqualified name. */
export const BUILTIN_FUNCTIONS: ReadonlySet<string> = new Set([
  ...AGGREGATE_AND_WINDOW,
  ...TEXT,
  ...DATE_TIME,
  ...NUMERIC,
  ...JSON_FUNCTIONS,
  ...ARRAYS_AND_OTHERS,
])

/** Whether a relation named `schema.name` (schema null when unqualified) is the catalogue's. */
export function isSystemRelation(schema: string | null): boolean {
  return schema !== null && SYSTEM_SCHEMAS.has(schema)
}

/** Whether a called function (its name parts as written) is a PostgreSQL built-in. */
export function isBuiltinFunction(parts: readonly string[]): boolean {
  if (parts.length > 1) return SYSTEM_SCHEMAS.has(parts[parts.length - 2] as string)
  return BUILTIN_FUNCTIONS.has(parts[0] ?? '')
}
