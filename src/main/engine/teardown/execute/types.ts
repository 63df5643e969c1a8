import type { AuditOutcome } from './records'
import type {
  ExecutableStage,
  ExecutionOutcome,
} from '../../../../shared/teardown/teardown-settings'
import type { ProjectService } from '../../project/types'
import type { Log } from '../../log/log'

/** The privileged login typed for one run: used for that run's connection only, never kept. */
export interface StageCredential {
  user: string
  password: string
}

/** What the person asked for: one database stage, a dry run or not, and the typed name. */
export interface ExecuteInput {
  stage: ExecutableStage
  dryRun: boolean
  confirmName: string
  /** Needed for a real run; a dry run without one judges the project's rules only. */
  credential?: StageCredential | undefined
  /** The database to connect to (default `postgres`). */
  maintenanceDatabase?: string | undefined
  /** The user's name, stamped on the audit entries and the execution. */
  by: string
}

/** One statement of the run and what came of it, as the reply lists it. */
export interface StatementReport {
  statement: string
  outcome: AuditOutcome
  message: string
}

/** How a run ended: its outcome, a sentence, and each statement's outcome. */
export interface ExecuteResult {
  outcome: ExecutionOutcome
  message: string
  statements: StatementReport[]
}

/** What the server says about the two names and the connected role, read before anything runs. */
export interface ServerFacts {
  /** The role the credential logged in as. */
  user: string
  superuser: boolean
  createdb: boolean
  /** Member of `pg_signal_backend`: may end other roles' sessions. */
  signalBackend: boolean
  /** The couch2pg database (`null`: no database of that name). */
  database: DatabaseFacts | null
  /** `<db>_deprecated` (`null`: none). */
  deprecated: DatabaseFacts | null
}

/** A database on the server: its owner, whether the role has the owner's rights, its sessions. */
export interface DatabaseFacts {
  owner: string
  /** The connected role is the owner or a member of it (PostgreSQL's ownership test). */
  ownedByUser: boolean
  /** Roles granted CONNECT on it by name (not PUBLIC, not the owner): revoked one by one. */
  connectGrantees: string[]
  /** Sessions connected to it other than ours, by user and application. */
  sessions: SessionCount[]
}

export interface SessionCount {
  user: string
  application: string
  count: number
}

/**
 * The connection a stage runs on. `lost` is the error that ended the connection while nobody was
 * waiting on it (the server ended the session, the network dropped), or null.
 */
export interface StageSession {
  facts(database: string, deprecated: string): Promise<ServerFacts>
  /** Runs one statement; answers the server's command tag and row count as a sentence. */
  run(statement: string): Promise<string>
  lost(): Error | null
  close(): Promise<void>
}

/** How to open a stage's connection; tests pass a fake one. */
export type OpenSession = (request: {
  dryRun: boolean
  credential: StageCredential
  maintenanceDatabase: string
}) => Promise<StageSession>

/** Called before each statement is judged and run (tests change the project or the server there). */
export type BeforeStatement = (step: {
  stage: ExecutableStage
  index: number
  statement: string
}) => Promise<void> | void

/** What running a stage needs from the engine, with the clock and hooks tests replace. */
export interface ExecuteDeps {
  project: Pick<ProjectService, 'state' | 'recordTeardown'>
  /** Opens the stage's connection (default: `openStageSession` on the couch2pg profile). */
  openSession: OpenSession
  /** Closes the engine's inspection pools before the couch2pg database's sessions are ended. */
  closeInspectionPools?: () => Promise<void>
  log?: Log
  now?: () => Date
  beforeStatement?: BeforeStatement
}
