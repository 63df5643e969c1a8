import type { InventoryObjectKind } from '../../../../shared/results/inventory-result'

/**
 * What each cht-couch2pg release installs (reference 1.5: the couch2pg library's migrations, the
 * analytics migrations tracked in `xmlforms_migrations`, the users-meta migrations tracked in
 * `users_meta_migrations`), as names and shapes the inventory compares live objects with. Shapes
 * are column sets (order ignored), the relations a view reads and the values it filters on, where
 * the reference states them; nothing here comes from the demo.
 */

/** cht-couch2pg releases, oldest first (reference 0). */
export const COUCH2PG_RELEASES = ['3.1.0', '3.2.0', '3.3.0', '3.5.1', '3.6.0', '3.7.0'] as const
export type Couch2pgRelease = (typeof COUCH2PG_RELEASES)[number]

export interface KnownShape {
  /** The first release with this shape, and the first without it (null: still current). */
  since: Couch2pgRelease
  until: Couch2pgRelease | null
  columns: readonly string[]
}

export interface KnownObject {
  name: string
  kind: InventoryObjectKind
  /** Which migrations install it. */
  part: 'library' | 'analytics' | 'users-meta'
  since: Couch2pgRelease
  /** Column sets of each release; absent: columns are not compared (postgrator's tables). */
  shapes?: readonly KnownShape[]
  /** Relations it reads, where the reference says. */
  reads?: readonly string[]
  /** `doc` values it filters on, where the reference says. */
  filters?: Readonly<Record<string, readonly string[]>>
  /** Functions: language and number of arguments. */
  language?: string
  argCount?: number
  /** False for objects whose presence says nothing of the release (tracking tables). */
  tellsRelease?: boolean
}

const shape = (
  since: Couch2pgRelease,
  columns: string[],
  until: Couch2pgRelease | null = null,
) => ({
  since,
  until,
  columns,
})
const docTable = (
  name: string,
  part: KnownObject['part'],
  since: Couch2pgRelease,
): KnownObject => ({
  name,
  kind: 'table',
  part,
  since,
  shapes: [shape(since, ['doc'])],
})
const tracking = (name: string, part: KnownObject['part']): KnownObject => ({
  name,
  kind: 'table',
  part,
  since: '3.1.0',
  tellsRelease: false,
})
const PERSON_FIELDS = ['phone', 'phone2', 'date_of_birth', 'parent_type']
const METADATA = ['uuid', 'name', 'type', 'contact_uuid', 'parent_uuid', 'notes', 'reported']

export const KNOWN_OBJECTS: readonly KnownObject[] = [
  docTable('couchdb', 'library', '3.1.0'),
  {
    name: 'couchdb_progress',
    kind: 'table',
    part: 'library',
    since: '3.1.0',
    shapes: [shape('3.1.0', ['seq', 'source'])],
  },
  tracking('couch2pg_migrations', 'library'),
  {
    name: 'raw_contacts',
    kind: 'view',
    part: 'analytics',
    since: '3.1.0',
    shapes: [shape('3.1.0', ['doc'])],
    reads: ['couchdb'],
    filters: { type: ['clinic', 'contact', 'district_hospital', 'health_center', 'person'] },
  },
  {
    name: 'contactview_metadata',
    kind: 'materialized_view',
    part: 'analytics',
    since: '3.1.0',
    shapes: [shape('3.1.0', METADATA, '3.3.0'), shape('3.3.0', [...METADATA, 'contact_type'])],
  },
  {
    name: 'contactview_hospital',
    kind: 'view',
    part: 'analytics',
    since: '3.1.0',
    shapes: [shape('3.1.0', ['uuid', 'name'])],
    reads: ['contactview_metadata'],
  },
  {
    name: 'contactview_person_fields',
    kind: 'view',
    part: 'analytics',
    since: '3.1.0',
    shapes: [shape('3.1.0', ['uuid', ...PERSON_FIELDS])],
  },
  {
    name: 'contactview_chw',
    kind: 'view',
    part: 'analytics',
    since: '3.1.0',
    shapes: [shape('3.1.0', ['name', 'uuid', ...PERSON_FIELDS, 'area_uuid', 'branch_uuid'])],
  },
  {
    name: 'contactview_clinic',
    kind: 'view',
    part: 'analytics',
    since: '3.1.0',
    shapes: [shape('3.1.0', ['uuid', 'name', 'chw_uuid', 'created'])],
  },
  {
    name: 'contactview_clinic_person',
    kind: 'view',
    part: 'analytics',
    since: '3.1.0',
    shapes: [shape('3.1.0', ['uuid', 'name', 'type', 'family_uuid', ...PERSON_FIELDS])],
  },
  {
    name: 'form_metadata',
    kind: 'materialized_view',
    part: 'analytics',
    since: '3.1.0',
    shapes: [shape('3.1.0', ['uuid', 'chw', 'chw_area', 'formname', 'reported'])],
    reads: ['couchdb'],
    filters: { type: ['data_record'] },
  },
  {
    name: 'refresh_matviews',
    kind: 'function',
    part: 'analytics',
    since: '3.1.0',
    language: 'plpgsql',
    argCount: 0,
  },
  tracking('xmlforms_migrations', 'analytics'),
  docTable('couchdb_medic_logs', 'analytics', '3.6.0'),
  docTable('couchdb_medic_users', 'analytics', '3.6.0'),
  docTable('couchdb_users_meta', 'users-meta', '3.2.0'),
  tracking('users_meta_migrations', 'users-meta'),
  {
    name: 'useview_feedback',
    kind: 'materialized_view',
    part: 'users-meta',
    since: '3.3.0',
    shapes: [
      shape('3.3.0', ['uuid', 'source', 'url', 'user_name', 'period_start', 'cause', 'message']),
    ],
  },
  {
    name: 'useview_telemetry',
    kind: 'materialized_view',
    part: 'users-meta',
    since: '3.3.0',
    shapes: [
      shape('3.3.0', [
        'uuid',
        'period_start',
        'user_name',
        'app_version',
        'boot_time_min',
        'boot_time_max',
        'boot_time_count',
        'doc_count_on_local_db',
      ]),
    ],
  },
  {
    name: 'useview_telemetry_devices',
    kind: 'materialized_view',
    part: 'users-meta',
    since: '3.5.1',
    shapes: [
      shape('3.5.1', [
        'telemetry_doc_id',
        'device_id',
        'user_name',
        'period_start',
        'device_manufacturer',
        'device_model',
        'doc_count',
        'user_agent',
        'cht_android_version',
        'android_version',
        'storage_free',
        'storage_total',
        'network_up_speed',
        'network_down_speed',
      ]),
    ],
  },
  {
    name: 'useview_telemetry_metrics',
    kind: 'materialized_view',
    part: 'users-meta',
    since: '3.5.1',
    shapes: [
      shape('3.5.1', [
        'telemetry_doc_id',
        'metric',
        'period_start',
        'user_name',
        'device_id',
        'min',
        'max',
        'sum',
        'count',
        'sumsqr',
      ]),
    ],
  },
  { name: 'get_telemetry_date', kind: 'function', part: 'users-meta', since: '3.7.0', argCount: 4 },
]

/** An index couch2pg creates: on which relation, unique or not, and its key (normalized). */
export interface KnownIndex {
  on: string
  unique: boolean
  keys: readonly string[]
}

const idx = (on: string, unique: boolean, ...keys: string[]): KnownIndex => ({ on, unique, keys })

export const KNOWN_INDEXES: readonly KnownIndex[] = [
  idx('couchdb', true, "doc->>'_id'"),
  idx('couchdb', false, "doc->>'type'"),
  idx('couchdb_progress', true, 'source'),
  idx('contactview_metadata', true, 'uuid'),
  idx('contactview_metadata', false, 'contact_uuid'),
  idx('contactview_metadata', false, 'parent_uuid'),
  idx('contactview_metadata', false, 'type'),
  idx('form_metadata', true, 'uuid'),
  idx('form_metadata', false, 'chw'),
  idx('form_metadata', false, 'reported'),
  idx('form_metadata', false, 'formname'),
  idx('useview_feedback', true, 'uuid'),
  idx('useview_telemetry', true, 'uuid'),
  // The users-meta migrations also index both views on (period_start, user_name): unique in the
  // first release that had them, plain since the unique `uuid` index took over.
  idx('useview_feedback', false, 'period_start', 'user_name'),
  idx('useview_feedback', true, 'period_start', 'user_name'),
  idx('useview_telemetry', false, 'period_start', 'user_name'),
  idx('useview_telemetry', true, 'period_start', 'user_name'),
  idx('useview_telemetry_devices', true, 'device_id', 'user_name'),
  idx('useview_telemetry_metrics', true, 'telemetry_doc_id', 'metric'),
  idx('useview_telemetry_metrics', false, 'period_start'),
  idx('useview_telemetry_metrics', false, 'device_id'),
  idx('useview_telemetry_metrics', false, 'user_name'),
  // postgrator's tracking tables: `version` is the primary key.
  idx('couch2pg_migrations', true, 'version'),
  idx('xmlforms_migrations', true, 'version'),
  idx('users_meta_migrations', true, 'version'),
]

/**
 * An index key as `pg_get_indexdef(oid, n, true)` prints it, reduced to compare: lower case, no
 * spaces, no parentheses, no `::text` casts. `(doc ->> '_id'::text)` becomes `doc->>'_id'`.
 */
export function normalizeIndexKey(key: string): string {
  return key
    .toLowerCase()
    .replace(/::text/g, '')
    .replace(/[\s()]/g, '')
}

export const releaseIndex = (r: Couch2pgRelease): number => COUCH2PG_RELEASES.indexOf(r)
