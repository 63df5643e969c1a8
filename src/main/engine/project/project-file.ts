import { promises as fsp } from 'node:fs'
import { migrateToCurrent } from '../../../shared/project-migrations'
import {
  CURRENT_SCHEMA_VERSION,
  MAX_PROJECT_BYTES,
  PROJECT_FORMAT,
  projectDocumentSchema,
  type ProjectDocument,
} from '../../../shared/project-schema'
import { AppError, type ErrorCode } from '../../../shared/result'

export interface ReadProjectOptions {
  /** Look for a loadable `<path>.bak` and offer it in the error details (default true). */
  offerBackup?: boolean
}

const errnoOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`

/**
 * Loads and validates a project file, treating it as untrusted input (SEC-13).
 *
 * Checks in order: the entry exists and is a regular file, it is at most 50 MB (refused before it
 * is read), it is not empty, it parses as JSON (a cut-off file is told apart from garbage), it is a
 * CHT migration project, its schema is not newer than this build, then it is migrated forward
 * and validated field by field. Each failure is an `AppError` with a `PROJECT_*` / `FILE_*`
 * code, `details.path`, and `details.backupPath` when `<path>.bak` itself loads. Only reads: the
 * file is never modified, whatever happens.
 */
export async function readProjectFile(
  path: string,
  options: ReadProjectOptions = {},
): Promise<ProjectDocument> {
  try {
    return await loadDocument(path)
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    const backupPath = options.offerBackup === false ? null : await loadableBackup(path)
    const details = { ...e.details, path, ...(backupPath ? { backupPath } : {}) }
    throw new AppError(e.code, e.message, details)
  }
}

/**
 * Turns a project document into the text of its file: only the schema's fields (zod drops any
 * other key, so nothing that is not part of the format, a password least of all, can be written;
 * SEC-09), two-space indentation and a final newline so that the file diffs well.
 */
export function serializeProject(doc: ProjectDocument): string {
  const parsed = projectDocumentSchema.safeParse(doc)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError(
      'INTERNAL',
      `The project was not saved because it failed validation at ${fieldPath(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}. The file on disk is untouched.`,
      { field: fieldPath(issue?.path ?? []) },
    )
  }
  return JSON.stringify(parsed.data, null, 2) + '\n'
}

async function loadableBackup(path: string): Promise<string | null> {
  const backupPath = `${path}.bak`
  try {
    await readProjectFile(backupPath, { offerBackup: false })
    return backupPath
  } catch {
    return null
  }
}

function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new AppError(code, message, details)
}

async function loadDocument(path: string): Promise<ProjectDocument> {
  const text = await readText(path)
  if (text.trim() === '') {
    fail(
      'PROJECT_EMPTY',
      `“${path}” is empty. It may have been cut short by a crash or a full disk.`,
    )
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    if (looksCutOff(text, e)) {
      fail(
        'PROJECT_TRUNCATED',
        `“${path}” ends in the middle of the project: the file was cut short (a crash, a full disk or an incomplete copy).`,
      )
    }
    fail(
      'PROJECT_CORRUPT',
      `“${path}” is damaged: it is not valid JSON, so it cannot be a CHT migration project as saved by the wizard.`,
    )
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('PROJECT_FOREIGN', foreignMessage(path))
  }
  const doc = raw as Record<string, unknown>
  if (doc.format !== PROJECT_FORMAT) fail('PROJECT_FOREIGN', foreignMessage(path))
  const version = doc.schemaVersion
  if (typeof version === 'number' && version > CURRENT_SCHEMA_VERSION) {
    fail(
      'PROJECT_NEWER_VERSION',
      `“${path}” was made by a newer version of cht-migrate (schema ${version}); this version reads up to ${CURRENT_SCHEMA_VERSION}. Update the wizard to open it.`,
      { schemaVersion: version, supported: CURRENT_SCHEMA_VERSION },
    )
  }
  const parsed = projectDocumentSchema.safeParse(migrateToCurrent(doc))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = fieldPath(issue?.path ?? [])
    fail(
      'PROJECT_INVALID',
      `“${path}” is a CHT migration project, but the field ${field} is not valid (${issue?.message ?? 'rejected'}). It may have been edited by hand; fix that field or open the backup.`,
      { field, issues: parsed.error.issues.slice(0, 5).map((i) => fieldPath(i.path)) },
    )
  }
  return parsed.data
}

async function readText(path: string): Promise<string> {
  let stat
  try {
    stat = await fsp.stat(path)
  } catch (e) {
    const errno = errnoOf(e)
    if (errno === 'ENOENT' || errno === 'ENOTDIR') {
      fail(
        'FILE_NOT_FOUND',
        `There is no file at “${path}”. It may have been moved, renamed or deleted; choose it again.`,
      )
    }
    return fail('IO_ERROR', `“${path}” cannot be read (${errno ?? 'unknown error'}).`, { errno })
  }
  if (stat.isDirectory()) {
    fail('BAD_REQUEST', `“${path}” is a folder. Choose the project file inside it.`)
  }
  // Devices and pipes could block or never end; only a regular file can be a project.
  if (!stat.isFile()) fail('BAD_REQUEST', `“${path}” is not a regular file.`)
  if (stat.size > MAX_PROJECT_BYTES) {
    fail(
      'PROJECT_TOO_LARGE',
      `“${path}” is ${megabytes(stat.size)}; project files are at most ${megabytes(MAX_PROJECT_BYTES)}. It is probably not a CHT migration project.`,
      { bytes: stat.size, limit: MAX_PROJECT_BYTES },
    )
  }
  let bytes: Buffer
  try {
    bytes = await fsp.readFile(path)
  } catch (e) {
    const errno = errnoOf(e)
    return fail('IO_ERROR', `“${path}” cannot be read (${errno ?? 'unknown error'}).`, { errno })
  }
  // The file may have grown since the stat; the limit holds either way.
  if (bytes.byteLength > MAX_PROJECT_BYTES) {
    fail('PROJECT_TOO_LARGE', `“${path}” is larger than ${megabytes(MAX_PROJECT_BYTES)}.`)
  }
  const text = bytes.toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

const foreignMessage = (path: string) =>
  `“${path}” is a JSON file, but not a CHT migration project (it has no "format": "${PROJECT_FORMAT}" marker). Choose a file saved by the wizard.`

/**
 * Tells a JSON text that stops early (an object or array left open, a string left unterminated,
 * or a parse error at the very end) from one that is damaged in the middle.
 */
function looksCutOff(text: string, error: unknown): boolean {
  const trimmed = text.trimEnd()
  if (!/^\s*[[{]/.test(trimmed)) return false
  const message = error instanceof Error ? error.message : ''
  if (/end of JSON input|Unterminated string/i.test(message)) return true
  const position = /at position (\d+)/.exec(message)
  if (position && Number(position[1]) >= trimmed.length) return true
  let depth = 0
  let inString = false
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') depth--
  }
  return inString || depth > 0
}

function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole document)'
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('')
}
