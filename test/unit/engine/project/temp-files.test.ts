import { spawn, spawnSync } from 'node:child_process'
import { existsSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { atomicWriteFile, nodeAtomicFs } from '../../../../src/main/engine/project/atomic-write'
import {
  claimTempPath,
  processStartTicks,
  releaseTempPath,
  removeStaleTemps,
} from '../../../../src/main/engine/project/temp-files'
import { makeTempDir } from '../../../support/project-fixtures'

let dir: string
let cleanup: () => void
const BASE = 'kenya.chtmig.json'
const HEX = 'ab'.repeat(8)
const startOf = (pid: number) => processStartTicks(pid) ?? '0'
const temp = (pid: number, kind = 'tmp', hex = HEX, start = startOf(pid)) => {
  const path = join(dir, `.${BASE}.${pid}-${start}-${hex}.${kind}`)
  writeFileSync(path, '{"format": "cht-mig')
  return path
}
const age = (path: string, ms: number) => {
  const when = new Date(Date.now() - ms)
  utimesSync(path, when, when)
}
const deadPid = () =>
  Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout)

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('temp-files'))
})
afterEach(() => cleanup())

describe('stale temp files', () => {
  it('removes those of dead writers on the next successful save, and only those of this file', async () => {
    const pid = deadPid()
    const dead = temp(pid)
    const deadBackup = temp(pid, 'baktmp')
    const otherFile = join(dir, `.other.json.${pid}-0-${HEX}.tmp`)
    writeFileSync(otherFile, '{')
    await atomicWriteFile(join(dir, BASE), '{}')
    expect(existsSync(dead)).toBe(false)
    expect(existsSync(deadBackup)).toBe(false)
    expect(existsSync(otherFile)).toBe(true)
  })

  it('keeps those of a live writer until they are an hour old', async () => {
    const live = temp(process.ppid)
    const ancient = temp(process.ppid, 'tmp', 'cd'.repeat(8))
    age(ancient, 2 * 3600_000)
    await removeStaleTemps(nodeAtomicFs, dir, BASE)
    expect(existsSync(live)).toBe(true)
    expect(existsSync(ancient)).toBe(false)
  })

  it('keeps a live writer’s backup link even though it carries the old file’s times', async () => {
    // A `.baktmp` is a hard link to the file being replaced, so its mtime is that file's.
    const link = temp(process.ppid, 'baktmp')
    age(link, 30 * 60_000)
    await removeStaleTemps(nodeAtomicFs, dir, BASE)
    expect(existsSync(link)).toBe(true)
  })

  it('removes this process’s own leftovers but never a temp file it is writing', async () => {
    const leftover = temp(process.pid)
    const writing = claimTempPath(dir, BASE, 'tmp')
    writeFileSync(writing, '{')
    await removeStaleTemps(nodeAtomicFs, dir, BASE)
    expect(existsSync(leftover)).toBe(false)
    expect(existsSync(writing)).toBe(true)
    releaseTempPath(writing)
    await removeStaleTemps(nodeAtomicFs, dir, BASE)
    expect(existsSync(writing)).toBe(false)
  })

  it.runIf(process.platform === 'linux')(
    'on Linux, is not fooled by a pid that a newer process reused',
    async () => {
      const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'])
      try {
        await new Promise((r) => setTimeout(r, 100))
        const current = temp(sleeper.pid!)
        // Named with another start time: a previous owner's of the same pid.
        const earlier = String(Number(startOf(sleeper.pid!)) - 100)
        const reused = temp(sleeper.pid!, 'tmp', 'ef'.repeat(8), earlier)
        await removeStaleTemps(nodeAtomicFs, dir, BASE)
        expect(existsSync(current)).toBe(true)
        expect(existsSync(reused)).toBe(false)
      } finally {
        sleeper.kill('SIGKILL')
      }
    },
  )
})
