import type {
  ComplexityBand,
  InventoryObjectKind,
} from '../../../../shared/results/inventory-result'

/**
 * What each of cht-couch2pg's own objects becomes under CHT Sync and cht-pipeline (reference 1.5
 * and 7). These are not translated: CHT Sync or a base model replaces them, or they have nothing
 * to migrate; the text says which.
 */
export interface KnownMapping {
  kinds: readonly InventoryObjectKind[]
  /** cht-pipeline base models that replace it (only names of `PIPELINE_MODELS`). */
  models: readonly string[]
  leftover: string | null
  complexity: ComplexityBand
  reason: string
  /** A raw table: objects reading it get base models from their filters, not from it. */
  raw?: true
}

const RAW_TABLE =
  "CHT Sync's raw table (`v1.couchdb` by default, with `_id`, `saved_timestamp`, `_deleted`, `source` and `doc`)"
const REPLACED = "couch2pg's own object: CHT Sync or cht-pipeline replaces it."
const NOTHING = "couch2pg's own object, with nothing to migrate."

const raw = (database: string, condition: string): KnownMapping => ({
  kinds: ['table'],
  models: ['document_metadata'],
  leftover: `${RAW_TABLE} holds its documents: the rows whose \`source\` ends in \`/${database}\`${condition}; nothing to migrate.`,
  complexity: 'simple',
  reason: REPLACED,
  raw: true,
})

const replaced = (
  kinds: readonly InventoryObjectKind[],
  models: readonly string[],
  leftover: string | null = null,
): KnownMapping => ({ kinds, models, leftover, complexity: 'simple', reason: REPLACED })

const nothing = (kinds: readonly InventoryObjectKind[], leftover: string): KnownMapping => ({
  kinds,
  models: [],
  leftover,
  complexity: 'simple',
  reason: NOTHING,
})

const MATVIEW = ['materialized_view'] as const
const VIEW = ['view'] as const
const POSTGRATOR = 'postgrator’s record of couch2pg’s migrations: nothing to migrate.'
const HIERARCHY =
  'No direct equivalent (it hard-codes the pre-3.7 contact types): build it with `cht_contact_model` per configured contact type.'

/** couch2pg's objects by name, and the kinds an object of that name must have to be one. */
export const COUCH2PG_MAPPINGS: Readonly<Record<string, KnownMapping>> = {
  couchdb: raw('medic', ' or `/medic-sentinel`'),
  couchdb_users_meta: raw('medic-users-meta', ', when `COUCHDB_DBS` lists it'),
  couchdb_medic_logs: raw('medic-logs', ', when `COUCHDB_DBS` lists it'),
  couchdb_medic_users: raw('_users', ', when `COUCHDB_DBS` lists it'),
  couchdb_progress: nothing(
    ['table'],
    'CHT Sync keeps its own progress in `couchdb_progress` (`seq`, `pending`, `updated_at`, `source`) in its schema: nothing to migrate.',
  ),
  couch2pg_migrations: nothing(['table'], POSTGRATOR),
  xmlforms_migrations: nothing(['table'], POSTGRATOR),
  users_meta_migrations: nothing(['table'], POSTGRATOR),
  raw_contacts: replaced(VIEW, ['contact']),
  contactview_metadata: replaced(
    MATVIEW,
    ['contact'],
    'Its `contact_uuid` (`doc.contact._id`) has no base-model column, and its `type` and `contact_type` are one column (`contact_type`) in `contact`.',
  ),
  contactview_hospital: replaced(VIEW, ['contact'], HIERARCHY),
  contactview_clinic: replaced(VIEW, ['contact'], HIERARCHY),
  contactview_person_fields: replaced(
    VIEW,
    ['contact', 'person'],
    '`date_of_birth` is no longer in `person` (removed in cht-pipeline 1.3.0); `parent_type` needs a join to the parent contact.',
  ),
  contactview_chw: replaced(VIEW, ['contact', 'person'], HIERARCHY),
  contactview_clinic_person: replaced(VIEW, ['contact', 'person', 'place'], HIERARCHY),
  form_metadata: replaced(MATVIEW, ['data_record']),
  useview_feedback: replaced(MATVIEW, ['feedback']),
  useview_telemetry: replaced(MATVIEW, ['telemetry']),
  useview_telemetry_devices: replaced(
    MATVIEW,
    ['telemetry_devices'],
    '`telemetry_devices` has one row per telemetry document, where this view had one per device and user; `device_id` and `doc_count` have no column.',
  ),
  useview_telemetry_metrics: {
    kinds: MATVIEW,
    models: [],
    leftover:
      'No base model holds telemetry metrics (one row per document and metric): build a custom model.',
    complexity: 'medium',
    reason: 'No base model replaces it: a custom model must be built.',
  },
  get_telemetry_date: nothing(
    ['function'],
    "Only couch2pg's telemetry views call it; cht-pipeline's `telemetry` works out `period_start` itself: nothing to migrate.",
  ),
  refresh_matviews: nothing(
    ['function'],
    'Nothing to migrate: dbt rebuilds the models on every run (`DATAEMON_INTERVAL`); custom materialized views become dbt models.',
  ),
}

/** couch2pg's mapping of an object, when its name and kind are one of couch2pg's own. */
export function knownMapping(object: {
  name: string
  kind: InventoryObjectKind
}): KnownMapping | null {
  if (!Object.hasOwn(COUCH2PG_MAPPINGS, object.name)) return null
  const known = COUCH2PG_MAPPINGS[object.name]
  return known?.kinds.includes(object.kind) ? known : null
}

/** The names of couch2pg's raw document tables. */
export const RAW_TABLE_NAMES: ReadonlySet<string> = new Set(
  Object.entries(COUCH2PG_MAPPINGS)
    .filter(([, m]) => m.raw)
    .map(([name]) => name),
)
