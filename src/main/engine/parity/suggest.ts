import type pg from 'pg'
import type { MetricDefinition, ModelDefinition } from '../../../shared/parity-definitions'
import { findRelations, relationIn, type Relation } from '../db/catalog'
import { qualified } from '../db/identifiers'
import { readTransaction, SESSION_PROFILES, type ReadTx } from '../db/read-transaction'
import { metricStarters, type ReportedType, type StarterContext } from './metric-starters'

/**
 * Suggested comparisons for the Parity step, from what the two databases hold: the replica
 * dashboard's starter tiles (`metricStarters`) and the model pairs whose old object and new model
 * both exist (`form_metadata → data_record`, `contactview_metadata → contact`). Reads the
 * catalogs and, to find a delivery form, a bounded list of form codes: nothing else, read-only.
 */

/** What `parity.suggest` answers: definitions ready for the `parity.set*` intents. */
export interface ParitySuggestions {
  metrics: MetricDefinition[]
  models: ModelDefinition[]
}

/** Where each side keeps its tables: couch2pg's schema is unknown, CHT Sync's is configured. */
export interface SuggestSides {
  pools: { old: pg.Pool; new: pg.Pool }
  /** CHT Sync's schema and raw table (`POSTGRES_SCHEMA`, `POSTGRES_TABLE`). */
  chtSync: { schema: string; table: string }
}

/** How many distinct form codes are read to look for a delivery form. */
export const FORM_SAMPLE_LIMIT = 200

const OLD_NAMES = ['couchdb', 'form_metadata', 'contactview_metadata'] as const
const NEW_NAMES = ['data_record', 'contact'] as const

/** The form code of deliveries among `forms`: `delivery` itself, else one that names it. */
export function deliveryFormOf(forms: readonly string[]): string | null {
  if (forms.includes('delivery')) return 'delivery'
  return [...forms].sort().find((f) => /deliver/i.test(f)) ?? null
}

async function reportedType(tx: ReadTx, relation: Relation): Promise<ReportedType | null> {
  if (!relation.columns.includes('reported')) return null
  const { rows } = await tx.query<{ type: string | null }>(
    `SELECT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
      WHERE a.attrelid = to_regclass($1) AND a.attname = 'reported' AND NOT a.attisdropped`,
    [qualified(relation.schema, relation.name)],
  )
  const type = rows[0]?.type ?? ''
  if (type.startsWith('timestamp with time zone')) return 'timestamptz'
  if (type.startsWith('timestamp')) return 'timestamp'
  return null
}

/** couch2pg's side: the schema of its `couchdb` table (else `public`) and its analytics views. */
async function readOld(tx: ReadTx): Promise<StarterContext['old'] & { relations: Relation[] }> {
  const found = await findRelations(tx, OLD_NAMES, null)
  const schema = found.find((r) => r.name === 'couchdb')?.schema ?? 'public'
  const relations = found.filter((r) => r.schema === schema && r.canSelect)
  const typed = async (name: string) => {
    const relation = relationIn(relations, schema, name)
    if (!relation) return null
    const reported = await reportedType(tx, relation)
    return reported === null ? null : { reported }
  }
  return {
    schema,
    formMetadata: await typed('form_metadata'),
    contactviewMetadata: await typed('contactview_metadata'),
    relations,
  }
}

async function readNew(
  tx: ReadTx,
  chtSync: SuggestSides['chtSync'],
): Promise<{ relations: Relation[]; forms: string[] }> {
  const relations = (await findRelations(tx, [...NEW_NAMES, chtSync.table], chtSync.schema)).filter(
    (r) => r.canSelect,
  )
  const dataRecord = relationIn(relations, chtSync.schema, 'data_record')
  const raw = relationIn(relations, chtSync.schema, chtSync.table)
  const formsSql = dataRecord?.columns.includes('form')
    ? `SELECT DISTINCT form::text AS form FROM ${qualified(chtSync.schema, 'data_record')}
        WHERE form IS NOT NULL LIMIT ${FORM_SAMPLE_LIMIT}`
    : raw
      ? `SELECT DISTINCT doc->>'form' AS form FROM ${qualified(chtSync.schema, chtSync.table)}
          WHERE doc->>'type' = 'data_record' AND doc->>'form' IS NOT NULL
          LIMIT ${FORM_SAMPLE_LIMIT}`
      : null
  const forms = formsSql ? (await tx.query<{ form: string }>(formsSql)).rows.map((r) => r.form) : []
  return { relations, forms }
}

/** The mapped pairs whose columns both sides have. */
function mapped(
  old: Relation,
  neu: Relation,
  pairs: readonly (readonly [string, string])[],
): ModelDefinition['columns'] {
  return pairs
    .filter(([o, n]) => old.columns.includes(o) && neu.columns.includes(n))
    .map(([o, n]) =>
      // cht-pipeline drops the milliseconds of `reported`: equal to the second.
      o === 'reported' ? { old: o, new: n, tolerance: { unit: 'second' } } : { old: o, new: n },
    )
}

function modelPair(
  id: string,
  old: Relation | undefined,
  neu: Relation | undefined,
  pairs: readonly (readonly [string, string])[],
): ModelDefinition | null {
  if (!old || !neu || !old.columns.includes('uuid') || !neu.columns.includes('uuid')) return null
  return {
    id,
    title: `${old.name} → ${neu.name}`,
    old: { kind: 'relation', schema: old.schema, name: old.name },
    new: { kind: 'relation', schema: neu.schema, name: neu.name },
    keys: [{ old: 'uuid', new: 'uuid' }],
    columns: mapped(old, neu, pairs),
    nullEqualsNull: true,
  }
}

/**
 * Reads both catalogs (each in one read-only transaction with the probe's timeout, at the same
 * time) and answers the comparisons worth setting up for this pair of databases.
 */
export async function suggestComparisons(
  sides: SuggestSides,
  signal?: AbortSignal,
): Promise<ParitySuggestions> {
  const read = { statementTimeoutMs: SESSION_PROFILES.probe.statementTimeoutMs, signal }
  const [old, neu] = await Promise.all([
    readTransaction(sides.pools.old, read, readOld),
    readTransaction(sides.pools.new, read, (tx) => readNew(tx, sides.chtSync)),
  ])
  const { schema, table } = sides.chtSync
  const inNew = (name: string) => relationIn(neu.relations, schema, name)
  const metrics = metricStarters({
    old: {
      schema: old.schema,
      formMetadata: old.formMetadata,
      contactviewMetadata: old.contactviewMetadata,
    },
    new: { schema, table, dataRecord: !!inNew('data_record'), contact: !!inNew('contact') },
    deliveryForm: deliveryFormOf(neu.forms),
  })
  const models = [
    modelPair(
      'form-metadata',
      old.formMetadata ? relationIn(old.relations, old.schema, 'form_metadata') : undefined,
      inNew('data_record'),
      [
        ['formname', 'form'],
        ['chw', 'contact_uuid'],
        ['chw_area', 'parent_uuid'],
        ['reported', 'reported'],
      ],
    ),
    modelPair(
      'contactview-metadata',
      relationIn(old.relations, old.schema, 'contactview_metadata'),
      inNew('contact'),
      [
        ['name', 'name'],
        ['parent_uuid', 'parent_uuid'],
        ['reported', 'reported'],
      ],
    ),
  ].filter((m): m is ModelDefinition => m !== null)
  return { metrics, models }
}
