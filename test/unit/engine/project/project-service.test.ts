import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readProjectFile } from '../../../../src/main/engine/project/project-file'
import { createProjectService } from '../../../../src/main/engine/project/project-service'
import type { ProjectChange, ProjectService } from '../../../../src/main/engine/project/types'
import { createMemoryLog } from '../../../../src/main/engine/log/log'
import { appErrorFrom as failure } from '../../../support/app-error'
import { FIRST_ITEM, makeTempDir, SECOND_ITEM } from '../../../support/project-fixtures'

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

describe('project service: lifecycle', () => {
  it('creates a project in memory: unsaved, no path', async () => {
    const state = await service.create('Kenya')
    expect(state).toMatchObject({
      path: null,
      dirty: true,
      lastSavedAt: null,
      recoveredFromBackup: false,
      lastSaveError: null,
    })
    expect(state.document).toMatchObject({
      format: 'cht-migration-project',
      schemaVersion: 9,
      name: 'Kenya',
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
      appVersion: '9.9.9',
      settings: { staleAfterDays: 7 },
      items: {},
      results: {},
    })
    expect(state.document.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(service.state).toBe(state)
  })

  it('creates a project at a path and saves it at once', async () => {
    const path = join(dir, 'kenya.chtmig.json')
    const state = await service.create('Kenya', path)
    expect(state).toMatchObject({ path, dirty: false, lastSavedAt: T0.toISOString() })
    expect(await readProjectFile(path)).toEqual(state.document)
  })

  it('refuses to create over an existing file and leaves it alone', async () => {
    const path = join(dir, 'taken.json')
    writeFileSync(path, 'someone else’s file')
    const e = await failure(service.create('Kenya', path))
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toMatch(/A file already exists at .*taken\.json.*open it or choose another/)
    expect(readFileSync(path, 'utf8')).toBe('someone else’s file')
    expect(service.state).toBeNull()
  })

  it('round-trips create, update, save and open', async () => {
    const path = join(dir, 'roundtrip.chtmig.json')
    await service.create('Round trip')
    await service.update(
      [
        { type: 'item.set', itemId: FIRST_ITEM, status: 'done', note: 'Checked with the team' },
        { type: 'item.addEvidence', itemId: FIRST_ITEM, evidence: { kind: 'text', text: 'Log' } },
      ],
      'amina',
    )
    const saved = await service.saveAs(path)
    expect(saved.meta).toMatchObject({ path, dirty: false, lastSavedAt: T0.toISOString() })
    // A save answers with what changed (the meta), not the whole document.
    expect(saved.items).toBeUndefined()
    expect(service.state).toMatchObject({ path, dirty: false })

    const other = createProjectService({ appVersion: '9.9.9' })
    const opened = await other.open(path)
    expect(opened.document).toEqual(service.state?.document)
    expect(opened).toMatchObject({ path, dirty: false, recoveredFromBackup: false })
    await other.close()
  })

  it('answers save without a path with BAD_REQUEST and without a project with NO_PROJECT', async () => {
    expect((await failure(service.save())).code).toBe('NO_PROJECT')
    expect((await failure(service.saveAs(join(dir, 'x.json')))).code).toBe('NO_PROJECT')
    expect((await failure(service.update([], 'amina'))).code).toBe('NO_PROJECT')
    await service.create('Kenya')
    expect((await failure(service.save())).code).toBe('BAD_REQUEST')
  })

  it('keeps the current project when opening another file fails', async () => {
    const current = await service.create('Kenya')
    const e = await failure(service.open(join(dir, 'missing.json')))
    expect(e.code).toBe('FILE_NOT_FOUND')
    expect(service.state).toBe(current)
  })

  it('tells listeners about every change: whole states on open and close, patches in between', async () => {
    const seen: ProjectChange[] = []
    const off = service.onChange((change) => seen.push(change))
    await service.create('Kenya')
    await service.update([{ type: 'project.rename', name: 'Kenya 2' }], 'amina')
    await service.close()
    off()
    await service.create('Not seen')
    expect(seen.map((c) => c.state?.document.name ?? null)).toEqual(['Kenya', 'Kenya 2', null])
    expect(seen.map((c) => c.patch === null)).toEqual([true, false, true])
    const revisions = seen.map((c) => c.state?.revision ?? null)
    expect(seen[1]!.patch).toMatchObject({ base: revisions[0], head: { name: 'Kenya 2' } })
    expect(seen[1]!.patch?.meta.revision).toBe(revisions[1])
    // Revisions only grow, across projects too.
    expect(service.state!.revision).toBeGreaterThan(revisions[1]!)
  })

  it('survives a listener that throws, and logs it', async () => {
    const log = createMemoryLog()
    const logged = createProjectService({ appVersion: '9.9.9', log })
    logged.onChange(() => {
      throw new Error('renderer went away')
    })
    await expect(logged.create('Kenya')).resolves.toMatchObject({ dirty: true })
    expect(log.lines.join('\n')).toMatch(
      /a project change listener failed — Error: renderer went away/,
    )
    await logged.close()
  })
})

describe('project service: intents', () => {
  beforeEach(async () => {
    await service.create('Kenya')
  })

  it('applies each kind of intent and stamps who and when', async () => {
    await service.update(
      [
        { type: 'item.set', itemId: FIRST_ITEM, status: 'in_progress' },
        { type: 'item.set', itemId: FIRST_ITEM, note: 'Waiting for the DBA' },
        {
          type: 'item.addEvidence',
          itemId: SECOND_ITEM,
          evidence: { kind: 'file', path: '/tmp/inventory.csv', label: 'Inventory' },
        },
        { type: 'project.rename', name: 'Kenya production' },
        { type: 'settings.set', settings: { staleAfterDays: 3 } },
      ],
      'amina',
    )
    const state = service.state!
    const { document } = state
    expect(document.items[FIRST_ITEM]).toEqual({
      status: 'in_progress',
      note: 'Waiting for the DBA',
      evidence: [],
      updatedBy: 'amina',
      updatedAt: T0.toISOString(),
    })
    const evidence = document.items[SECOND_ITEM]!.evidence
    expect(evidence).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        kind: 'file',
        path: '/tmp/inventory.csv',
        label: 'Inventory',
        addedBy: 'amina',
        addedAt: T0.toISOString(),
      },
    ])
    expect(document.name).toBe('Kenya production')
    expect(document.settings.staleAfterDays).toBe(3)
    expect(state.dirty).toBe(true)

    const removed = await service.update(
      [{ type: 'item.removeEvidence', itemId: SECOND_ITEM, evidenceId: evidence[0]!.id }],
      'brian',
    )
    expect(removed.items?.[SECOND_ITEM]).toMatchObject({ evidence: [], updatedBy: 'brian' })
    expect(Object.keys(removed.items ?? {})).toEqual([SECOND_ITEM])
  })

  it('refuses an item that is not in the catalog', async () => {
    const before = service.state
    const e = await failure(
      service.update([{ type: 'item.set', itemId: 'plan.no-such-item', status: 'done' }], 'amina'),
    )
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toContain('plan.no-such-item')
    expect(service.state).toBe(before)
  })

  it('masks a password pasted into a note or text evidence before it is stored', async () => {
    await service.update(
      [
        { type: 'item.set', itemId: FIRST_ITEM, note: 'Ran it with PGPASSWORD=s3cr3t psql -h db' },
        {
          type: 'item.addEvidence',
          itemId: FIRST_ITEM,
          evidence: { kind: 'text', text: 'curl -u admin:hunter2 https://cht.example.org/medic' },
        },
      ],
      'amina',
    )
    const item = service.state!.document.items[FIRST_ITEM]!
    expect(item.note).toBe('Ran it with PGPASSWORD=••• psql -h db')
    expect(item.evidence[0]).toMatchObject({ kind: 'text' })
    expect(JSON.stringify(item)).not.toMatch(/s3cr3t|hunter2/)
  })

  it('applies a batch all or nothing', async () => {
    const before = service.state!
    const e = await failure(
      service.update(
        [
          { type: 'item.set', itemId: FIRST_ITEM, status: 'done' },
          { type: 'project.rename', name: 'Renamed' },
          { type: 'item.removeEvidence', itemId: FIRST_ITEM, evidenceId: 'gone' },
        ],
        'amina',
      ),
    )
    expect(e.code).toBe('NOT_FOUND')
    expect(service.state).toBe(before)
    expect(before.document.items).toEqual({})
    expect(before.document.name).toBe('Kenya')
  })

  it('refuses a change that would break a limit of the file format', async () => {
    const add = { type: 'item.addEvidence' as const, itemId: FIRST_ITEM }
    const batch = Array.from({ length: 100 }, (_, i) => ({
      ...add,
      evidence: { kind: 'text' as const, text: `entry ${i}` },
    }))
    await service.update(batch, 'amina')
    await service.update(batch, 'amina')
    const e = await failure(service.update(batch.slice(0, 1), 'amina'))
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.details?.field).toBe(`items.${FIRST_ITEM}.evidence`)
    expect(service.state!.document.items[FIRST_ITEM]!.evidence).toHaveLength(200)
  })

  it('accepts an injected item catalog', async () => {
    const custom = createProjectService({ appVersion: '1', isKnownItem: (id) => id === 'x.y' })
    await custom.create('Custom')
    await expect(
      custom.update([{ type: 'item.set', itemId: 'x.y', status: 'done' }], 'amina'),
    ).resolves.toMatchObject({ meta: { dirty: true } })
    expect(
      (await failure(custom.update([{ type: 'item.set', itemId: FIRST_ITEM }], 'a'))).code,
    ).toBe('BAD_REQUEST')
  })
})

describe('recordTeardown', () => {
  it('keeps a valid engine record and refuses an invalid one, changing nothing', async () => {
    await service.create('Kenya')
    const snapshot = { takenAt: T0.toISOString(), statsReset: null, relations: {} }
    const kept = await service.recordTeardown((t) => ({ ...t, snapshots: [snapshot] }))
    expect(kept.snapshots).toEqual([snapshot])
    expect(service.state?.dirty).toBe(true)
    const e = await failure(service.recordTeardown((t) => ({ ...t, graceDays: 0 })))
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toMatch(/graceDays/)
    expect(service.state?.document.teardown.graceDays).toBe(30)
    expect(service.state?.document.teardown.snapshots).toEqual([snapshot])
  })
})
