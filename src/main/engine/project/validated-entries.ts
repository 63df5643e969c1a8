import type { z } from 'zod'
import { projectHeadSchema } from '../../../shared/project-patch'
import {
  itemStateSchema,
  type ItemState,
  type ProjectDocument,
  type StoredResult,
} from '../../../shared/project-schema'
import { storedResultSchema } from '../../../shared/results/result-schema'

/**
 * Entries (items and results) that already passed their schema. The engine never changes an
 * entry in place (an edit copies what it changes), so an entry that passed once still passes:
 * a save validates only what changed since, instead of the whole document. A project of several
 * megabytes is then written without holding the UI process for a full validation each time.
 */
const validated = new WeakSet<object>()

/** Remembers the entries of a document that has just been validated as a whole. */
export function markValidated(doc: ProjectDocument): void {
  for (const item of Object.values(doc.items)) validated.add(item)
  for (const result of Object.values(doc.results)) validated.add(result)
}

/** Remembers entries validated one by one (a recorded result). */
export function markEntriesValidated(entries: readonly object[]): void {
  for (const entry of entries) validated.add(entry)
}

/** Where a save's validation failed: the field path. */
export class ValidationFailure extends Error {
  constructor(
    readonly path: readonly PropertyKey[],
    message: string,
  ) {
    super(message)
  }
}

function parseEntries<T extends object>(
  record: Record<string, T>,
  schema: z.ZodType<T>,
  where: string,
): Record<string, T> {
  const out: Record<string, T> = {}
  for (const [key, value] of Object.entries(record)) {
    if (key.length > 200)
      throw new ValidationFailure([where], 'a key is longer than 200 characters')
    if (validated.has(value)) {
      out[key] = value
      continue
    }
    const parsed = schema.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new ValidationFailure([where, key, ...(issue?.path ?? [])], issue?.message ?? 'invalid')
    }
    validated.add(parsed.data)
    out[key] = parsed.data
  }
  return out
}

/**
 * The document as it will be written: only the schema's fields (zod drops any other key, so
 * nothing outside the format, a password least of all, is written; SEC-09), each entry validated
 * unless it already was. Throws `ValidationFailure` naming the field.
 */
export function validateForSave(doc: ProjectDocument): ProjectDocument {
  const head = projectHeadSchema.safeParse(doc)
  if (!head.success) {
    const issue = head.error.issues[0]
    throw new ValidationFailure(issue?.path ?? [], issue?.message ?? 'invalid')
  }
  return {
    ...head.data,
    items: parseEntries<ItemState>(doc.items, itemStateSchema, 'items'),
    results: parseEntries<StoredResult>(doc.results, storedResultSchema, 'results'),
  }
}
