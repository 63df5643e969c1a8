import type { ConnectionErrorKind } from '../../../shared/connections'
import type { ItemStatus, Verdict } from '../../../shared/project-schema'

/** The four statuses, in the order the status control shows them. */
export const STATUS_OPTIONS: readonly { value: ItemStatus; label: string }[] = [
  { value: 'todo', label: 'To do' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'done', label: 'Done' },
  { value: 'not_applicable', label: 'Not applicable' },
]

export const STATUS_LABEL: Record<ItemStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
  not_applicable: 'Not applicable',
}

/** Verdicts as words, so the meaning never rests on colour alone. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  pass: 'Passed',
  warn: 'Warning',
  fail: 'Failed',
  error: 'Could not run',
  skipped: 'Skipped',
}

/** Why a stored result covers less than everything, in a few words (its Partial badge). */
export const PARTIAL_LABEL = {
  cancelled: 'cancelled before the end',
  timeout: 'stopped at its time limit',
  budget: 'stopped at its size limit',
  failed: 'stopped by a failure',
} as const

/** A check's latest verdict in words, `none` while it never ran. */
export const CHECK_VERDICT_LABEL: Record<Verdict | 'none', string> = {
  none: 'Not run yet',
  ...VERDICT_LABEL,
}

/** What went wrong with a connection, in a few words (the badge of a failed test). */
export const CONNECTION_ERROR_LABEL: Record<ConnectionErrorKind, string> = {
  dns: 'Host name not found',
  refused: 'Connection refused',
  timeout: 'No answer in time',
  tls: 'TLS problem',
  auth: 'User name or password refused',
  missing_database: 'Database missing',
  permission: 'Permission missing',
  not_couchdb: 'Not a CouchDB server',
  not_couch2pg: 'Not a couch2pg database',
  not_cht_sync: 'Not a CHT Sync database',
  not_postgresql: 'Not a PostgreSQL server',
  no_profile: 'Not set up',
  no_password: 'Password needed',
  other: 'Connection failed',
}
