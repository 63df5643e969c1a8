/**
 * cht-pipeline's models (v2.0.0, reference 3.2) with their columns and what they are built from:
 * what the inventory maps old objects onto, what the dbt scaffolds `ref()`, and what the Plan
 * step offers when a user picks base models.
 */

export interface PipelineModel {
  name: string
  /** `base` or `user` (the selector tag), or null for the models the base selector leaves out. */
  tag: 'base' | 'user' | null
  columns: readonly string[]
  /** The `doc.type` values its rows come from (empty: every document). */
  docTypes: readonly string[]
  /** What it holds, in the project's words. */
  summary: string
}

/** The contact document types `contact` reads (reference 3.2). */
export const CONTACT_DOC_TYPES = [
  'contact',
  'clinic',
  'district_hospital',
  'health_center',
  'person',
] as const

export const PIPELINE_MODELS: readonly PipelineModel[] = [
  {
    name: 'document_metadata',
    tag: 'base',
    columns: ['uuid', '_deleted', 'saved_timestamp', 'doc_type', 'instance', 'dbname'],
    docTypes: [],
    summary: 'One row per current document: id, type, CHT instance and database.',
  },
  {
    name: 'contact',
    tag: 'base',
    columns: [
      'uuid',
      'saved_timestamp',
      'reported',
      'parent_uuid',
      'name',
      'contact_type',
      'active',
      'notes',
      'muted',
    ],
    docTypes: CONTACT_DOC_TYPES,
    summary: 'People and places, with their parent and contact type.',
  },
  {
    name: 'contact_type',
    tag: 'base',
    columns: ['id', 'person', 'configured'],
    docTypes: [],
    summary: 'The contact types configured in the app settings or found in contacts.',
  },
  {
    name: 'person',
    tag: 'base',
    columns: ['uuid', 'saved_timestamp', 'sex', 'phone', 'phone2', 'patient_id'],
    docTypes: CONTACT_DOC_TYPES,
    summary: 'Contacts of a person type: sex, phones, patient id.',
  },
  {
    name: 'place',
    tag: 'base',
    columns: ['uuid', 'saved_timestamp', 'contact_id', 'place_id'],
    docTypes: CONTACT_DOC_TYPES,
    summary: 'Contacts of a place type, with their primary contact.',
  },
  {
    name: 'patient',
    tag: null,
    columns: ['uuid', 'saved_timestamp', 'patient_id'],
    docTypes: CONTACT_DOC_TYPES,
    summary: 'Persons with a patient id.',
  },
  {
    name: 'data_record',
    tag: 'base',
    columns: [
      'uuid',
      'saved_timestamp',
      'reported',
      'form',
      'from_phone',
      'patient_id',
      'place_id',
      'contact_uuid',
      'parent_uuid',
      'grandparent_uuid',
    ],
    docTypes: ['data_record'],
    summary: 'Reports: form, submitter and their parents, patient and place.',
  },
  {
    name: 'user',
    tag: 'user',
    columns: ['user_id', 'saved_timestamp', 'contact_uuid', 'language', 'roles'],
    docTypes: ['user-settings'],
    summary: 'User settings: the user’s contact, language and roles.',
  },
  {
    name: 'feedback',
    tag: 'user',
    columns: [
      'uuid',
      'saved_timestamp',
      'source',
      'url',
      'user_name',
      'period_start',
      'cause',
      'message',
    ],
    docTypes: ['feedback'],
    summary: 'Feedback documents from medic-users-meta.',
  },
  {
    name: 'telemetry',
    tag: 'user',
    columns: [
      'uuid',
      'saved_timestamp',
      'period_start',
      'user_name',
      'app_version',
      'boot_time_min',
      'boot_time_max',
      'boot_time_count',
      'doc_count_on_local_db',
    ],
    docTypes: ['telemetry'],
    summary: 'Telemetry documents from medic-users-meta, one row each.',
  },
  {
    name: 'telemetry_devices',
    tag: 'user',
    columns: [
      'uuid',
      'saved_timestamp',
      'period_start',
      'device_manufacturer',
      'device_model',
      'user_agent',
      'cht_android_version',
      'android_version',
      'storage_free',
      'storage_total',
      'network_up_speed',
      'network_down_speed',
    ],
    docTypes: ['telemetry'],
    summary: 'The device facts of each telemetry document.',
  },
]

/** cht-pipeline's model names, for checks that a `ref()` names a model that exists. */
export const PIPELINE_MODEL_NAMES: readonly string[] = PIPELINE_MODELS.map((m) => m.name)

/**
 * cht-pipeline's models that hold no CHT data (reference 3.2: `models/meta/dbt_results.sql`,
 * filled by the on-run-end hook): never a replacement for an old object, but a name a scaffold
 * model must not take and a table that is not a project's own.
 */
export const PIPELINE_META_MODEL_NAMES: readonly string[] = ['dbt_results']

/** The dbt source cht-pipeline declares for the raw table (`models/root/root.yml`). */
export const PIPELINE_SOURCE = { name: 'couchdb', tableEnv: 'POSTGRES_TABLE' } as const

/** The cht-pipeline release tag the scaffolds pin (CHT Sync 2 needs cht-pipeline 2). */
export const PIPELINE_RELEASE_TAG = 'v2.0.0'

/** cht-pipeline's git URL, for `packages.yml`. */
export const PIPELINE_GIT_URL = 'https://github.com/medic/cht-pipeline'

export const findPipelineModel = (name: string): PipelineModel | undefined =>
  PIPELINE_MODELS.find((m) => m.name === name)
