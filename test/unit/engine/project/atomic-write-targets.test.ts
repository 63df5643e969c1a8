import { execFileSync } from 'node:child_process'
import {
  existsSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { atomicWriteFile } from '../../../../src/main/engine/project/atomic-write'
import { appErrorFrom } from '../../../support/app-error'
import { makeTempDir } from '../../../support/project-fixtures'

// What the atomic write may replace: exports must never be steered onto another file through a
// link, and no write replaces a pipe, a socket or a device another program uses.

let dir: string
let cleanup: () => void
let project: string

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('atomic-targets'))
  project = join(dir, 'kenya.chtmig.json')
  writeFileSync(project, '{"format":"cht-migration-project"}\n')
})
afterEach(() => cleanup())

describe.runIf(process.platform !== 'win32')('atomicWriteFile targets', () => {
  it('with followLinks: false refuses a symlink, writing neither through it nor over it', async () => {
    const link = join(dir, 'export.md')
    symlinkSync(project, link)
    const e = await appErrorFrom(
      atomicWriteFile(link, '# Markdown\n', { backup: false, followLinks: false }),
    )
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toMatch(/is a symbolic link; the wizard does not write through links/)
    expect(readFileSync(project, 'utf8')).toBe('{"format":"cht-migration-project"}\n')
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(readlinkSync(link)).toBe(project)
    expect(existsSync(`${project}.bak`)).toBe(false)
  })

  it('with followLinks: false refuses a dangling symlink too', async () => {
    const link = join(dir, 'export.md')
    symlinkSync(join(dir, 'nowhere.md'), link)
    const e = await appErrorFrom(atomicWriteFile(link, 'x', { followLinks: false }))
    expect(e.code).toBe('BAD_REQUEST')
    expect(existsSync(join(dir, 'nowhere.md'))).toBe(false)
  })

  it('still follows a symlink by default (a linked project is updated in place)', async () => {
    const link = join(dir, 'link.chtmig.json')
    symlinkSync(project, link)
    await atomicWriteFile(link, 'new\n')
    expect(readFileSync(project, 'utf8')).toBe('new\n')
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
  })

  it('refuses to replace a named pipe', async () => {
    const fifo = join(dir, 'pipe.md')
    execFileSync('mkfifo', [fifo])
    const e = await appErrorFrom(atomicWriteFile(fifo, 'x', { backup: false }))
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toMatch(/named pipe \(FIFO\)/)
    expect(lstatSync(fifo).isFIFO()).toBe(true)
  })

  it('refuses to replace a socket', async () => {
    const path = join(dir, 'app.sock')
    const server: Server = createServer()
    await new Promise<void>((resolve) => server.listen(path, resolve))
    try {
      const e = await appErrorFrom(atomicWriteFile(path, 'x', { backup: false }))
      expect(e.code).toBe('BAD_REQUEST')
      expect(e.message).toMatch(/is a socket/)
      expect(lstatSync(path).isSocket()).toBe(true)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
