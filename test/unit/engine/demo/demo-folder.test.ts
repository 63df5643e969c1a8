import { mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  isInsideDir,
  realLocation,
  temporaryDemoFolderOf,
} from '../../../../src/main/engine/demo/demo-folder'
import { registerDemo } from '../../../../src/main/engine/demo/demo-registry'
import { makeTempDir } from '../../../support/project-fixtures'

let temp: ReturnType<typeof makeTempDir>
let demoDir: string
beforeEach(() => {
  temp = makeTempDir('demo-folder')
  demoDir = join(temp.dir, 'cht-migrate-demo-abc123')
  mkdirSync(demoDir)
})
afterEach(() => temp.cleanup())

describe('isInsideDir', () => {
  it.each([
    ['/tmp/demo/demo.chtmig.json', true],
    ['/tmp/demo/a/b/c.md', true],
    ['/tmp/demo', true],
    ['/tmp/demo-other/x.md', false],
    ['/tmp/demox', false],
    ['/tmp/x.md', false],
    ['/elsewhere/demo/x.md', false],
  ])('%s inside /tmp/demo: %s', (path, inside) => {
    expect(isInsideDir(path, '/tmp/demo')).toBe(inside)
  })
})

describe('realLocation', () => {
  it('resolves links in the part that exists and keeps the rest as written', async () => {
    const link = join(temp.dir, 'link')
    symlinkSync(demoDir, link)
    expect(await realLocation(join(link, 'new', 'copy.chtmig.json'))).toBe(
      join(demoDir, 'new', 'copy.chtmig.json'),
    )
  })
})

describe('temporaryDemoFolderOf', () => {
  const file = () => join(demoDir, 'copy.chtmig.json')

  it("names the running demo's folder for a path inside it", async () => {
    const current = { dir: demoDir, kept: false }
    expect(await temporaryDemoFolderOf(file(), current)).toBe(demoDir)
    expect(await temporaryDemoFolderOf(join(temp.dir, 'mine.md'), current)).toBeNull()
  })

  it('sees through a link to the folder, and through a relative path', async () => {
    const link = join(temp.dir, 'shortcut')
    symlinkSync(demoDir, link)
    const current = { dir: demoDir, kept: false }
    expect(await temporaryDemoFolderOf(join(link, 'x.md'), current)).toBe(demoDir)
    expect(await temporaryDemoFolderOf(join(demoDir, 'sub', '..', 'x.md'), current)).toBe(demoDir)
  })

  it('leaves a kept folder alone, and answers null with no demo', async () => {
    expect(await temporaryDemoFolderOf(file(), { dir: demoDir, kept: true })).toBeNull()
    expect(await temporaryDemoFolderOf(file(), null)).toBeNull()
  })

  it("with the registry, also knows another wizard's running demo (not a kept one)", async () => {
    const registry = { registry: true, tmpDir: temp.dir }
    expect(await temporaryDemoFolderOf(file(), null, registry)).toBeNull()
    const dataDir = join(demoDir, 'postgres', 'pgdata')
    const other = await registerDemo({ dir: demoDir, dataDir, kept: false }, { tmpDir: temp.dir })
    const keptDir = join(temp.dir, 'kept')
    const kept = await registerDemo({ dir: keptDir, dataDir, kept: true }, { tmpDir: temp.dir })
    try {
      expect(await temporaryDemoFolderOf(file(), null, registry)).toBe(demoDir)
      expect(await temporaryDemoFolderOf(join(keptDir, 'x.md'), null, registry)).toBeNull()
      // Without asking the registry, only this wizard's demo counts.
      expect(await temporaryDemoFolderOf(file(), null)).toBeNull()
    } finally {
      await other.remove()
      await kept.remove()
    }
    expect(await temporaryDemoFolderOf(file(), null, registry)).toBeNull()
  })
})
