import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readProjectFile } from '../../../../src/main/engine/project/project-file'
import { createProjectService } from '../../../../src/main/engine/project/project-service'
import type { ProjectService } from '../../../../src/main/engine/project/types'
import { controllableFs } from '../../../support/controllable-fs'
import { FIRST_ITEM, makeTempDir, sha256 } from '../../../support/project-fixtures'

let dir: string
let cleanup: () => void
let service: ProjectService
const T0 = new Date('2025-06-01T12:00:00.000Z')

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('service'))
  service = createProjectService({ appVersion: '9.9.9', autosaveMs: 60_000, now: () => T0 })
})
afterEach(async () => {
  vi.useRealTimers()
  await service.close()
  cleanup()
})

describe('project service: autosave', () => {
  it('debounces: one write after the changes stop', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { fs, control } = controllableFs()
    const path = join(dir, 'autosave.chtmig.json')
    service = createProjectService({ appVersion: '1', autosaveMs: 1500, fs })
    await service.create('Autosave', path)
    control.writes = 0
    const hash = sha256(path)

    await service.update([{ type: 'item.set', itemId: FIRST_ITEM, note: 'a' }], 'amina')
    vi.advanceTimersByTime(1400)
    await service.update([{ type: 'item.set', itemId: FIRST_ITEM, note: 'ab' }], 'amina')
    vi.advanceTimersByTime(1400)
    expect(control.writes).toBe(0)
    expect(sha256(path)).toBe(hash)

    vi.advanceTimersByTime(100)
    await service.flush()
    expect(control.writes).toBe(1)
    expect((await readProjectFile(path)).items[FIRST_ITEM]!.note).toBe('ab')
    expect(service.state).toMatchObject({ dirty: false, lastSaveError: null })
  })

  it('does not autosave a project that has no file yet', async () => {
    service = createProjectService({ appVersion: '1', autosaveMs: 5 })
    await service.create('No file')
    await service.update([{ type: 'item.set', itemId: FIRST_ITEM, note: 'a' }], 'amina')
    await new Promise((r) => setTimeout(r, 30))
    expect(service.state!.dirty).toBe(true)
  })

  it('flushes the pending autosave of the old project before opening another', async () => {
    const first = join(dir, 'first.chtmig.json')
    const second = join(dir, 'second.chtmig.json')
    await service.create('Second', second)
    await service.create('First', first)
    await service.update([{ type: 'item.set', itemId: FIRST_ITEM, note: 'keep me' }], 'amina')
    await service.open(second)
    expect((await readProjectFile(first)).items[FIRST_ITEM]!.note).toBe('keep me')
    expect(service.state!.document.name).toBe('Second')
  })

  it('flushes on close', async () => {
    const path = join(dir, 'close.chtmig.json')
    await service.create('Close', path)
    await service.update([{ type: 'item.set', itemId: FIRST_ITEM, status: 'done' }], 'amina')
    await service.close()
    expect(service.state).toBeNull()
    expect((await readProjectFile(path)).items[FIRST_ITEM]!.status).toBe('done')
  })

  it('runs one save at a time and writes the latest document', async () => {
    const { fs, control } = controllableFs()
    const path = join(dir, 'serial.chtmig.json')
    service = createProjectService({ appVersion: '1', autosaveMs: 60_000, fs })
    await service.create('Serial', path)
    control.delayMs = 40
    const first = service.save()
    await new Promise((r) => setTimeout(r, 10))
    await service.update([{ type: 'item.set', itemId: FIRST_ITEM, note: 'during save' }], 'amina')
    const second = service.save()
    const third = service.saveAs(path)
    const afterFirst = await first
    expect(afterFirst.meta.dirty).toBe(true) // the change landed while the first save was writing
    await Promise.all([second, third])
    expect(control.maxActive).toBe(1)
    expect(service.state!.dirty).toBe(false)
    expect((await readProjectFile(path)).items[FIRST_ITEM]!.note).toBe('during save')
    expect(existsSync(`${path}.bak`)).toBe(true)
  })
})
