import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSession } from '../../../../src/main/engine/recovery/session-marker'
import { makeTempDir } from '../../../support/project-fixtures'

let dir: string
let cleanup: () => void
const markers = () => readdirSync(join(dir, 'sessions')).sort()

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('session'))
})
afterEach(() => cleanup())

describe('session marker', () => {
  it('writes a marker on start and removes it on a clean end', async () => {
    const first = await startSession(dir, { appVersion: '1' })
    expect(first.uncleanEnd).toBe(false)
    expect(markers()).toHaveLength(1)
    await first.end()
    await first.end()
    expect(markers()).toEqual([])
    const next = await startSession(dir, { appVersion: '1' })
    expect(next.uncleanEnd).toBe(false)
    await next.end()
  })

  it('takes a marker of a process that still runs for another wizard, not a crash', async () => {
    const running = await startSession(dir, { appVersion: '1' })
    const second = await startSession(dir, { appVersion: '1', isAlive: () => true })
    expect(second.uncleanEnd).toBe(false)
    expect(markers()).toHaveLength(2)
    await Promise.all([running.end(), second.end()])
  })

  it('counts a marker of a process that is gone as an unclean end, once', async () => {
    const crashed = await startSession(dir, { appVersion: '1' })
    expect(crashed).toBeDefined()
    const after = await startSession(dir, { appVersion: '1', isAlive: () => false })
    expect(after.uncleanEnd).toBe(true)
    expect(markers()).toHaveLength(1)
    const again = await startSession(dir, { appVersion: '1', isAlive: (o) => o.pid > 0 })
    expect(again.uncleanEnd).toBe(false)
    await Promise.all([after.end(), again.end()])
  })

  it('counts an unreadable marker as gone, and ignores files that are not markers', async () => {
    mkdirSync(join(dir, 'sessions'))
    writeFileSync(join(dir, 'sessions', '4242-0123456789abcdef.json'), '{"pid": "nope"')
    writeFileSync(join(dir, 'sessions', 'readme.txt'), 'not a marker')
    const start = await startSession(dir, { appVersion: '1', isAlive: () => true })
    expect(start.uncleanEnd).toBe(true)
    expect(existsSync(join(dir, 'sessions', 'readme.txt'))).toBe(true)
    await start.end()
    expect(markers()).toEqual(['readme.txt'])
  })

  it('starts even where the marker cannot be written', async () => {
    writeFileSync(join(dir, 'sessions'), 'a file where the folder should be')
    const warnings: string[] = []
    const start = await startSession(dir, { appVersion: '1', warn: (m) => warnings.push(m) })
    expect(start.uncleanEnd).toBe(false)
    expect(warnings[0]).toMatch(/session marker/)
    await start.end()
  })
})
