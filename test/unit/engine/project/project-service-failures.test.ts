import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readProjectFile, serializeProject } from '../../../../src/main/engine/project/project-file'
import { createProjectService } from '../../../../src/main/engine/project/project-service'
import type { ProjectService } from '../../../../src/main/engine/project/types'
import type { Intent } from '../../../../src/shared/intents'
import { appErrorFrom as failure } from '../../../support/app-error'
import { controllableFs } from '../../../support/controllable-fs'
import { FIRST_ITEM, makeTempDir, sampleDocument, sha256 } from '../../../support/project-fixtures'

let dir: string
let cleanup: () => void
let service: ProjectService
let path: string

const note = (text: string): Intent[] => [{ type: 'item.set', itemId: FIRST_ITEM, note: text }]
const tempFiles = () => readdirSync(dir).filter((n) => n.endsWith('tmp'))

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('service-failures'))
  path = join(dir, 'kenya.chtmig.json')
})
afterEach(async () => {
  await service?.close()
  chmodSync(dir, 0o755)
  cleanup()
})

describe('project service: save failures', () => {
  it('keeps the old file loadable and the project dirty with the error when the disk is full', async () => {
    const { fs, control } = controllableFs()
    service = createProjectService({ appVersion: '1', autosaveMs: 5, fs })
    await service.create('Kenya', path)
    await service.update(note('saved'), 'amina')
    await service.flush()
    const hash = sha256(path)

    control.writeFails = 'ENOSPC'
    await service.update(note('not saved yet'), 'amina')
    await new Promise((r) => setTimeout(r, 30)) // let the autosave run and fail
    await service.flush()
    expect(service.state).toMatchObject({
      dirty: true,
      lastSaveError: { code: 'DISK_FULL', message: expect.stringMatching(/disk is full/) },
    })
    expect(sha256(path)).toBe(hash)
    expect((await readProjectFile(path)).items[FIRST_ITEM]!.note).toBe('saved')
    expect(tempFiles()).toEqual([])
    expect((await failure(service.save())).code).toBe('DISK_FULL')

    control.writeFails = null
    await expect(service.save()).resolves.toMatchObject({
      meta: { dirty: false, lastSaveError: null },
    })
    expect((await readProjectFile(path)).items[FIRST_ITEM]!.note).toBe('not saved yet')
  })

  it('reports a read-only folder as FILE_READ_ONLY', async () => {
    // Tests run as root here, and root writes through chmod 0o555; there the refusal the kernel
    // would give a normal user (EACCES at the rename) is simulated through the injected fs.
    const asRoot = process.getuid?.() === 0
    const { fs, control } = controllableFs()
    service = createProjectService({ appVersion: '1', autosaveMs: 60_000, fs })
    await service.create('Kenya', path)
    const hash = sha256(path)
    if (asRoot) control.renameFails = 'EACCES'
    else chmodSync(dir, 0o555)

    await service.update(note('change'), 'amina')
    const e = await failure(service.save())
    expect(e.code).toBe('FILE_READ_ONLY')
    expect(e.message).toMatch(/read-only.*Save As/)
    expect(service.state).toMatchObject({ dirty: true, lastSaveError: { code: 'FILE_READ_ONLY' } })
    expect(sha256(path)).toBe(hash)
  })

  it('reports a folder that has gone as DIR_MISSING', async () => {
    service = createProjectService({ appVersion: '1' })
    await service.create('Kenya')
    const e = await failure(service.saveAs(join(dir, 'unplugged', 'kenya.chtmig.json')))
    expect(e.code).toBe('DIR_MISSING')
    expect(service.state).toMatchObject({ path: null, dirty: true })
  })
})

describe('project service: recovering from the backup', () => {
  beforeEach(async () => {
    service = createProjectService({ appVersion: '1', autosaveMs: 5 })
    await service.create('Kenya', path)
    await service.update(note('in the backup'), 'amina')
    await service.save()
    await service.update(note('in the damaged file'), 'amina')
    await service.save()
    await service.close()
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 200)) // cut short, as by a crash
  })

  it('offers the backup, opens it without writing, and replaces the file only on save', async () => {
    const e = await failure(service.open(path))
    expect(e.code).toBe('PROJECT_TRUNCATED')
    expect(e.details?.backupPath).toBe(`${path}.bak`)
    const damaged = sha256(path)

    const state = await service.open(path, { fromBackup: true })
    expect(state).toMatchObject({ path, dirty: true, recoveredFromBackup: true })
    expect(state.document.items[FIRST_ITEM]!.note).toBe('in the backup')

    await service.update(note('recovered and edited'), 'amina')
    await new Promise((r) => setTimeout(r, 30)) // an autosave would have run by now
    await service.flush()
    expect(sha256(path)).toBe(damaged)

    const saved = await service.save()
    expect(saved.meta).toMatchObject({ dirty: false, recoveredFromBackup: false })
    expect((await readProjectFile(path)).items[FIRST_ITEM]!.note).toBe('recovered and edited')
    // The good backup is kept, and the damaged file is set aside rather than overwriting it.
    expect((await readProjectFile(`${path}.bak`)).items[FIRST_ITEM]!.note).toBe('in the backup')
    const aside = readdirSync(dirname(path)).filter((f) => f.includes('.damaged-'))
    expect(aside).toHaveLength(1)
    expect(sha256(join(dirname(path), aside[0]!))).toBe(damaged)
  })
})

describe('project service: no secret reaches the file (SEC-09)', () => {
  const SECRET = 'hunter2-Sup3rS3cret'

  it('drops a password smuggled into an intent', async () => {
    service = createProjectService({ appVersion: '1' })
    await service.create('Kenya', path)
    const smuggled = [
      { type: 'item.set', itemId: FIRST_ITEM, note: 'Connection checked', password: SECRET },
      {
        type: 'item.addEvidence',
        itemId: FIRST_ITEM,
        evidence: { kind: 'text', text: 'psql output', password: SECRET },
      },
      { type: 'settings.set', settings: { staleAfterDays: 3, password: SECRET } },
    ] as unknown as Intent[]
    await service.update(smuggled, 'amina')
    await service.save()
    const text = readFileSync(path, 'utf8')
    expect(text).toContain('Connection checked')
    expect(text).not.toContain(SECRET)
    expect(text).not.toMatch(/password/i)
  })

  it('drops a password from a hand-edited file when it is saved again', async () => {
    const edited = {
      ...JSON.parse(serializeProject(sampleDocument())),
      password: SECRET,
      connections: {
        couchdb: { url: 'https://couch.example.org', username: 'analytics', password: SECRET },
        couch2pg: null,
        chtSync: null,
      },
    }
    edited.items[FIRST_ITEM].password = SECRET
    writeFileSync(path, JSON.stringify(edited))
    service = createProjectService({ appVersion: '1' })
    await service.open(path)
    await service.update(note('edited'), 'amina')
    await service.save()
    const text = readFileSync(path, 'utf8')
    expect(text).toContain('edited')
    expect(text).not.toContain(SECRET)
  })
})
