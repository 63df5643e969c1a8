import { CHT_SYNC_DEFAULT_SCHEMA, CHT_SYNC_DEFAULT_TABLE } from '../../../shared/connection-targets'
import {
  chtSyncProfileSchema,
  couchdbProfileSchema,
  postgresProfileSchema,
  SSL_MODES,
  type ChtSyncProfile,
  type CouchdbProfile,
  type EndpointId,
  type PostgresProfile,
} from '../../../shared/project-schema'

/**
 * The connection form as plain data: which fields each endpoint has, their labels and hints, and
 * the checks that turn typed text into a profile the engine accepts. Pure, so it is unit-tested
 * without a DOM.
 */
export type FieldName =
  | 'url'
  | 'username'
  | 'host'
  | 'port'
  | 'database'
  | 'user'
  | 'ssl'
  | 'schema'
  | 'table'
  | 'sslCa'
  | 'sslCert'
  | 'sslKey'

export type FieldValues = Partial<Record<FieldName, string>>
export type FieldErrors = Partial<Record<FieldName, string>>
export type AnyProfile = CouchdbProfile | PostgresProfile | ChtSyncProfile

export interface FieldDef {
  name: FieldName
  label: string
  hint?: string
  kind: 'text' | 'url' | 'number' | 'select'
  /** Monospaced input for addresses and identifiers. */
  mono?: boolean
  placeholder?: string
}

const POSTGRES_FIELDS: FieldDef[] = [
  { name: 'host', label: 'Host', kind: 'text', mono: true, placeholder: 'db.example.org' },
  { name: 'port', label: 'Port', kind: 'number', mono: true },
  { name: 'database', label: 'Database', kind: 'text', mono: true },
  { name: 'user', label: 'User', kind: 'text', mono: true },
  {
    name: 'ssl',
    label: 'SSL',
    kind: 'select',
    hint: '“require” encrypts without checking the certificate; “verify-full” also checks it.',
  },
]

export const FIELDS: Record<EndpointId, FieldDef[]> = {
  couchdb: [
    {
      name: 'url',
      label: 'CouchDB address',
      kind: 'url',
      mono: true,
      placeholder: 'https://cht.example.org',
      hint: 'The CHT instance’s address (https, through nginx), or http://host:5984 for a bare CouchDB. No user name or password in it.',
    },
    {
      name: 'username',
      label: 'User name',
      kind: 'text',
      mono: true,
      hint: 'A CHT administrator, or a user who may read medic, medic-sentinel and medic-users-meta.',
    },
  ],
  couch2pg: [
    ...POSTGRES_FIELDS.slice(0, 2),
    { ...(POSTGRES_FIELDS[2] as FieldDef), hint: 'The database in couch2pg’s POSTGRESQL_URL.' },
    ...POSTGRES_FIELDS.slice(3),
  ],
  chtSync: [
    ...POSTGRES_FIELDS.slice(0, 2),
    { ...(POSTGRES_FIELDS[2] as FieldDef), hint: 'POSTGRES_DB in CHT Sync’s .env or values.yaml.' },
    ...POSTGRES_FIELDS.slice(3),
    {
      name: 'schema',
      label: 'Schema',
      kind: 'text',
      mono: true,
      hint: 'POSTGRES_SCHEMA (v1 by default).',
    },
    {
      name: 'table',
      label: 'Raw table',
      kind: 'text',
      mono: true,
      hint: 'POSTGRES_TABLE (couchdb by default).',
    },
  ],
}

export const SSL_OPTIONS = SSL_MODES

/**
 * The optional TLS files of a PostgreSQL profile (libpq's `sslrootcert`, `sslcert`, `sslkey`),
 * shown under “Client certificates”: paths on the machine running the wizard's engine.
 */
export const TLS_FIELDS: FieldDef[] = [
  {
    name: 'sslCa',
    label: 'CA certificate',
    kind: 'text',
    mono: true,
    placeholder: '/etc/ssl/certs/db-ca.pem',
    hint: 'The certificate authority that signed the server’s certificate (PEM). With SSL “require”, the chain is then checked too.',
  },
  {
    name: 'sslCert',
    label: 'Client certificate',
    kind: 'text',
    mono: true,
    hint: 'For servers that log users in by certificate (PEM); needs the key below.',
  },
  {
    name: 'sslKey',
    label: 'Client key',
    kind: 'text',
    mono: true,
    hint: 'The private key of the client certificate (PEM, not password-protected).',
  },
]

/**
 * What the password label adds: why it may be left empty, or null when it is needed. CouchDB needs
 * none without a user name; a PostgreSQL server may need none at all (it trusts this machine, a
 * .pgpass file has it, or a client certificate logs in), and then the wizard tries without.
 */
export function passwordNote(endpoint: EndpointId, values: FieldValues): string | null {
  if (endpoint !== 'couchdb') return 'leave empty if the server needs none'
  return (values.username ?? '').trim() === '' ? 'not needed without a user name' : null
}

const MESSAGES: Record<FieldName, string> = {
  url: 'Give an http:// or https:// address without a user name or password in it.',
  username: 'Give a user name of up to 200 characters, or leave it empty for anonymous access.',
  host: 'Give the host name or IP address of the server.',
  port: 'Give a port number from 1 to 65535.',
  database: 'Give the database name (up to 63 characters).',
  user: 'Give the user name.',
  ssl: 'Choose disable, require or verify-full.',
  schema: 'Give the schema name (up to 63 characters).',
  table: 'Give the table name (up to 63 characters).',
  sslCa: 'Give the path of a PEM file (up to 4,096 characters), or leave it empty.',
  sslCert: 'Give the client certificate and its key together, or neither.',
  sslKey: 'Give the client key and its certificate together, or neither.',
}

const FILE_FIELDS: Record<string, FieldName> = { ca: 'sslCa', cert: 'sslCert', key: 'sslKey' }

/** The form's starting values: the saved profile, or the defaults for a new one. */
export function valuesOf(endpoint: EndpointId, profile: AnyProfile | null): FieldValues {
  if (endpoint === 'couchdb') {
    const couch = profile as CouchdbProfile | null
    return { url: couch?.url ?? '', username: couch?.username ?? '' }
  }
  const pg = profile as ChtSyncProfile | null
  const values: FieldValues = {
    host: pg?.host ?? '',
    port: String(pg?.port ?? 5432),
    database: pg?.database ?? (endpoint === 'chtSync' ? 'cht_sync' : ''),
    user: pg?.user ?? '',
    ssl: pg?.ssl ?? 'disable',
    sslCa: pg?.sslFiles?.ca ?? '',
    sslCert: pg?.sslFiles?.cert ?? '',
    sslKey: pg?.sslFiles?.key ?? '',
  }
  if (endpoint === 'chtSync') {
    values.schema = pg?.schema ?? CHT_SYNC_DEFAULT_SCHEMA
    values.table = pg?.table ?? CHT_SYNC_DEFAULT_TABLE
  }
  return values
}

export type ParsedProfile = { ok: true; profile: AnyProfile } | { ok: false; errors: FieldErrors }

/**
 * Checks typed values with the project schema's own rules and returns the profile, or a message
 * per field that is wrong (in words, never zod's).
 */
export function parseProfile(endpoint: EndpointId, values: FieldValues): ParsedProfile {
  const text = (name: FieldName) => (values[name] ?? '').trim()
  const errors: FieldErrors = {}
  let candidate: Record<string, unknown>
  if (endpoint === 'couchdb') {
    candidate = { url: text('url'), username: text('username') }
  } else {
    const port = /^\d{1,5}$/.test(text('port')) ? Number(text('port')) : Number.NaN
    candidate = {
      host: text('host'),
      port,
      database: text('database'),
      user: text('user'),
      ssl: text('ssl'),
    }
    if (endpoint === 'chtSync')
      Object.assign(candidate, { schema: text('schema'), table: text('table') })
    const files = { ca: text('sslCa'), cert: text('sslCert'), key: text('sslKey') }
    // Left out when none is given, so a profile without certificates stays as it was saved.
    if (files.ca || files.cert || files.key) {
      candidate.sslFiles = {
        ca: files.ca || null,
        cert: files.cert || null,
        key: files.key || null,
      }
      const missing = !files.cert !== !files.key ? (files.cert ? 'sslKey' : 'sslCert') : null
      if (missing) errors[missing] = MESSAGES[missing]
    }
  }
  const schema =
    endpoint === 'couchdb'
      ? couchdbProfileSchema
      : endpoint === 'chtSync'
        ? chtSyncProfileSchema
        : postgresProfileSchema
  const parsed = schema.safeParse(candidate)
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, profile: parsed.data }
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [first, second] = issue.path
    const field = (first === 'sslFiles' ? FILE_FIELDS[String(second)] : first) as
      FieldName | undefined
    if (field && !errors[field]) errors[field] = MESSAGES[field]
  }
  return { ok: false, errors }
}

/** True when the typed profile is the saved one (nothing to send). */
export function sameProfile(a: AnyProfile | null, b: AnyProfile): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b)
}
