import { execFileSync } from 'node:child_process'
import {
  closeSync,
  constants,
  mkdirSync,
  openSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDemoService } from '../../../../src/main/engine/demo/demo-service'
import {
  BoundedReadError,
  readBoundedRegularFile,
} from '../../../../src/main/engine/fs/bounded-read'
import { appErrorFrom } from '../../../support/app-error'
import { makeTempDir } from '../../../support/project-fixtures'

const posix = process.platform !== 'win32'
let dir: string
let cleanup: () => void

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('bounded-read'))
})
afterEach(() => cleanup())

/** Settles within `ms`, or fails: a read that blocks on a FIFO never settles. */
async function settlesWithin<T>(promise: Promise<T>, ms = 2000): Promise<PromiseSettledResult<T>> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms),
  )
  const settled = promise.then(
    (value) => ({ status: 'fulfilled', value }) as const,
    (reason: unknown) => ({ status: 'rejected', reason }) as const,
  )
  return Promise.race([settled, timeout])
}

/** Lets a reader blocked in opening the FIFO go on (code before the fix), so the test can end. */
function releaseFifo(path: string) {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK))
  } catch {
    // ENXIO: nobody is waiting to read it, as it should be.
  }
}

const reasonOf = async (promise: Promise<unknown>) => {
  const e = await appErrorFrom(promise)
  expect(e).toBeInstanceOf(BoundedReadError)
  return e as BoundedReadError
}

describe('readBoundedRegularFile', () => {
  it('reads a regular file up to the limit, through a symlink too', async () => {
    const file = join(dir, 'a.json')
    writeFileSync(file, '0123456789')
    expect((await readBoundedRegularFile(file, 10)).toString()).toBe('0123456789')
    if (posix) {
      symlinkSync(file, join(dir, 'link.json'))
      expect((await readBoundedRegularFile(join(dir, 'link.json'), 10)).length).toBe(10)
    }
  })

  it('refuses a file over the limit before reading it', async () => {
    const file = join(dir, 'big.json')
    writeFileSync(file, '')
    truncateSync(file, 5 * 1024 * 1024 + 1)
    const e = await reasonOf(
      readBoundedRegularFile(file, 5 * 1024 * 1024, { label: 'The manifest' }),
    )
    expect(e.reason).toBe('too-large')
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toMatch(/^The manifest: “.*” is 5 MB; at most 5 MB is read from it\.$/)
    expect(e.details).toMatchObject({ bytes: 5 * 1024 * 1024 + 1, limit: 5 * 1024 * 1024 })
  })

  it.runIf(process.platform === 'linux')(
    'reads at most limit + 1 bytes of a file whose size says 0',
    async () => {
      // /proc files report size 0 and still have content, like a file that grows after the check.
      const e = await reasonOf(readBoundedRegularFile('/proc/self/status', 16))
      expect(e.reason).toBe('too-large')
      expect(e.details?.bytes).toBe(17)
    },
  )

  it('refuses a missing file and a folder', async () => {
    const missing = await reasonOf(readBoundedRegularFile(join(dir, 'gone.json'), 10))
    expect(missing).toMatchObject({ reason: 'missing', code: 'FILE_NOT_FOUND' })
    mkdirSync(join(dir, 'folder'))
    const folder = await reasonOf(readBoundedRegularFile(join(dir, 'folder'), 10))
    expect(folder).toMatchObject({ reason: 'not-a-file', code: 'BAD_REQUEST' })
    expect(folder.message).toMatch(/is a folder/)
  })

  it.runIf(posix)('refuses a named pipe at once, never waiting for a writer', async () => {
    const fifo = join(dir, 'pipe')
    execFileSync('mkfifo', [fifo])
    try {
      const settled = await settlesWithin(readBoundedRegularFile(fifo, 10))
      expect(settled.status).toBe('rejected')
      const e = (settled as PromiseRejectedResult).reason as BoundedReadError
      expect(e.reason).toBe('not-a-file')
      expect(e.message).toMatch(/named pipe \(FIFO\).*could wait forever/)
    } finally {
      releaseFifo(fifo)
    }
  })

  it.runIf(posix)('refuses devices', async () => {
    for (const device of ['/dev/zero', '/dev/null']) {
      const e = await reasonOf(readBoundedRegularFile(device, 10))
      expect(e.reason).toBe('not-a-file')
      expect(e.message).toMatch(/is a device/)
    }
  })
})

describe('the demo manifest named by a project file', () => {
  it.runIf(posix)('is refused at once when it is a named pipe', async () => {
    const fifo = join(dir, 'manifest.json')
    execFileSync('mkfifo', [fifo])
    try {
      const settled = await settlesWithin(createDemoService().manifest(fifo))
      expect(settled.status).toBe('rejected')
      const e = (settled as PromiseRejectedResult).reason as BoundedReadError
      expect(e.code).toBe('BAD_REQUEST')
      expect(e.message).toMatch(/named pipe/)
    } finally {
      releaseFifo(fifo)
    }
  })

  it.runIf(posix)('is refused when it is a device', async () => {
    const e = await appErrorFrom(createDemoService().manifest('/dev/null'))
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toMatch(/device/)
  })

  it('is refused when it is larger than a manifest can be', async () => {
    const big = join(dir, 'manifest.json')
    writeFileSync(big, '')
    truncateSync(big, 6 * 1024 * 1024)
    const e = await appErrorFrom(createDemoService().manifest(big))
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toMatch(/6 MB; at most 5 MB/)
  })

  it('is FILE_NOT_FOUND when it is gone', async () => {
    const e = await appErrorFrom(createDemoService().manifest(join(dir, 'gone.json')))
    expect(e.code).toBe('FILE_NOT_FOUND')
  })
})
