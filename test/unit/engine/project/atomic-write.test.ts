import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  atomicWriteFile,
  nodeAtomicFs,
  type AtomicFs,
} from '../../../../src/main/engine/project/atomic-write'
import { appErrorFrom as failure } from '../../../support/app-error'
import { makeTempDir } from '../../../support/project-fixtures'

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code })

let dir: string
let cleanup: () => void
let target: string
const tempFiles = () => readdirSync(dir).filter((n) => n.endsWith('tmp'))

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('atomic'))
  target = join(dir, 'kenya.chtmig.json')
})
afterEach(() => cleanup())

describe('atomicWriteFile', () => {
  it('writes a new file without a backup and leaves no temp file', async () => {
    const result = await atomicWriteFile(target, 'first\n')
    expect(result).toEqual({ path: target, bytes: 6 })
    expect(readFileSync(target, 'utf8')).toBe('first\n')
    expect(existsSync(`${target}.bak`)).toBe(false)
    expect(readdirSync(dir)).toEqual(['kenya.chtmig.json'])
  })

  it('keeps the previous version as .bak on every overwrite', async () => {
    await atomicWriteFile(target, 'one')
    await atomicWriteFile(target, 'two')
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe('one')
    await atomicWriteFile(target, 'three')
    expect(readFileSync(target, 'utf8')).toBe('three')
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe('two')
    expect(tempFiles()).toEqual([])
  })

  it('leaves no backup temp behind when the .bak is already the same file as the target', async () => {
    // A writer killed between renaming its backup to .bak and its temp over the file leaves the
    // file and .bak as two names of one inode; rename() between two names of one inode does
    // nothing, so the next backup link must be removed by hand.
    await atomicWriteFile(target, 'one')
    linkSync(target, `${target}.bak`)
    await atomicWriteFile(target, 'two')
    expect(readFileSync(target, 'utf8')).toBe('two')
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe('one')
    expect(tempFiles()).toEqual([])
  })

  it('skips the backup when asked', async () => {
    await atomicWriteFile(target, 'one')
    await atomicWriteFile(target, 'two', { backup: false })
    expect(existsSync(`${target}.bak`)).toBe(false)
  })

  it('keeps the permissions of the file it replaces', async () => {
    await atomicWriteFile(target, 'one')
    chmodSync(target, 0o600)
    await atomicWriteFile(target, 'two')
    expect(statSync(target).mode & 0o777).toBe(0o600)
  })

  it('writes through a symlink to the real file', async () => {
    const real = join(dir, 'real.json')
    writeFileSync(real, 'old')
    const link = join(dir, 'link.json')
    symlinkSync(real, link)
    await atomicWriteFile(link, 'new')
    expect(readFileSync(real, 'utf8')).toBe('new')
    expect(readFileSync(`${real}.bak`, 'utf8')).toBe('old')
    expect(readFileSync(link, 'utf8')).toBe('new')
  })

  it('falls back to a copy for the backup where hard links are refused', async () => {
    await atomicWriteFile(target, 'one')
    const fs: AtomicFs = { ...nodeAtomicFs, link: async () => Promise.reject(errno('EPERM')) }
    await atomicWriteFile(target, 'two', { fs })
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe('one')
    expect(readFileSync(target, 'utf8')).toBe('two')
    expect(tempFiles()).toEqual([])
  })

  it('maps a full disk at the write to DISK_FULL, leaving the old file and no temp file', async () => {
    await atomicWriteFile(target, 'version 1')
    await atomicWriteFile(target, 'version 2')
    const before = readFileSync(target, 'utf8')
    const backupBefore = readFileSync(`${target}.bak`, 'utf8')
    const fs: AtomicFs = {
      ...nodeAtomicFs,
      // A real full disk leaves a partial temp file behind; so does this one.
      writeNew: async (path, data) => {
        await nodeAtomicFs.writeNew(path, String(data).slice(0, 3))
        throw errno('ENOSPC')
      },
    }
    const e = await failure(atomicWriteFile(target, 'new version', { fs }))
    expect(e.code).toBe('DISK_FULL')
    expect(e.message).toMatch(/disk is full; the previous version of the file is untouched/)
    expect(e.details).toMatchObject({ path: target, errno: 'ENOSPC' })
    expect(readFileSync(target, 'utf8')).toBe(before)
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe(backupBefore)
    expect(tempFiles()).toEqual([])
  })

  it('maps a quota error to DISK_FULL too', async () => {
    const fs: AtomicFs = { ...nodeAtomicFs, writeNew: async () => Promise.reject(errno('EDQUOT')) }
    expect((await failure(atomicWriteFile(target, 'x', { fs }))).code).toBe('DISK_FULL')
  })

  it.each(['EACCES', 'EPERM', 'EROFS'])('maps %s at the rename to FILE_READ_ONLY', async (code) => {
    await atomicWriteFile(target, 'old')
    const fs: AtomicFs = {
      ...nodeAtomicFs,
      rename: async (from, to) =>
        to === target ? Promise.reject(errno(code)) : nodeAtomicFs.rename(from, to),
    }
    const e = await failure(atomicWriteFile(target, 'new', { fs }))
    expect(e.code).toBe('FILE_READ_ONLY')
    expect(e.message).toMatch(/Save As/)
    expect(readFileSync(target, 'utf8')).toBe('old')
    expect(tempFiles()).toEqual([])
  })

  it('maps a missing folder to DIR_MISSING', async () => {
    const missing = join(dir, 'unplugged-drive', 'p.json')
    const e = await failure(atomicWriteFile(missing, 'x'))
    expect(e.code).toBe('DIR_MISSING')
    expect(e.message).toContain(join(dir, 'unplugged-drive'))
  })

  it('maps any other errno to IO_ERROR with the code in the details', async () => {
    await atomicWriteFile(target, 'old')
    const fs: AtomicFs = { ...nodeAtomicFs, writeNew: async () => Promise.reject(errno('EIO')) }
    const e = await failure(atomicWriteFile(target, 'x', { fs }))
    expect(e.code).toBe('IO_ERROR')
    expect(e.message).toMatch(/previous version of the file is untouched/)
    expect(e.details).toMatchObject({ errno: 'EIO' })
    expect(readFileSync(target, 'utf8')).toBe('old')
  })

  it('says the file was written when only the folder sync failed', async () => {
    const fs: AtomicFs = { ...nodeAtomicFs, fsyncDir: async () => Promise.reject(errno('EIO')) }
    const e = await failure(atomicWriteFile(target, 'x', { fs }))
    expect(e.code).toBe('IO_ERROR')
    expect(e.message).toMatch(/was written, but .* Save again/)
    expect(readFileSync(target, 'utf8')).toBe('x')
  })

  it('refuses to replace a folder', async () => {
    mkdirSync(target)
    expect((await failure(atomicWriteFile(target, 'x'))).code).toBe('BAD_REQUEST')
    expect(statSync(target).isDirectory()).toBe(true)
  })
})
