import { createProjectService } from '../../src/main/engine/project/project-service'
import type { ProjectService } from '../../src/main/engine/project/types'
import type { ServerFacts, StageSession } from '../../src/main/engine/teardown/execute/types'
import type { PostgresProfile } from '../../src/shared/project-schema'
import { backupRecord } from './teardown-fixtures'

/** The couch2pg profile of the executor's unit tests. */
export const COUCH2PG_PROFILE: PostgresProfile = {
  host: 'db.example.org',
  port: 5432,
  database: 'couch2pg',
  user: 'inspector',
  ssl: 'disable',
}

/**
 * A project in memory with a couch2pg connection, a verified backup, one dashboard attested
 * switched (so its gate is met) and an override covering the gates still without evidence: the
 * database stages may run. `dashboardId` is the dashboard's id, to unswitch it.
 */
export async function executableProject(
  now: () => Date,
  options: { backup?: boolean; override?: boolean } = {},
): Promise<{ project: ProjectService; dashboardId: string }> {
  const project = createProjectService({ appVersion: '1', autosaveMs: 60_000, now })
  await project.create('Teardown')
  await project.update(
    [
      { type: 'connection.setCouch2pg', profile: COUCH2PG_PROFILE },
      { type: 'teardown.set', deployment: 'compose', graceDays: 30 },
      { type: 'teardown.setDashboard', name: 'ANC overview', switched: true },
    ],
    'amina',
  )
  if (options.backup ?? true) {
    await project.recordTeardown((t) => ({ ...t, backup: backupRecord('couch2pg') }))
  }
  if (options.override ?? true) {
    await project.update(
      [{ type: 'teardown.override', reason: 'The monitoring checks run elsewhere.' }],
      'amina',
    )
  }
  const dashboardId = project.state!.document.teardown.dashboards[0]!.id
  return { project, dashboardId }
}

/** Server facts as a superuser sees them before revoke-rename: the database, no `_deprecated`. */
export function serverFacts(overrides: Partial<ServerFacts> = {}): ServerFacts {
  return {
    user: 'postgres',
    superuser: true,
    createdb: true,
    signalBackend: true,
    database: {
      owner: 'couch2pg',
      ownedByUser: true,
      sessions: [{ user: 'dashboard', application: 'metabase', count: 2 }],
      connectGrantees: [],
    },
    deprecated: null,
    ...overrides,
  }
}

/** A stand-in for the stage's connection: what it ran, and failures to inject. */
export interface FakeSession extends StageSession {
  ran: string[]
  closed: boolean
  /** Makes the statement at this index (counting those run) fail with `error`. */
  failAt(index: number, error: Error): void
  /** Marks the connection as lost, as the client's `error` event does. */
  lose(error: Error): void
}

/** A fake session answering `facts` and recording the statements it is asked to run. */
export function fakeSession(facts: ServerFacts = serverFacts()): FakeSession {
  const failures = new Map<number, Error>()
  let lost: Error | null = null
  const session: FakeSession = {
    ran: [],
    closed: false,
    failAt: (index, error) => failures.set(index, error),
    lose: (error) => {
      lost = error
    },
    facts: async () => facts,
    async run(statement) {
      const failure = failures.get(session.ran.length)
      session.ran.push(statement)
      if (failure) throw failure
      return statement.startsWith('SELECT') ? 'SELECT (2 rows)' : statement.split(' ')[0]!
    },
    lost: () => lost,
    async close() {
      session.closed = true
    },
  }
  return session
}

/** An error as pg gives one from the server: a message and a SQLSTATE. */
export function serverError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' })
}
