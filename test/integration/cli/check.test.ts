import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { ExitCode } from '../../../src/main/cli/exit-codes'
import { main } from '../../../src/main/cli/index'
import type { StoredResult } from '../../../src/shared/results/result-schema'
import { demoTestContext, type TestContext } from '../../support/handler-context'
import { memoryIo } from '../../support/memory-io'

/**
 * `cht-migrate check` on the demo's project file, as a cron job runs it: the passwords from the
 * environment, every check run, the results saved in the file, exit 3 because the demo injects
 * a failed dbt run (and its models miss rows), and couch2pg lags a little.
 */
let t: TestContext
let stop: () => Promise<void>
let projectPath: string

beforeAll(async () => {
  ;({ t, stop } = await demoTestContext({ size: 'small', docs: 2000 }))
  const demo = t.ctx.demo.current!
  projectPath = demo.projectPath
  // The CLI's own engine opens the file: the demo's engine lets go of it first.
  const closed = await call('project.close', {}, t.ctx)
  if (!closed.ok) throw new Error(closed.error.message)
  vi.stubEnv('CHT_MIGRATE_CONFIG_DIR', join(t.dir, 'cli-config'))
  vi.stubEnv('CHT_MIGRATE_COUCHDB_PASSWORD', demo.passwords.couchdb)
  vi.stubEnv('CHT_MIGRATE_COUCH2PG_PASSWORD', demo.passwords.couch2pg)
  vi.stubEnv('CHT_MIGRATE_CHTSYNC_PASSWORD', demo.passwords.chtSync)
  vi.stubEnv('CHT_MIGRATE_CHECK_SAMPLE_MS', '300')
}, 240_000)

afterAll(async () => {
  vi.unstubAllEnvs()
  await stop()
})

describe('cht-migrate check', () => {
  it('on the demo: exits 3, lists the failures in JSON and keeps every result in the project', async () => {
    const io = memoryIo()
    const code = await main(['check', '--project', projectPath, '--json'], io.io)
    expect(code, io.stderr()).toBe(ExitCode.CheckFailed)
    const { results } = JSON.parse(io.stdout()) as { results: StoredResult[] }
    const failed = results.filter((r) => r.verdict === 'fail').map((r) => r.id)
    expect(failed).toEqual(expect.arrayContaining(['setup.dbt-results', 'setup.dbt-fresh']))
    // couch2pg trails by a handful of changes: a warning, not a failure.
    expect(results.find((r) => r.id === 'production.fresh')?.verdict).toBe('warn')
    expect(results.filter((r) => r.verdict === 'error')).toEqual([])
    const json = io.stdout()
    for (const secret of Object.values(t.ctx.demo.current!.passwords)) {
      expect(json).not.toContain(secret)
    }
    const reopened = await call('project.open', { path: projectPath }, t.ctx)
    if (!reopened.ok) throw new Error(reopened.error.message)
    const stored = reopened.value.document.results
    for (const r of results) expect(stored[r.id]?.ranAt).toBe(r.ranAt)
    await call('project.close', {}, t.ctx)
  }, 240_000)

  it('one step, printed for people, with the remedy under each failure', async () => {
    const io = memoryIo()
    const code = await main(['check', '--project', projectPath, '--step', 'monitor'], io.io)
    // No Watchdog address: its checks are skipped; the wizard's own lag measurement warns.
    expect([ExitCode.WarningsOnly, ExitCode.Ok]).toContain(code)
    expect(io.stdout()).toMatch(/^SKIP {2}CHT Watchdog’s Prometheus answers: No CHT Watchdog/m)
    expect(io.stdout()).toMatch(/\d+ checks: \d+ passed/)
  }, 120_000)

  it('refuses bad input with exit 2', async () => {
    const io = memoryIo()
    expect(await main(['check', '--project', projectPath, '--step', 'teardown'], io.io)).toBe(
      ExitCode.BadInput,
    )
    const missing = memoryIo()
    expect(
      await main(['check', '--project', projectPath, '--env', join(t.dir, 'nope.env')], missing.io),
    ).toBe(ExitCode.BadInput)
    expect(missing.stderr()).toMatch(/There is no file at/)
  })

  it('reads a .env given on the command line and names the documented mistake in it', async () => {
    const env = join(t.dir, 'threads.env')
    const demoEnv = t.ctx.demo.current!.dir
    const original = await import('node:fs/promises').then((fs) =>
      fs.readFile(join(demoEnv, 'cht-sync.env'), 'utf8'),
    )
    await writeFile(env, original.replace('DBT_THREAD_COUNT=3', 'DBT_THREADS=3'))
    const io = memoryIo()
    const code = await main(
      ['check', '--project', projectPath, '--step', 'setup', '--env', env, '--json'],
      io.io,
    )
    expect(code).toBe(ExitCode.CheckFailed)
    const { results } = JSON.parse(io.stdout()) as { results: StoredResult[] }
    const threads = results.find((r) => r.id === 'setup.env-threads')!
    expect(threads.verdict).toBe('fail')
    expect(threads.details.kind === 'check' && threads.details.remedy?.text).toMatch(
      /DBT_THREAD_COUNT/,
    )
  }, 120_000)

  it('says which password is missing, and where to give it, when none is known', async () => {
    vi.stubEnv('CHT_MIGRATE_CHTSYNC_PASSWORD', undefined)
    try {
      const io = memoryIo()
      await main(['check', '--project', projectPath, '--step', 'setup', '--json'], io.io)
      const { results } = JSON.parse(io.stdout()) as { results: StoredResult[] }
      const tables = results.find((r) => r.id === 'setup.tables')!
      expect(tables.verdict).toBe('error')
      expect(tables.summary).toMatch(/none is known for this connection/)
      expect(tables.summary).toContain('CHT_MIGRATE_CHTSYNC_PASSWORD')
      expect(io.stdout()).not.toMatch(/SASL|client password must be a string/)
    } finally {
      vi.stubEnv('CHT_MIGRATE_CHTSYNC_PASSWORD', t.ctx.demo.current!.passwords.chtSync)
    }
  }, 120_000)
})
