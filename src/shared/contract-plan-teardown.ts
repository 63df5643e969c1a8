import { z } from 'zod'
import { INVENTORY_SOURCES } from './inventory/sources'
import { jobStartedSchema } from './jobs'
import { storedResultSchema } from './results/result-schema'
import { backupRecordSchema } from './teardown/teardown-settings'

const empty = z.object({}).strict()

/**
 * The operations of the Plan step's inventory and of the Teardown step, part of the contract
 * (`contract.ts` spreads them in): the same shape as every other entry there.
 */
export const PLAN_AND_TEARDOWN_OPERATIONS = {
  /**
   * Inventories the couch2pg database (objects, SQL analysis, mapping, order) and/or the CHT
   * instance's CouchDB (databases, document types, forms), read-only, as a job with progress and
   * Cancel; each source's result is stored in the project (`inventory.couch2pg`,
   * `inventory.couchdb`). Decisions already made are kept.
   */
  'inventory.run': {
    input: z
      .object({ sources: z.array(z.enum(INVENTORY_SOURCES)).min(1).max(2).optional() })
      .strict(),
    output: jobStartedSchema,
    job: z.object({ results: z.array(storedResultSchema) }),
  },
  /**
   * Writes dbt model scaffolds for the objects decided "rebuild" into a folder (Electron: chosen
   * with the native dialog when `dir` is left out), and prepares a parity comparison for each. A
   * folder that is not empty is refused (`CONFLICT`) unless `overwrite` is set.
   */
  'inventory.exportDbt': {
    input: z
      .object({
        dir: z.string().trim().min(1).max(4096).optional(),
        overwrite: z.boolean().optional(),
      })
      .strict(),
    /** `dir` null: the dialog was dismissed and nothing was written. */
    output: z.object({
      dir: z.string().nullable(),
      files: z.array(z.string()).max(10_000),
      comparisons: z.number().int().nonnegative(),
    }),
  },
  /**
   * Takes a snapshot of how much the couch2pg database is read (scans per relation, and the
   * `pg_stat_statements` calls that name it) and keeps it in the project for the teardown's
   * "no reads" gate; read-only. Answers when it was taken and how many relations it holds.
   */
  'teardown.snapshot': {
    input: empty,
    output: z.object({
      takenAt: z.string().max(40),
      relations: z.number().int().nonnegative(),
      statements: z.boolean(),
    }),
  },
  /**
   * Dumps the couch2pg database (pg_dump, custom format) into a folder with progress and Cancel,
   * verifies it (`pg_restore --list`, sha256) and records it as the project's backup. Needs
   * pg_dump of a major at least the server's (the error says what to install). Electron: the
   * folder comes from the native dialog when `dir` is left out.
   */
  'teardown.backup': {
    input: z.object({ dir: z.string().trim().min(1).max(4096).optional() }).strict(),
    output: jobStartedSchema,
    job: z.object({ record: backupRecordSchema, warning: z.string().nullable() }),
  },
  /** Verifies an existing custom-format dump of the couch2pg database and records it. */
  'teardown.recordBackup': {
    input: z.object({ path: z.string().trim().min(1).max(4096) }).strict(),
    output: backupRecordSchema,
  },
} as const
