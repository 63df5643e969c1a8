import { migrateV2toV3 } from './migrations/v2-to-v3'
import { migrateV5toV6 } from './migrations/v5-to-v6'
import { migrateV7toV8 } from './migrations/v7-to-v8'
import { emptyTeardownSettings } from './teardown/teardown-settings'
import { emptyCheckSettings } from './checks/check-settings'
import { emptyParity } from './parity-definitions'
import { CURRENT_SCHEMA_VERSION, emptyConnections } from './project-schema'
import { describeValue, excerpt } from './redact'
import { AppError } from './result'

/** Turns a document of schema N into one of schema N+1; must not mutate its argument. */
export type ProjectMigration = (doc: Record<string, unknown>) => Record<string, unknown>

/**
 * Forward migrations of the project file, keyed by the version they upgrade from.
 *
 * Keep every step forever so that any file ever written still opens.
 * - 1 → 2: the three connection profiles (none yet) and the demo marker (not a demo project).
 *   A version bump rather than optional fields, so that an older build refuses a file with
 *   connections instead of silently dropping them on its next save.
 * - 2 → 3: stored results become typed, with kinds, endpoints, a partial marker and history
 *   (see migrations/v2-to-v3.ts).
 * - 3 → 4: the parity step's settings (no metrics or models set up yet; 14 green days needed),
 *   a bump so that an older build refuses the file rather than dropping them on its next save.
 * - 4 → 5: the checks' settings (no configuration file or Watchdog chosen, the guide's growth
 *   assumptions, no gate overridden), a bump for the same reason.
 * - 5 → 6: the Plan step's decisions (none yet); stored inventory results of the placeholder
 *   shape no build ever wrote are dropped, since the inventory's details took their real shape.
 * - 6 → 7: the Teardown step's settings (deployment type unknown, 30 grace days, 14 quiet days,
 *   no backup, dashboards, snapshots or audit entries yet).
 * - 7 → 8: the teardown's gate override (none) and its stage runs (none), and the Optimize
 *   step's dashboard queries for EXPLAIN (none).
 * - 8 → 9: the steps' sign-off (no approval recorded yet).
 */
export const MIGRATIONS: Readonly<Record<number, ProjectMigration>> = {
  1: (doc) => ({ ...doc, connections: emptyConnections(), demo: null }),
  2: migrateV2toV3,
  3: (doc) => ({ ...doc, parity: emptyParity() }),
  4: (doc) => ({ ...doc, checks: emptyCheckSettings() }),
  5: migrateV5toV6,
  6: (doc) => ({ ...doc, teardown: emptyTeardownSettings() }),
  7: migrateV7toV8,
  8: (doc) => ({ ...doc, signoff: {} }),
}

/**
 * Brings a parsed project document up to `target` by applying each migration step in order.
 *
 * The version comes from the document's `schemaVersion`; a version below 1 or not a whole number
 * is `PROJECT_INVALID`, one above `target` is `PROJECT_NEWER_VERSION`, and a missing step is a bug
 * of this build (`INTERNAL`). Each step's result gets `schemaVersion` set to the next version, so a
 * step cannot forget it. The caller's object is never changed.
 */
export function migrateToCurrent(
  doc: Record<string, unknown>,
  migrations: Readonly<Record<number, ProjectMigration>> = MIGRATIONS,
  target: number = CURRENT_SCHEMA_VERSION,
): Record<string, unknown> {
  const from = doc.schemaVersion
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    throw new AppError(
      'PROJECT_INVALID',
      `The project's schemaVersion (${describeValue(from)}) is not a version this wizard knows; versions start at 1.`,
      { field: 'schemaVersion' },
    )
  }
  if (from > target) {
    throw new AppError(
      'PROJECT_NEWER_VERSION',
      `The project was made by a newer version of cht-migrate (schema ${from}); this version reads up to ${target}. Update the wizard to open it.`,
      { schemaVersion: from, supported: target },
    )
  }
  // Steps are meant to be pure; the clone makes sure the caller's object survives one that is not.
  let current = from < target ? structuredClone(doc) : doc
  for (let version = from; version < target; version++) {
    const step = migrations[version]
    if (!step) {
      throw new AppError(
        'INTERNAL',
        `This build cannot upgrade a project from schema ${version} to ${version + 1}: the migration step is missing.`,
        { schemaVersion: version },
      )
    }
    try {
      current = { ...step(current), schemaVersion: version + 1 }
    } catch (e) {
      // The step's message may quote the document; only a short excerpt goes into ours.
      const reason = excerpt(e instanceof Error ? e.message : String(e), 160)
      throw new AppError(
        'PROJECT_INVALID',
        `The project could not be upgraded from schema ${version} to ${version + 1}: ${reason}`,
        { schemaVersion: version },
      )
    }
  }
  return current
}
