import { migrateToCurrent } from '../../../shared/project-migrations'
import {
  CURRENT_SCHEMA_VERSION,
  MAX_PROJECT_BYTES,
  PROJECT_FORMAT,
  projectDocumentSchema,
  type ProjectDocument,
} from '../../../shared/project-schema'
import { excerpt } from '../../../shared/redact'
import { AppError, type ErrorCode } from '../../../shared/result'
import { BoundedReadError, megabytes, readBoundedRegularFile } from '../fs/bounded-read'
import { jsonErrorOffset, jsonNestingDepth, lineAndColumn } from '../fs/json-scan'
import { byteOffsetOf, decodeText, type DecodedText } from '../fs/text-decode'
import { markValidated, validateForSave, ValidationFailure } from './validated-entries'

/**
 * How deep objects and arrays may nest in a project file. The wizard's own files nest a handful
 * of levels; a file nested thousands deep would overflow the stack of whatever walks it.
 */
export const MAX_PROJECT_DEPTH = 64

export interface ReadProjectOptions {
  /** Look for a loadable `<path>.bak` and offer it in the error details (default true). */
  offerBackup?: boolean
}

/**
 * Loads and validates a project file, treating it as untrusted input (SEC-13).
 *
 * Checks in order: the entry exists and is a regular file, it is at most 50 MB (refused before it
 * is read), it is text (UTF-8, or UTF-16 as an editor may re-save it; invalid bytes are damage),
 * it is not empty, it nests at most 64 levels (refused before parsing), it parses as JSON (a file
 * that ends too early is cut short, any other error is damage, located by line and byte), it is
 * a CHT migration project, its schema is not newer than this build, then it is migrated forward
 * and validated field by field. Each failure is an `AppError` with a `PROJECT_*` / `FILE_*` code,
 * `details.path`, and `details.backupPath` when `<path>.bak` itself loads; messages quote at most
 * a short excerpt of the file's values. Only reads: the file is never modified, whatever happens.
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
  let clean: ProjectDocument
  try {
    clean = validateForSave(doc)
  } catch (e) {
    if (!(e instanceof ValidationFailure)) throw e
    throw new AppError(
      'INTERNAL',
      `The project was not saved because it failed validation at ${fieldPath(e.path)}: ${excerpt(e.message, MAX_ISSUE_CHARS)}. The file on disk is untouched.`,
      { field: fieldPath(e.path) },
    )
  }
  return JSON.stringify(clean, null, 2) + '\n'
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
  const decoded = await readText(path)
  const text = decoded.text
  if (text.trim() === '') {
    fail(
      'PROJECT_EMPTY',
      `“${path}” is empty. It may have been cut short by a crash or a full disk.`,
    )
  }
  // Before parsing: the parsed value of a file nested thousands deep overflows the stack of the
  // code that walks it (migration, validation), which would end in an internal error.
  const depth = jsonNestingDepth(text)
  if (depth > MAX_PROJECT_DEPTH) {
    fail(
      'PROJECT_INVALID',
      `“${path}” is nested ${depth} levels deep; a project is at most ${MAX_PROJECT_DEPTH} levels. It was not saved by the wizard; open the backup.`,
      { depth, limit: MAX_PROJECT_DEPTH },
    )
  }
  let raw: unknown
  try {
    // Bytes that end inside a character: the file is cut short, or has stray bytes after the
    // JSON. Neither is a project, even when the text before them parses.
    if (decoded.cutCharacter) throw new SyntaxError('cut inside a character')
    raw = JSON.parse(text)
  } catch {
    parseFailure(path, decoded)
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
      `“${path}” is a CHT migration project, but the field ${field} is not valid (${excerpt(issue?.message ?? 'rejected', MAX_ISSUE_CHARS)}). It may have been edited by hand; fix that field or open the backup.`,
      { field, issues: parsed.error.issues.slice(0, 5).map((i) => fieldPath(i.path)) },
    )
  }
  // Its entries need no second look when the project is saved again.
  markValidated(parsed.data)
  return parsed.data
}

async function readText(path: string): Promise<DecodedText & { ok: true }> {
  let bytes: Buffer
  try {
    bytes = await readBoundedRegularFile(path, MAX_PROJECT_BYTES)
  } catch (e) {
    if (!(e instanceof BoundedReadError)) throw e
    if (e.reason === 'missing') {
      fail(
        'FILE_NOT_FOUND',
        `There is no file at “${path}”. It may have been moved, renamed or deleted; choose it again.`,
      )
    }
    if (e.reason === 'too-large') {
      const bytes = Number(e.details?.bytes)
      fail(
        'PROJECT_TOO_LARGE',
        `“${path}” is ${megabytes(bytes)}; project files are at most ${megabytes(MAX_PROJECT_BYTES)}. It is probably not a CHT migration project.`,
        { bytes, limit: MAX_PROJECT_BYTES },
      )
    }
    if (e.details?.entry === 'folder') {
      fail('BAD_REQUEST', `“${path}” is a folder. Choose the project file inside it.`)
    }
    throw e
  }
  // A crash or power cut between the size update and the data reaching the disk leaves zeros.
  if (bytes.length > 0 && bytes.every((b) => b === 0)) {
    fail(
      'PROJECT_EMPTY',
      `“${path}” holds only zero bytes: its content never reached the disk (a crash or a power cut while it was saved).`,
    )
  }
  const decoded = decodeText(bytes)
  if (decoded.ok) return decoded
  if (decoded.problem === 'utf-16') {
    const order = decoded.encoding === 'utf-16le' ? 'little-endian' : 'big-endian'
    return fail(
      'PROJECT_CORRUPT',
      `“${path}” is UTF-16 text (${order}) that cannot be decoded, and the wizard writes UTF-8. Open it in a text editor and save it with the UTF-8 encoding, or open the backup.`,
      { encoding: decoded.encoding },
    )
  }
  return fail(
    'PROJECT_CORRUPT',
    `“${path}” is damaged: byte ${decoded.byteOffset} (line ${decoded.line}) is not valid UTF-8 text, which is all the wizard writes. Something other than the wizard changed the file, or the disk damaged it; open the backup.`,
    { byteOffset: decoded.byteOffset, line: decoded.line },
  )
}

const foreignMessage = (path: string) =>
  `“${path}” is a JSON file, but not a CHT migration project (it has no "format": "${PROJECT_FORMAT}" marker). Choose a file saved by the wizard.`

/**
 * Says why a text that `JSON.parse` refused is not a project: cut short when the JSON is fine up
 * to the end of the text and only ends too early, otherwise damaged, at a line and byte.
 */
function parseFailure(path: string, decoded: DecodedText & { ok: true }): never {
  const found = jsonErrorOffset(decoded.text)
  if (found === decoded.text.length) {
    fail(
      'PROJECT_TRUNCATED',
      `“${path}” ends in the middle of the project: the file was cut short (a crash, a full disk or an incomplete copy).`,
    )
  }
  const offset = found ?? (decoded.cutCharacter ? decoded.text.length : null)
  if (offset === null) {
    fail(
      'PROJECT_CORRUPT',
      `“${path}” is damaged: it is not valid JSON, so it cannot be a CHT migration project as saved by the wizard.`,
    )
  }
  const { line, column } = lineAndColumn(decoded.text, offset)
  const byteOffset = byteOffsetOf(decoded, offset)
  return fail(
    'PROJECT_CORRUPT',
    `“${path}” is damaged at line ${line}, column ${column} (byte ${byteOffset}): it is not valid JSON from there on, so it is not a project as the wizard saved it. Open the backup, or repair the file in a text editor.`,
    { line, column, byteOffset },
  )
}

// Field names come from the file: a hostile key could be megabytes long.
const MAX_SEGMENT_CHARS = 40
const MAX_FIELD_CHARS = 160
// Zod's messages are ours, but some quote what they received.
const MAX_ISSUE_CHARS = 160

function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole document)'
  const joined = path
    .map((p, i) =>
      typeof p === 'number'
        ? `[${p}]`
        : `${i === 0 ? '' : '.'}${excerpt(String(p), MAX_SEGMENT_CHARS)}`,
    )
    .join('')
  return excerpt(joined, MAX_FIELD_CHARS)
}
