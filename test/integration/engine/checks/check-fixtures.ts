import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { expect } from 'vitest'
import type {
  CheckContext,
  CheckDef,
  CheckOutcome,
} from '../../../../src/main/engine/checks/check-types'
import { parseEnvFile } from '../../../../src/main/engine/checks/config/env-file'
import { createPostgresPools } from '../../../../src/main/engine/db/pools'
import { readTransaction } from '../../../../src/main/engine/db/read-transaction'
import { openCouchSource } from '../../../../src/main/engine/parity/couch-client'
import { AppError } from '../../../../src/shared/result'
import type { EvidenceItem } from '../../../../src/shared/results/check-result'
import type { ProjectDocument } from '../../../../src/shared/project-schema'
import { makeTempDir, sampleDocument } from '../../../support/project-fixtures'
import { TEST_LIMITS } from '../../../support/test-pools'
import { testPostgres } from '../../../support/test-postgres'

/**
 * Real check contexts for the integration tests of the access and production checks: the
 * project's CHT Sync `.env` written to a temp file and read with the real parser, the engine's
 * read-only pools and CouchDB client on the run's servers, and real programs for `exec` (what
 * `check-context.ts` gives a check, minus the engine and its secret store).
 */

/** Passwords of the project's connections, as the secret store would give them. */
export interface Passwords {
  couchdb?: string | null
  couch2pg?: string | null
  chtSync?: string | null
}

export interface ContextSetup {
  document: ProjectDocument
  passwords?: Passwords
  /** The `.env` file CHT Sync would read; null for none chosen. */
  envPath?: string | null
}

/** A folder for `.env` files and fake dumps, removed by `cleanup`. */
export function tempFolder(prefix = 'checks') {
  const { dir, cleanup } = makeTempDir(prefix)
  return {
    dir,
    cleanup,
    /** Writes a `.env` of `settings` (one `NAME=value` a line) and returns its path. */
    env(settings: Record<string, string>, name = `${randomBytes(3).toString('hex')}.env`) {
      const path = join(dir, name)
      const text = Object.entries(settings)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')
      writeFileSync(path, `# CHT Sync\n${text}\n`)
      return path
    },
    file(name: string, content: string | Buffer) {
      const path = join(dir, name)
      writeFileSync(path, content)
      return path
    },
  }
}

/** The pools every context of a test file shares; `close` ends them. */
export function sharedPools() {
  return createPostgresPools({ limits: TEST_LIMITS, log: () => undefined })
}

/** A check context over the run's real servers. */
export function realContext(
  setup: ContextSetup,
  pools: ReturnType<typeof sharedPools>,
  signal: AbortSignal = new AbortController().signal,
): CheckContext {
  const { document } = setup
  const passwords = setup.passwords ?? {}
  const envPath = setup.envPath ?? null
  document.checks.envPath = envPath
  const memo = new Map<string, Promise<unknown>>()
  const pool = async (endpoint: 'couch2pg' | 'chtSync') => {
    const profile = document.connections[endpoint]
    if (!profile) throw new AppError('BAD_REQUEST', `Set the ${endpoint} connection first.`)
    return pools.get(endpoint, profile, passwords[endpoint] ?? null)
  }
  return {
    signal,
    document,
    now: () => new Date(),
    config: async () =>
      envPath === null ? null : parseEnvFile(readFileSync(envPath, 'utf8'), envPath),
    async couch() {
      const profile = document.connections.couchdb
      if (!profile) throw new AppError('BAD_REQUEST', 'Set the CouchDB connection first.')
      return openCouchSource(profile, passwords.couchdb ?? null, {
        signal,
        requestTimeoutMs: 5_000,
      })
    },
    pool,
    async read(endpoint, work, options = {}) {
      return readTransaction(
        await pool(endpoint),
        { statementTimeoutMs: 5_000, ...options, signal },
        work,
      )
    },
    endpointRef: () => null,
    prometheus: () => Promise.reject(new AppError('INTERNAL', 'not used by these checks')),
    exec: (command, args, timeoutMs) =>
      new Promise((resolve) => {
        execFile(command, [...args], { timeout: timeoutMs, signal }, (error, stdout, stderr) => {
          const code = error && 'code' in error ? error.code : 0
          if (code === 'ENOENT') return resolve(null)
          resolve({
            code: typeof code === 'number' ? code : error ? null : 0,
            stdout: String(stdout),
            stderr: String(stderr),
            timedOut: error !== null && (error as { killed?: boolean }).killed === true,
          })
        })
      }),
    memo<T>(key: string, work: () => Promise<T>) {
      if (!memo.has(key)) memo.set(key, work())
      return memo.get(key) as Promise<T>
    },
    sleep: async () => undefined,
    sampleWindowMs: 0,
  }
}

/** A project document with the given connections (nothing else recorded). */
export function documentWith(
  connections: Partial<ProjectDocument['connections']>,
): ProjectDocument {
  const document = sampleDocument({ items: {} })
  document.connections = { couchdb: null, couch2pg: null, chtSync: null, ...connections }
  return document
}

/** Runs a check of a list by id. */
export function runCheck(list: readonly CheckDef[], id: string, ctx: CheckContext) {
  const check = list.find((c) => c.id === id)
  if (!check) throw new Error(`no check ${id}`)
  return check.run(ctx)
}

type Of<T extends EvidenceItem['type']> = Extract<EvidenceItem, { type: T }>

/** The first evidence item of a type (and label, for facts and measures). */
export function evidenceOf<T extends EvidenceItem['type']>(
  outcome: CheckOutcome,
  type: T,
  label?: string,
): Of<T> | undefined {
  return outcome.evidence?.find(
    (e): e is Of<T> =>
      e.type === type && (label === undefined || ('label' in e && e.label === label)),
  )
}

/** A measure's value; fails the test when the measure is absent. */
export function measureOf(outcome: CheckOutcome, label: string): number | null {
  const m = evidenceOf(outcome, 'measure', label)
  expect(m, `measure ${label}`).toBeDefined()
  return m?.value ?? null
}

/** The outcome as stored text, for "never shows the password" assertions. */
export const asText = (outcome: CheckOutcome) => JSON.stringify(outcome)

/** A login role with a random password on the run's server; `drop` removes it. */
export async function createRole(prefix: string, extra = '') {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`
  const password = `pw-${randomBytes(9).toString('base64url')}`
  await asSuperuser(
    'postgres',
    `CREATE ROLE ${name} LOGIN PASSWORD ${pg.escapeLiteral(password)} ${extra}`,
  )
  return {
    name,
    password,
    drop: () => asSuperuser('postgres', `DROP ROLE IF EXISTS ${name}`),
  }
}

/** Runs statements as the run's superuser on a database. */
export async function asSuperuser(database: string, sql: string): Promise<void> {
  const client = new pg.Client({ ...testPostgres(), database })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
