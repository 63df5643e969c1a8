import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoTestFolder, spawnCli, type SpawnedCli } from '../../support/built-cli'
import type { DemoJson } from '../../../src/main/cli/demo-output'

/** `cht-migrate demo` as users run it: the built CLI, in its own process, stopped by signals. */
let base: string

type Spawned = SpawnedCli

/** Runs the built CLI with its temp folder inside this test's folder (TMPDIR). */
function cli(...args: string[]): Spawned {
  return spawnCli(args, { TMPDIR: join(base, 'tmp') })
}

async function until(check: () => boolean, what: string, spawned: Spawned, ms = 60_000) {
  const end = Date.now() + ms
  while (!check()) {
    if (spawned.child.exitCode !== null || Date.now() > end) {
      throw new Error(`${what} did not happen; stderr: ${spawned.stderr()}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function refused(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      done(false)
    })
    socket.once('error', () => done(true))
  })
}

beforeAll(async () => {
  ;({ base } = await demoTestFolder('cht-cli-demo-'))
})
afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true })
})

describe('cht-migrate demo (built)', () => {
  it('prints three working endpoints as JSON, and on SIGINT exits 0 leaving nothing behind', async () => {
    const demo = cli('demo', '--docs', '2000', '--json')
    try {
      await until(() => demo.stdout().includes('\n'), 'the JSON line', demo)
      const info = JSON.parse(demo.stdout().split('\n')[0]!) as DemoJson
      expect(info.pid).toBe(demo.child.pid)
      expect(existsSync(info.projectPath)).toBe(true)
      expect(existsSync(info.manifestPath)).toBe(true)

      const auth = `Basic ${Buffer.from(`${info.couchdb.username}:${info.couchdb.password}`).toString('base64')}`
      const dbs = await fetch(`${info.couchdb.url}/_all_dbs`, { headers: { Authorization: auth } })
      expect(await dbs.json()).toEqual(expect.arrayContaining(info.couchdb.databases))
      const medic = (await (
        await fetch(`${info.couchdb.url}/medic`, { headers: { Authorization: auth } })
      ).json()) as { doc_count: number }
      expect(medic.doc_count).toBeGreaterThan(1000)
      for (const [endpoint, table] of [
        [info.couch2pg, 'couchdb'],
        [info.chtSync, 'v1.couchdb'],
      ] as const) {
        const client = new pg.Client({ ...endpoint })
        await client.connect()
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table}`)
        await client.end()
        expect(rows[0].n).toBeGreaterThan(1000)
      }

      demo.child.kill('SIGINT')
      expect(await demo.exit).toBe(0)
      expect(demo.stderr()).toMatch(/Stopped\. Removed/)
      expect(existsSync(info.dir)).toBe(false)
      expect(alive(info.postgresPid!)).toBe(false)
      expect(await refused(info.couch2pg.port)).toBe(true)
      expect(await refused(Number(new URL(info.couchdb.url).port))).toBe(true)
    } finally {
      if (demo.child.exitCode === null) demo.child.kill('SIGKILL')
    }
  }, 90_000)

  it('is cancelled by Ctrl+C halfway: exit 1, no folder, no server', async () => {
    const demo = cli('demo', '--docs', '40000')
    try {
      await until(() => demo.stderr().includes('Loading documents'), 'the load', demo)
      demo.child.kill('SIGINT')
      expect(await demo.exit).toBe(1)
      expect(demo.stderr()).toMatch(/Cancelled/)
      expect(readdirSync(join(base, 'tmp'))).toEqual([])
      const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      expect(ps.split('\n').filter((line) => line.includes(join(base, 'tmp')))).toEqual([])
    } finally {
      if (demo.child.exitCode === null) demo.child.kill('SIGKILL')
    }
  }, 90_000)

  it('refuses a --keep folder that is not empty, and a bad --size (exit 2)', async () => {
    const keep = join(base, 'not-empty')
    mkdirSync(keep)
    writeFileSync(join(keep, 'notes.txt'), 'mine')
    const kept = cli('demo', '--keep', keep)
    expect(await kept.exit).toBe(2)
    expect(kept.stderr()).toMatch(/exists and is not empty/)
    expect(readdirSync(keep)).toEqual(['notes.txt'])

    const sized = cli('demo', '--size', 'huge')
    expect(await sized.exit).toBe(2)
    expect(sized.stderr()).toMatch(/Invalid --size “huge”/)
  }, 30_000)
})
