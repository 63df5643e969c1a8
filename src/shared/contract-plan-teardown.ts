import { z } from 'zod'
import { INVENTORY_SOURCES } from './inventory/sources'
import { jobStartedSchema } from './jobs'
import { storedResultSchema } from './results/result-schema'
import {
  AUDIT_OUTCOMES,
  backupRecordSchema,
  EXECUTABLE_STAGES,
  EXECUTION_OUTCOMES,
} from './teardown/teardown-settings'

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
  /**
   * Verifies an existing custom-format dump of the couch2pg database and records it. Electron:
   * the file comes from the native dialog when `path` is left out (`CANCELLED` when dismissed).
   */
  'teardown.recordBackup': {
    input: z.object({ path: z.string().trim().min(1).max(4096).optional() }).strict(),
    output: backupRecordSchema,
  },
  /**
   * Runs one database stage of the decommission plan on the couch2pg server (`revoke-rename`,
   * its undo `restore-rename`, or `drop`), connected to the maintenance database with a
   * privileged credential entered for this run only (never kept, never the inspection one).
   * Refused unless every teardown gate is met or an override is recorded, and unless
   * `confirmName` is the database's name exactly; `drop` also needs the rename done and the grace
   * period passed. Gates are judged again before each statement; the first error stops the
   * stage. Every statement and its outcome goes to the project's audit trail, the run to its
   * executions. `dryRun` runs nothing and lists the statements: with a credential it also checks,
   * in a read-only session, the server's state and the role's rights; without one it judges the
   * project's rules only. A real run without a credential is `BAD_REQUEST`. Refusals are answered
   * (outcome `refused`) and recorded, not thrown.
   */
  'teardown.execute': {
    input: z
      .object({
        stage: z.enum(EXECUTABLE_STAGES),
        dryRun: z.boolean(),
        confirmName: z.string().max(200),
        /** Used for this run's connection only, never stored; required unless `dryRun`. */
        credential: z
          .object({ user: z.string().trim().min(1).max(200), password: z.string().max(1000) })
          .strict()
          .optional(),
        /** The maintenance database to connect to (default `postgres`). */
        maintenanceDatabase: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    output: z.object({
      outcome: z.enum(EXECUTION_OUTCOMES),
      message: z.string().max(2000),
      statements: z
        .array(
          z.object({
            statement: z.string().max(5000),
            outcome: z.enum(AUDIT_OUTCOMES),
            message: z.string().max(2000),
          }),
        )
        .max(100),
    }),
  },
} as const
