import {
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readProjectFile, serializeProject } from '../../../../src/main/engine/project/project-file'
import { createProjectService } from '../../../../src/main/engine/project/project-service'
import type { ProjectService } from '../../../../src/main/engine/project/types'
import { MAX_PROJECT_BYTES } from '../../../../src/shared/project-schema'
import {
  createRecoveryStore,
  type RecoveryStore,
} from '../../../../src/main/engine/recovery/recovery-store'
import { FIRST_ITEM, makeTempDir } from '../../../support/project-fixtures'

let dir: string
let cleanup: () => void
let service: ProjectService
let store: RecoveryStore
const recoveryDir = () => join(dir, 'config', 'recovery')
const files = () => (existsSync(recoveryDir()) ? readdirSync(recoveryDir()).sort() : [])
const edit = (note: string) =>
  service.update([{ type: 'item.set', itemId: FIRST_ITEM, note }], 'amina')

/** A second run on the same config folder: the first one's process counts as gone. */
const laterRun = (alive = false) =>
  createRecoveryStore({
    configDir: join(dir, 'config'),
    project: createProjectService({ appVersion: '1', autosaveMs: 60_000 }),
    appVersion: '1',
    uncleanEnd: true,
    isAlive: () => alive,
  })

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('recovery'))
  service = createProjectService({ appVersion: '1', autosaveMs: 60_000 })
  store = createRecoveryStore({
    configDir: join(dir, 'config'),
    project: service,
    appVersion: '1',
    uncleanEnd: false,
    intervalMs: 20,
  })
})
afterEach(async () => {
  await service.close()
  await store.flush()
  cleanup()
})

describe('recovery store: writing the copy', () => {
  it('keeps a copy of a never-saved project once the interval passes, not before', async () => {
    await service.create('Kenya')
    await edit('first')
    expect(files()).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 60))
    await store.flush()
    const names = files()
    expect(names).toHaveLength(2)
    const document = names.find((n) => n.endsWith('.chtmig.json'))!
    const text = readFileSync(join(recoveryDir(), document), 'utf8')
    // The project file's own serializer: only the schema's fields, never a password.
    expect(text).toBe(serializeProject(service.state!.document))
    const manifest = JSON.parse(
      readFileSync(
        join(
          recoveryDir(),
          names.find((n) => n.endsWith('.manifest.json'))!,
        ),
        'utf8',
      ),
    )
    expect(manifest).toMatchObject({
      name: 'Kenya',
      originalPath: null,
      owner: { pid: process.pid },
    })
  })

  it('removes the copy when the project is saved', async () => {
    await service.create('Kenya')
    await edit('a')
    await store.flush()
    expect(files()).toHaveLength(2)
    await service.saveAs(join(dir, 'kenya.chtmig.json'))
    await store.flush()
    expect(files()).toEqual([])
  })

  it('removes the copy when the project is closed (Don’t Save) or replaced', async () => {
    await service.create('Kenya')
    await edit('a')
    await store.flush()
    await service.close()
    await store.flush()
    expect(files()).toEqual([])
    await service.create('Uganda')
    await edit('b')
    await store.flush()
    await service.create('Malawi')
    await store.flush()
    expect(files()).toHaveLength(2)
    expect(readFileSync(join(recoveryDir(), files()[0]!), 'utf8')).toContain('Malawi')
  })

  it('keeps the copy of unsaved work on a clean shutdown, for the welcome screen', async () => {
    await service.create('Kenya')
    await edit('kept')
    await store.dispose()
    const later = await laterRun().list()
    expect(later.entries).toEqual([
      expect.objectContaining({ name: 'Kenya', originalPath: null, disk: null, problem: null }),
    ])
    expect(later.uncleanEnd).toBe(true)
  })
})

describe('recovery store: listing and restoring', () => {
  it('hides the copies of running wizards, this one included', async () => {
    await service.create('Kenya')
    await edit('a')
    await store.flush()
    expect((await store.list()).entries).toEqual([])
    expect((await laterRun(true).list()).entries).toEqual([])
    const run = laterRun(false)
    const [entry] = (await run.list()).entries
    const loaded = await run.load(entry!.key)
    expect(loaded.document.items[FIRST_ITEM]?.note).toBe('a')
    await expect(store.load(entry!.key)).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(store.discard(entry!.key)).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('says whether the file on disk is newer or older than the copy, or gone', async () => {
    const path = join(dir, 'kenya.chtmig.json')
    await service.create('Kenya', path)
    await edit('a')
    await store.flush()
    const run = laterRun()
    expect((await run.list()).entries[0]?.disk).toBe('older')
    const future = new Date(Date.now() + 60_000)
    utimesSync(path, future, future)
    expect((await run.list()).entries[0]).toMatchObject({ originalPath: path, disk: 'newer' })
    rmSync(path)
    expect((await run.list()).entries[0]?.disk).toBe('missing')
  })

  it('lists damaged, crafted and huge copies with their problem, and discards them', async () => {
    await service.create('Kenya')
    await edit('a')
    await store.dispose()
    const [good] = files().filter((n) => n.endsWith('.chtmig.json'))
    const key = good!.replace('.chtmig.json', '')
    const manifestPath = join(recoveryDir(), `${key}.manifest.json`)
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    // Cut short, as a power cut during a write elsewhere could leave it.
    const cut = 'a1b2-0000000000000001'
    writeFileSync(join(recoveryDir(), `${cut}.chtmig.json`), '{"format": "cht-migr')
    writeFileSync(join(recoveryDir(), `${cut}.manifest.json`), JSON.stringify(manifest))
    // A crafted description naming another project than its document.
    const crafted = 'c3d4-0000000000000002'
    writeFileSync(
      join(recoveryDir(), `${crafted}.chtmig.json`),
      readFileSync(join(recoveryDir(), good!)),
    )
    writeFileSync(
      join(recoveryDir(), `${crafted}.manifest.json`),
      JSON.stringify({ ...manifest, projectId: 'other', originalPath: '/etc/passwd' }),
    )
    // Larger than any project may be (sparse: nothing is really written).
    const huge = 'e5f6-0000000000000003'
    writeFileSync(join(recoveryDir(), `${huge}.chtmig.json`), '')
    truncateSync(join(recoveryDir(), `${huge}.chtmig.json`), MAX_PROJECT_BYTES + 1)
    writeFileSync(join(recoveryDir(), `${huge}.manifest.json`), '{not json')
    // Names that are not copies are never read.
    writeFileSync(join(recoveryDir(), 'notes.txt'), 'hello')
    writeFileSync(join(recoveryDir(), '..chtmig.json'), 'x')

    const run = laterRun()
    const { entries } = await run.list()
    const byKey = Object.fromEntries(entries.map((e) => [e.key, e]))
    expect(Object.keys(byKey).sort()).toEqual([cut, crafted, huge, key].sort())
    expect(byKey[key]?.problem).toBeNull()
    expect(byKey[cut]?.problem).toMatch(/cut short/)
    expect(byKey[crafted]?.problem).toMatch(/different projects/)
    expect(byKey[huge]?.problem).toMatch(/at most/)
    for (const bad of [cut, crafted, huge]) {
      await expect(run.load(bad)).rejects.toMatchObject({ code: 'PROJECT_INVALID' })
    }
    const after = await run.discard(crafted)
    expect(after.entries.map((e) => e.key)).not.toContain(crafted)
    expect(existsSync(join(recoveryDir(), `${crafted}.chtmig.json`))).toBe(false)
    await expect(run.load(crafted)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('project service: a restored copy', () => {
  it('is unsaved, bound to its file, and not autosaved over it until saved', async () => {
    const path = join(dir, 'kenya.chtmig.json')
    const fast = createProjectService({ appVersion: '1', autosaveMs: 5 })
    await fast.create('Kenya', path)
    const onDisk = readFileSync(path, 'utf8')
    const document = { ...fast.state!.document, name: 'Kenya (restored)' }
    const restored = await fast.restore(document, path)
    expect(restored).toMatchObject({ path, dirty: true, restoredFromAutosave: true })
    await fast.update([{ type: 'item.set', itemId: FIRST_ITEM, note: 'later' }], 'amina')
    await new Promise((resolve) => setTimeout(resolve, 40))
    await fast.flush()
    expect(readFileSync(path, 'utf8')).toBe(onDisk)
    const saved = await fast.save()
    expect(saved.meta).toMatchObject({ dirty: false, restoredFromAutosave: false })
    expect((await readProjectFile(path)).name).toBe('Kenya (restored)')
    await fast.close()
  })
})
