import { join } from 'node:path'
import type { HandlerContext } from '../../src/main/api/context'
import { createHandlerContext, type CreateContextOptions } from '../../src/main/api/create-context'
import { call } from '../../src/main/api/dispatch'
import { createEnvSessionSecretStore } from '../../src/main/engine/connections/secret-store'
import { createMemoryLog } from '../../src/main/engine/log/log'
import { makeTempDir } from './project-fixtures'

export interface TestContext {
  ctx: HandlerContext
  /** A temp folder of the test's own (config in `config/`, projects in `projects/`). */
  dir: string
  log: ReturnType<typeof createMemoryLog>
  /** Disposes the engine (jobs, autosave, pools, demo, workers) and removes the folder. */
  dispose(): Promise<void>
}

/**
 * A handler context as a face builds one, in a temp folder of its own: browser face by default,
 * typed paths accepted, a short autosave, passwords from nowhere but the session, and a log in
 * memory (its lines are the test's to read).
 */
export async function createTestContext(
  options: Partial<CreateContextOptions> = {},
): Promise<TestContext> {
  const { dir, cleanup } = makeTempDir('ctx')
  const log = createMemoryLog(join(dir, 'cht-migrate.log'))
  const ctx = await createHandlerContext({
    face: 'browser',
    configDir: join(dir, 'config'),
    projectDir: join(dir, 'projects'),
    dialogs: null,
    acceptTypedPath: () => true,
    autosaveMs: 10,
    secrets: createEnvSessionSecretStore({}),
    log,
    ...options,
  })
  return {
    ctx,
    dir,
    log,
    async dispose() {
      await ctx.dispose()
      cleanup()
    },
  }
}

/**
 * A test context with a demo deployment started through `demo.start` (its project open, its
 * connections tested); `stop` stops the demo and disposes the context.
 */
export async function demoTestContext(
  input: Record<string, unknown>,
): Promise<{ t: TestContext; stop: () => Promise<void> }> {
  const t = await createTestContext()
  const started = await call('demo.start', input, t.ctx)
  if (!started.ok) throw new Error(started.error.message)
  const done = await t.ctx.jobs.wait(started.value.jobId)
  if (!done.ok) throw new Error(done.error.message)
  return {
    t,
    stop: async () => {
      await call('demo.stop', {}, t.ctx)
      await t.dispose()
    },
  }
}
