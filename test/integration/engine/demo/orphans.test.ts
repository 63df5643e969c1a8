import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoJson } from '../../../../src/main/cli/demo-output'
import { demoRegistryDir } from '../../../../src/main/engine/demo/demo-registry'
import { sweepOrphanedDemos } from '../../../../src/main/engine/demo/orphans'
import { demoTestFolder, killError, spawnCli, type SpawnedCli } from '../../../support/built-cli'

/**
 * A wizard killed with SIGKILL leaves its demo's PostgreSQL running and its folder in place; the
 * sweep (run when the engine starts, and before every new demo) stops that server and removes
 * the folder. Real demos, started by the built CLI in their own process.
 */
let base: string
let tmp: string
const spawned: SpawnedCli[] = []

beforeAll(async () => {
  ;({ base, tmp } = await demoTestFolder('cht-orphans-'))
})
afterAll(async () => {
  for (const demo of spawned) if (demo.child.exitCode === null) demo.child.kill('SIGKILL')
  // Whatever a failed test left running is cleaned up the way the product does it.
  if (tmp) await sweepOrphanedDemos({ tmpDir: tmp, minAgeMs: 0 })
  if (base) await rm(base, { recursive: true, force: true })
})

/** Starts `cht-migrate demo --json` with its temp folder (and so its registry) in `tmp`. */
async function startDemo(): Promise<{ demo: SpawnedCli; info: DemoJson }> {
  const demo = spawnCli(['demo', '--docs', '200', '--json'], { TMPDIR: tmp })
  spawned.push(demo)
  const end = Date.now() + 60_000
  while (!demo.stdout().includes('\n')) {
    if (demo.child.exitCode !== null || Date.now() > end) {
      throw new Error(`the demo did not start; stderr: ${demo.stderr()}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return { demo, info: JSON.parse(demo.stdout().split('\n')[0]!) as DemoJson }
}

async function killed(demo: SpawnedCli): Promise<void> {
  demo.child.kill('SIGKILL')
  await demo.exit
}

/** Whether `pid` still runs (a zombie, waiting for an init that reaps slowly, does not). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH'
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))
  } catch {
    return false
  }
}

/** PostgreSQL processes (postmaster and children) whose command line names `dir`. */
const postgresUnder = (dir: string): string[] =>
  execFileSync('ps', ['-eo', 'pid,stat,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(dir) && /postgres/.test(line) && !/\sZ/.test(line))

/** The registry's records (the folder itself goes with its last record). */
const records = () =>
  existsSync(demoRegistryDir(tmp))
    ? readdirSync(demoRegistryDir(tmp)).filter((n) => n.endsWith('.json'))
    : []

describe('a demo whose wizard was killed', () => {
  it('keeps running until the sweep stops its PostgreSQL and removes its folder', async () => {
    const { demo, info } = await startDemo()
    const postgresPid = info.postgresPid!
    expect(records()).toHaveLength(1)
    await killed(demo)

    // The fault: SIGKILL runs no cleanup, so the server and the folder outlive the wizard.
    await new Promise((r) => setTimeout(r, 500))
    expect(running(postgresPid)).toBe(true)
    expect(existsSync(info.dir)).toBe(true)

    const report = await sweepOrphanedDemos({ tmpDir: tmp })
    expect(report).toMatchObject({ stopped: [postgresPid], removed: [info.dir], records: 1 })
    // The orphan's exit is reaped by init, which on some machines takes a few seconds.
    await expect.poll(() => killError(postgresPid), { timeout: 15_000 }).toBe('ESRCH')
    expect(postgresUnder(info.dir)).toEqual([])
    expect(existsSync(info.dir)).toBe(false)
    expect(records()).toEqual([])
  }, 90_000)

  it('is cleaned up by the next `cht-migrate demo` before it starts its own', async () => {
    const first = await startDemo()
    await killed(first.demo)
    expect(running(first.info.postgresPid!)).toBe(true)

    const second = await startDemo()
    try {
      await expect.poll(() => running(first.info.postgresPid!), { timeout: 10_000 }).toBe(false)
      expect(existsSync(first.info.dir)).toBe(false)
      // The running demo is untouched, and its record is the only one.
      expect(running(second.info.postgresPid!)).toBe(true)
      expect(existsSync(second.info.projectPath)).toBe(true)
      expect(records()).toHaveLength(1)
    } finally {
      second.demo.child.kill('SIGINT')
      expect(await second.demo.exit).toBe(0)
    }
    expect(existsSync(second.info.dir)).toBe(false)
    expect(records()).toEqual([])
  }, 120_000)

  it('without its record (an older wizard): the folder goes once its server is gone', async () => {
    const { demo, info } = await startDemo()
    await killed(demo)
    for (const name of records()) rmSync(join(demoRegistryDir(tmp), name))
    const pgdata = join(info.dir, 'postgres', 'pgdata')

    // Its server still runs: nothing tells whose it is, so it stays.
    const past = (Date.now() - 5 * 60_000) / 1000
    utimesSync(info.dir, past, past)
    utimesSync(join(pgdata, 'postmaster.pid'), past, past)
    expect((await sweepOrphanedDemos({ tmpDir: tmp })).removed).toEqual([])
    expect(running(info.postgresPid!)).toBe(true)

    // Once it has died (here: killed, leaving its postmaster.pid behind), the folder is removed.
    process.kill(info.postgresPid!, 'SIGKILL')
    await expect.poll(() => running(info.postgresPid!), { timeout: 10_000 }).toBe(false)
    expect(existsSync(join(pgdata, 'postmaster.pid'))).toBe(true)
    expect((await sweepOrphanedDemos({ tmpDir: tmp })).removed).toEqual([info.dir])
    expect(existsSync(info.dir)).toBe(false)
    await expect.poll(() => postgresUnder(info.dir), { timeout: 10_000 }).toEqual([])
  }, 90_000)
})
