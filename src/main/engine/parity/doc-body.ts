import type pg from 'pg'
import type { PostgresProfile } from '../../../shared/project-schema'
import { isAppError } from '../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import { sourceDatabase } from '../../../shared/results/progress-source'
import { classifyError, type ClassifyContext } from '../connections/classify'
import { passwordFor, projectSecrets } from '../connections/credentials'
import { findRelations, relationIn } from '../db/catalog'
import { DbTimeoutError } from '../db/errors'
import { qualified } from '../db/identifiers'
import { readTransaction, SESSION_PROFILES, type ReadOptions } from '../db/read-transaction'
import type { Engine } from '../engine'
import { openCouchSource, type CouchSource } from './couch-client'
import { bodyText } from './doc-body-text'
import { couch2pgTableOf } from './doc-scope'
import { COUCH2PG_TABLES } from './pg-relations'

/**
 * One document as each of the three places holds it, for the person looking at a difference the
 * document parity found: CouchDB's winning revision, couch2pg's row and CHT Sync's row, each read
 * read-only, bounded, and each failing on its own (a side that cannot be read says why; the
 * others are still shown).
 */

/** What one place holds for the id. */
export interface DocumentBody {
  /** The place has the id (CouchDB: live or as a deletion stub). */
  found: boolean
  /** The document as JSON, pretty-printed when whole; at most `TEXT_LIMITS.block` characters. */
  body: string | null
  /** The body was cut at `TEXT_LIMITS.block` characters. */
  truncated: boolean
  /** Why this place could not be read (connection, permission, timeout…). */
  error: string | null
  /** Something worth knowing about what was found (a deletion stub, a second row…). */
  note: string | null
}

export interface DocumentBodies {
  couchdb: DocumentBody
  couch2pg: DocumentBody
  chtSync: DocumentBody
}

/** The largest CouchDB answer read for one document (attachments are never inlined). */
export const DOC_BODY_MAX_BYTES = 1024 * 1024
/** A CouchDB read of one document is abandoned after this long. */
export const DOC_BODY_TIMEOUT_MS = 30_000

const notFound = (note: string | null = null): DocumentBody => ({
  found: false,
  body: null,
  truncated: false,
  error: null,
  note,
})

/**
 * A place that could not be read, in words a person can act on: the engine's own errors as they
 * are, a driver's failure classified as "Test connection" classifies it (with its hint).
 */
function failed(error: unknown, where?: ClassifyContext): DocumentBody {
  let message: string
  if (typeof error === 'string') message = error
  else if (isAppError(error) || error instanceof DbTimeoutError || !where) {
    message = error instanceof Error ? error.message : String(error)
  } else {
    const classified = classifyError(error, where)
    message = `${classified.message} ${classified.hint}`
  }
  return {
    found: false,
    body: null,
    truncated: false,
    error: clipText(message, TEXT_LIMITS.line),
    note: null,
  }
}

/** Where a pool goes, for classifying its failures. */
const poolContext = (pool: pg.Pool, endpoint: 'couch2pg' | 'chtSync'): ClassifyContext => ({
  endpoint,
  host: String(pool.options.host ?? 'localhost'),
  port: typeof pool.options.port === 'number' ? pool.options.port : null,
  timeoutMs: SESSION_PROFILES.probe.statementTimeoutMs,
})

interface AllDocsRow {
  key?: unknown
  error?: unknown
  value?: { rev?: unknown; deleted?: unknown }
  doc?: unknown
}

/**
 * CouchDB's winning revision of `id`, through `_all_docs` with the id as its one key: the id
 * travels in the JSON body (no path encoding to get wrong for `_design/…` or `a/b`), and a
 * deleted document is told from one never written (`value.deleted`), which a `GET` answers with
 * the same 404.
 */
export async function readCouchBody(
  couch: CouchSource,
  database: string,
  id: string,
): Promise<DocumentBody> {
  try {
    const answer = await couch.read({
      db: database,
      path: '_all_docs',
      method: 'POST',
      qs: { include_docs: true, conflicts: true },
      body: { keys: [id] },
      maxBytes: DOC_BODY_MAX_BYTES,
    })
    const rows = Array.isArray(answer.rows) ? (answer.rows as AllDocsRow[]) : []
    const row = rows[0]
    if (!row || row.error !== undefined || !row.value) return notFound()
    const rev = typeof row.value.rev === 'string' ? row.value.rev : null
    if (row.value.deleted === true || row.doc === null || row.doc === undefined) {
      const stub = { _id: id, _rev: rev, _deleted: true }
      return {
        found: true,
        ...bodyText(JSON.stringify(stub)),
        error: null,
        note: `CouchDB holds only a deletion stub for this id${rev ? ` (revision ${rev})` : ''}.`,
      }
    }
    return { found: true, ...bodyText(JSON.stringify(row.doc)), error: null, note: null }
  } catch (e) {
    if (isAppError(e) && e.details?.kind === 'not_couchdb') {
      return failed(
        `CouchDB’s answer for this document was not read: longer than ${DOC_BODY_MAX_BYTES / (1024 * 1024)} MB, or not CouchDB’s JSON.`,
      )
    }
    return failed(e)
  }
}

interface BodyRow {
  body: string | null
  cut: boolean
  source?: string | null
  deleted?: boolean | null
}

/** Rows read per id: one is expected, a second is worth saying, more add nothing. */
const ROWS_READ = 3

/** The columns every body query selects: the text, cut in the database past the bound. */
const BODY_COLUMNS = `left(doc::text, ${TEXT_LIMITS.block}) AS body,
  length(doc::text) > ${TEXT_LIMITS.block} AS cut`

function fromRows(rows: BodyRow[], where: string, extra: string[] = []): DocumentBody {
  const first = rows[0]
  if (!first) return notFound()
  const notes = [...extra]
  if (rows.length > 1)
    notes.push(`${where} holds this id in more than one row; the first is shown.`)
  if (first.deleted === true) notes.push(`${where} marks this row deleted (_deleted).`)
  const shown =
    first.body === null ? { body: null, truncated: false } : bodyText(first.body, first.cut)
  return { found: true, ...shown, error: null, note: notes.length > 0 ? notes.join(' ') : null }
}

/**
 * couch2pg's row of `id`: in the table the database lands in (`couchdb` for `medic` and
 * `medic-sentinel`), in the schema holding couch2pg's main table.
 */
export async function readCouch2pgBody(
  pool: pg.Pool,
  database: string,
  id: string,
  options: ReadOptions = SESSION_PROFILES.probe,
): Promise<DocumentBody> {
  try {
    return await readTransaction(pool, options, async (tx) => {
      const found = await findRelations(tx, [...COUCH2PG_TABLES], null)
      const main = found.find((r) => r.name === 'couchdb' && r.canSelect)
      const schema = main?.schema ?? found.find((r) => r.canSelect)?.schema ?? 'public'
      const table = couch2pgTableOf(database)
      const relation = relationIn(found, schema, table)
      if (!relation)
        return notFound(`couch2pg has no table ${schema}.${table}: it does not copy ${database}.`)
      if (!relation.canSelect) {
        return failed(
          `This user may not read couch2pg’s ${schema}.${table} (SELECT is not granted).`,
        )
      }
      const { rows } = await tx.query<BodyRow>(
        `SELECT ${BODY_COLUMNS} FROM ${qualified(schema, table)}
          WHERE doc->>'_id' = $1 LIMIT ${ROWS_READ}`,
        [id],
      )
      return fromRows(rows, 'couch2pg')
    })
  } catch (e) {
    return failed(e, poolContext(pool, 'couch2pg'))
  }
}

/** CHT Sync's row of `id` in its raw table, saying so when the row came from another database. */
export async function readChtSyncBody(
  pool: pg.Pool,
  raw: { schema: string; table: string },
  database: string,
  id: string,
  options: ReadOptions = SESSION_PROFILES.probe,
): Promise<DocumentBody> {
  try {
    return await readTransaction(pool, options, async (tx) => {
      const found = await findRelations(tx, [raw.table], raw.schema)
      const relation = relationIn(found, raw.schema, raw.table)
      if (!relation?.canSelect || !relation.columns.includes('_id')) {
        return failed(
          relation
            ? `CHT Sync’s ${raw.schema}.${raw.table} cannot be read as a raw table (it needs SELECT and the column _id).`
            : `The CHT Sync database has no table ${raw.schema}.${raw.table}.`,
        )
      }
      const has = (c: string) => relation.columns.includes(c)
      const { rows } = await tx.query<BodyRow>(
        `SELECT ${BODY_COLUMNS}
              ${has('source') ? ', source::text AS source' : ''}
              ${has('_deleted') ? ', _deleted AS deleted' : ''}
           FROM ${qualified(raw.schema, raw.table)} WHERE _id = $1 LIMIT ${ROWS_READ}`,
        [id],
      )
      // Several databases share the table: the row of the one asked for comes first.
      const fromDb = (r: BodyRow) => (r.source ? sourceDatabase(r.source) : null)
      rows.sort((a, b) => Number(fromDb(b) === database) - Number(fromDb(a) === database))
      const other = rows[0] ? fromDb(rows[0]) : null
      const extra =
        other !== null && other !== database
          ? [`This row came from ${clipText(other, TEXT_LIMITS.short)}, not ${database}.`]
          : []
      return fromRows(rows, 'CHT Sync', extra)
    })
  } catch (e) {
    return failed(e, poolContext(pool, 'chtSync'))
  }
}

/** Runs one place's read; a connection not set or a failure to open it is that place's error. */
async function place<P>(
  name: string,
  profile: P | null | undefined,
  read: (profile: P) => Promise<DocumentBody>,
): Promise<DocumentBody> {
  if (!profile) return failed(`No ${name} connection is set (Connections page).`)
  try {
    return await read(profile)
  } catch (e) {
    return failed(e)
  }
}

/**
 * The `parity.document` operation: `id` of CouchDB's `database` as CouchDB, couch2pg and CHT Sync
 * hold it, read at once from the project's connections (passwords from the secret store). Never
 * throws for one place: a connection not set, refused or timed out becomes that place's `error`.
 */
export async function readDocumentBodies(
  engine: Engine,
  input: { database: string; id: string },
  signal?: AbortSignal,
): Promise<DocumentBodies> {
  const connections = engine.project.state?.document.connections
  const { database, id } = input
  const secrets = { secrets: projectSecrets(engine) }
  const options: ReadOptions = { ...SESSION_PROFILES.probe, ...(signal ? { signal } : {}) }
  const pool = async (endpoint: 'couch2pg' | 'chtSync', profile: PostgresProfile) =>
    engine.connections.postgres(endpoint, profile, await passwordFor(endpoint, profile, secrets))
  const [couchdb, couch2pg, chtSync] = await Promise.all([
    place('CouchDB', connections?.couchdb, async (profile) => {
      const couch = openCouchSource(profile, await passwordFor('couchdb', profile, secrets), {
        requestTimeoutMs: DOC_BODY_TIMEOUT_MS,
        ...(signal ? { signal } : {}),
      })
      return readCouchBody(couch, database, id)
    }),
    place('couch2pg', connections?.couch2pg, async (profile) =>
      readCouch2pgBody(await pool('couch2pg', profile), database, id, options),
    ),
    place('CHT Sync', connections?.chtSync, async (profile) => {
      const raw = { schema: profile.schema, table: profile.table }
      return readChtSyncBody(await pool('chtSync', profile), raw, database, id, options)
    }),
  ])
  return { couchdb, couch2pg, chtSync }
}
