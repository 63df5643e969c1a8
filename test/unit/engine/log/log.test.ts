import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFileLog, logPathIn } from '../../../../src/main/engine/log/log'
import { makeTempDir } from '../../../support/project-fixtures'

let dir: string
let cleanup: () => void
beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('log'))
})
afterEach(() => {
  vi.restoreAllMocks()
  cleanup()
})

describe('the log file', () => {
  it('lives under the config folder and gets a line per message, with the error and no secret', () => {
    const path = logPathIn(join(dir, 'config'))
    expect(path).toBe(join(dir, 'config', 'logs', 'cht-migrate.log'))
    const log = createFileLog(path, { now: () => new Date('2026-12-01T10:00:00.000Z') })
    const error = Object.assign(new Error('connect to postgres://admin:hunter2@db failed'), {
      code: 'ECONNREFUSED',
    })
    log.error('testing db failed', error)
    log.info('started')
    const text = readFileSync(path, 'utf8')
    expect(text).toMatch(
      /^2026-12-01T10:00:00.000Z ERROR testing db failed — Error \[ECONNREFUSED\]/,
    )
    expect(text).toContain('postgres://admin:•••@db')
    expect(text).not.toContain('hunter2')
    expect(text).toMatch(/\n2026-12-01T10:00:00.000Z INFO started\n$/)
  })

  it('rotates at its size cap, keeping a bounded number of older files', () => {
    const path = join(dir, 'logs', 'cht-migrate.log')
    const log = createFileLog(path, { maxBytes: 1_000, keep: 2 })
    for (let i = 0; i < 60; i++) log.warn(`line ${i} `.padEnd(100, '.'))
    expect(readFileSync(path, 'utf8').length).toBeLessThanOrEqual(1_000)
    expect(existsSync(`${path}.1`)).toBe(true)
    expect(existsSync(`${path}.2`)).toBe(true)
    expect(existsSync(`${path}.3`)).toBe(false)
    expect(readFileSync(path, 'utf8')).toContain('line 59')
  })

  it('cuts a hostile message, and falls back to stderr when the file cannot be written', () => {
    const path = join(dir, 'logs', 'cht-migrate.log')
    createFileLog(path).error('x'.repeat(1_000_000))
    expect(readFileSync(path, 'utf8').length).toBeLessThan(20_000)

    const blocked = join(dir, 'not-a-folder')
    writeFileSync(blocked, 'a file where the log folder should be')
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const log = createFileLog(join(blocked, 'cht-migrate.log'))
    expect(() => log.error('still reported')).not.toThrow()
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('still reported')
  })
})
