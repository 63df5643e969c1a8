import { spawn, type ChildProcess } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  openRegistryDir,
  registerDemo,
  writeDemoRecord,
  type DemoRecord,
} from '../../../../src/main/engine/demo/demo-registry'
import { sweepOrphanedDemos } from '../../../../src/main/engine/demo/orphans'
import { processStartTicks } from '../../../../src/main/engine/project/temp-files'

/**
 * The sweep's decisions, with real processes standing in for PostgreSQL (a `sleep` working in the
 * data folder, as a postmaster does): whose demo it may clean up, which process it may signal,
 * which folder it may remove.
 */
let tmp: string
let registry: string
const children: ChildProcess[] = []

beforeEach(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'cht-orphans-unit-'))
  registry = (await openRegistryDir(tmp))!
})
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  rmSync(tmp, { recursive: true, force: true })
})

const sweep = () => sweepOrphanedDemos({ tmpDir: tmp, stopTimeoutMs: 1_000 })

/** A demo folder as `createDemoDir` makes it, with its (empty) PostgreSQL data folder. */
function demoDir(parent = tmp): { dir: string; dataDir: string } {
  const dir = mkdtempSync(join(parent, 'cht-migrate-demo-'))
  const dataDir = join(dir, 'postgres', 'pgdata')
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(join(dir, 'manifest.json'), '{}')
  return { dir, dataDir }
}

/** A stand-in postmaster: a process working in `cwd`, as PostgreSQL works in its data folder. */
function fakePostmaster(cwd: string, command = ['sleep', '300']) {
  const child = spawn(command[0]!, command.slice(1), { cwd, stdio: 'ignore' })
  children.push(child)
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  )
  return { pid: child.pid!, start: processStartTicks(child.pid!), exited }
}

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn('true')
  await new Promise((resolve) => child.once('exit', resolve))
  return child.pid!
}

/** Gone: no such process, or a zombie waiting for a parent that does not reap it. */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return true
  }
  return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))
}

async function orphanRecord(fields: Partial<DemoRecord> & { dir: string; dataDir: string }) {
  const record: DemoRecord = {
    version: 1,
    ownerPid: await deadPid(),
    ownerStart: '4242',
    postgresPid: null,
    postgresStart: null,
    kept: false,
    startedAt: new Date().toISOString(),
    ...fields,
  }
  const path = join(registry, `${record.ownerPid}-${record.ownerStart ?? 0}-0123abcd.json`)
  await writeDemoRecord(path, record)
  return path
}

describe('sweepOrphanedDemos: recorded demos', () => {
  it('a dead owner: stops its postmaster (SIGINT), removes its folder and the record', async () => {
    const { dir, dataDir } = demoDir()
    const postmaster = fakePostmaster(dataDir)
    const record = await orphanRecord({
      dir,
      dataDir,
      postgresPid: postmaster.pid,
      postgresStart: postmaster.start,
    })
    const report = await sweep()
    expect(await postmaster.exited).toBe('SIGINT')
    expect(report).toMatchObject({ stopped: [postmaster.pid], removed: [dir], records: 1 })
    expect(existsSync(dir)).toBe(false)
    expect(existsSync(record)).toBe(false)
  })

  it('an owner pid now used by another process (another start time) counts as dead', async () => {
    const { dir, dataDir } = demoDir()
    const postmaster = fakePostmaster(dataDir)
    await orphanRecord({
      ownerPid: process.pid,
      ownerStart: '1',
      dir,
      dataDir,
      postgresPid: postmaster.pid,
      postgresStart: postmaster.start,
    })
    const report = await sweep()
    expect(await postmaster.exited).toBe('SIGINT')
    expect(report.removed).toEqual([dir])
  })

  it('a live owner’s demo is left alone: server, folder and record', async () => {
    const { dir, dataDir } = demoDir()
    const postmaster = fakePostmaster(dataDir)
    const registration = await registerDemo({ dir, dataDir, kept: false }, { tmpDir: tmp })
    await registration.postgresStarted(postmaster.pid)
    const [name] = readdirSync(registry)
    const record = JSON.parse(readFileSync(join(registry, name!), 'utf8')) as DemoRecord
    expect(record).toMatchObject({
      ownerPid: process.pid,
      ownerStart: processStartTicks(process.pid),
      postgresPid: postmaster.pid,
      postgresStart: postmaster.start,
      dir,
    })
    expect(await sweep()).toEqual({ stopped: [], removed: [], kept: [], records: 0 })
    expect(gone(postmaster.pid)).toBe(false)
    expect(existsSync(dir)).toBe(true)
    await registration.remove()
    // The last record gone, the registry folder goes too.
    expect(existsSync(registry)).toBe(false)
  })

  it('a kept demo (--keep): its server is stopped, its folder stays', async () => {
    const dir = join(tmp, 'my-kept-demo')
    const dataDir = join(dir, 'postgres', 'pgdata')
    mkdirSync(dataDir, { recursive: true })
    const postmaster = fakePostmaster(dataDir)
    await orphanRecord({
      dir,
      dataDir,
      kept: true,
      postgresPid: postmaster.pid,
      postgresStart: postmaster.start,
    })
    const report = await sweep()
    expect(await postmaster.exited).toBe('SIGINT')
    expect(report).toMatchObject({ stopped: [postmaster.pid], removed: [], kept: [dir] })
    expect(existsSync(dataDir)).toBe(true)
    expect(existsSync(registry)).toBe(false)
  })

  it('never signals a process that is not the postmaster: wrong start time, foreign process', async () => {
    const { dir, dataDir } = demoDir()
    const elsewhere = fakePostmaster(tmp)
    // The recorded pid now runs something else; postmaster.pid names this very test process.
    writeFileSync(join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n`)
    await orphanRecord({ dir, dataDir, postgresPid: elsewhere.pid, postgresStart: '1' })
    const report = await sweep()
    expect(report.stopped).toEqual([])
    expect(gone(elsewhere.pid)).toBe(false)
    expect(existsSync(dir)).toBe(false)
  })

  it('finds the postmaster through postmaster.pid when the owner died before recording it', async () => {
    const { dir, dataDir } = demoDir()
    const postmaster = fakePostmaster(dataDir)
    writeFileSync(join(dataDir, 'postmaster.pid'), `${postmaster.pid}\n${dataDir}\n`)
    await orphanRecord({ dir, dataDir })
    expect((await sweep()).stopped).toEqual([postmaster.pid])
    expect(await postmaster.exited).toBe('SIGINT')
  })

  it('kills a postmaster that ignores SIGINT, and the children it leaves', async () => {
    const { dir, dataDir } = demoDir()
    const postmaster = fakePostmaster(dataDir, ['sh', '-c', 'trap "" INT; sleep 300 & wait'])
    await expect.poll(() => childrenOf(postmaster.pid).length).toBe(1)
    const [child] = childrenOf(postmaster.pid)
    await orphanRecord({
      dir,
      dataDir,
      postgresPid: postmaster.pid,
      postgresStart: postmaster.start,
    })
    await sweep()
    expect(await postmaster.exited).toBe('SIGKILL')
    await expect.poll(() => gone(child!), { timeout: 5_000 }).toBe(true)
  })

  it('follows no symlink: a record naming a link to another folder removes nothing there', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'cht-orphans-outside-'))
    try {
      writeFileSync(join(outside, 'precious.txt'), 'mine')
      const link = join(tmp, 'cht-migrate-demo-linked')
      symlinkSync(outside, link)
      await orphanRecord({ dir: link, dataDir: join(link, 'postgres', 'pgdata') })
      expect((await sweep()).removed).toEqual([])
      expect(readFileSync(join(outside, 'precious.txt'), 'utf8')).toBe('mine')
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })

  it('ignores a registry others could write to', async () => {
    const { dir, dataDir } = demoDir()
    await orphanRecord({ dir, dataDir })
    chmodSync(registry, 0o777)
    expect((await sweep()).records).toBe(0)
    expect(existsSync(dir)).toBe(true)
    chmodSync(registry, 0o700)
  })
})

/** Pids of the processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/status`, 'utf8').includes(`\nPPid:\t${pid}\n`)
      } catch {
        return false
      }
    })
    .map(Number)
}

describe('sweepOrphanedDemos: demo folders without a record', () => {
  const then = (Date.now() - 5 * 60_000) / 1000
  const FIVE_MINUTES_AGO = [then, then] as const

  /** A demo folder whose postmaster.pid names `pid`, last touched five minutes ago (or now). */
  function leftover(pid: number, options: { old?: boolean; parent?: string } = {}): string {
    const { dir, dataDir } = demoDir(options.parent)
    const file = join(dataDir, 'postmaster.pid')
    writeFileSync(file, `${pid}\n${dataDir}\n`)
    if (options.old !== false) for (const path of [file, dir]) utimesSync(path, ...FIVE_MINUTES_AGO)
    return dir
  }

  it('removes one whose PostgreSQL is gone, or whose postmaster.pid names another process', async () => {
    const dead = leftover(await deadPid())
    const foreign = leftover(process.pid)
    const report = await sweep()
    expect(report.removed.sort()).toEqual([dead, foreign].sort())
    expect(report.stopped).toEqual([])
    expect(existsSync(dead) || existsSync(foreign)).toBe(false)
  })

  it('leaves one that is recent, has a running server, or has no postmaster.pid', async () => {
    const recent = leftover(await deadPid(), { old: false })
    const { dir: running, dataDir } = demoDir()
    const postmaster = fakePostmaster(dataDir)
    const pidFile = join(dataDir, 'postmaster.pid')
    writeFileSync(pidFile, `${postmaster.pid}\n${dataDir}\n`)
    const { dir: noPid } = demoDir()
    for (const path of [pidFile, running, noPid]) utimesSync(path, ...FIVE_MINUTES_AGO)
    expect(await sweep()).toEqual({ stopped: [], removed: [], kept: [], records: 0 })
    expect([recent, running, noPid].every((dir) => existsSync(dir))).toBe(true)
    expect(gone(postmaster.pid)).toBe(false)
  })

  it('follows no symlink, neither as the folder nor inside it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'cht-orphans-outside-'))
    try {
      // A leftover outside the temp folder, reached from it through links only.
      const target = leftover(await deadPid(), { parent: outside })
      symlinkSync(target, join(tmp, 'cht-migrate-demo-abcdef'))
      const inner = demoDir()
      rmSync(join(inner.dir, 'postgres'), { recursive: true })
      symlinkSync(join(target, 'postgres'), join(inner.dir, 'postgres'))
      utimesSync(inner.dir, ...FIVE_MINUTES_AGO)
      expect((await sweep()).removed).toEqual([])
      expect(existsSync(join(target, 'postgres', 'pgdata', 'postmaster.pid'))).toBe(true)
      expect(existsSync(inner.dir)).toBe(true)
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })
})
