import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createPreferencesStore,
  PREFERENCES_FILE,
} from '../../../../src/main/engine/prefs/preferences-store'
import { makeTempDir } from '../../../support/project-fixtures'

let dir: string
let cleanup: () => void
const defaults = { userName: 'amina' }
const quiet = { warn: vi.fn() }
/** A first run: nothing stamped yet, the login name offered. */
const unconfirmed = {
  userName: '',
  userRole: '',
  identityConfirmed: false,
  suggestedUserName: 'amina',
  recent: [],
}

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('prefs'))
  quiet.warn.mockClear()
})
afterEach(() => cleanup())

describe('preferences store', () => {
  it('starts unconfirmed, the login name only a suggestion, and writes nothing until a change', async () => {
    const configDir = join(dir, 'not', 'yet', 'there')
    const store = await createPreferencesStore(configDir, defaults, quiet)
    expect(store.get()).toEqual(unconfirmed)
    expect(existsSync(configDir)).toBe(false)

    await store.setIdentity({ userName: '  Amina Otieno  ', userRole: ' Data engineer, MoH ' })
    const file = join(configDir, PREFERENCES_FILE)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      userName: 'Amina Otieno',
      userRole: 'Data engineer, MoH',
      identityConfirmed: true,
      recent: [],
    })
    const reloaded = await createPreferencesStore(configDir, defaults, quiet)
    expect(reloaded.get()).toEqual({
      userName: 'Amina Otieno',
      userRole: 'Data engineer, MoH',
      identityConfirmed: true,
      suggestedUserName: 'Amina Otieno',
      recent: [],
    })
  })

  it('keeps the role when a change leaves it out, clears it when given empty, and refuses no name', async () => {
    const store = await createPreferencesStore(dir, defaults, quiet)
    await store.setIdentity({ userName: 'Amina', userRole: 'Hosting lead' })
    expect(await store.setIdentity({ userName: 'Amina O.' })).toMatchObject({
      userName: 'Amina O.',
      userRole: 'Hosting lead',
    })
    expect((await store.setIdentity({ userName: 'Amina', userRole: '  ' })).userRole).toBe('')
    await expect(store.setIdentity({ userName: '   ' })).rejects.toThrow('A name is needed')
    expect(store.get().userName).toBe('Amina')
    const long = await store.setIdentity({ userName: 'n'.repeat(300), userRole: 'r'.repeat(300) })
    expect([long.userName.length, long.userRole.length]).toEqual([200, 200])
  })

  it('keeps at most ten recent files, newest first, without duplicates', async () => {
    let clock = Date.parse('2025-06-01T00:00:00Z')
    const store = await createPreferencesStore(dir, defaults, {
      ...quiet,
      now: () => new Date((clock += 1000)),
    })
    for (let i = 0; i < 12; i++) await store.addRecent(join(dir, `p${i}.json`), `Project ${i}`)
    await store.addRecent(join(dir, 'sub', '..', 'p5.json'), 'Project 5 renamed')
    const recent = store.get().recent
    expect(recent.map((r) => r.name)).toEqual([
      'Project 5 renamed',
      'Project 11',
      'Project 10',
      'Project 9',
      'Project 8',
      'Project 7',
      'Project 6',
      'Project 4',
      'Project 3',
      'Project 2',
    ])
    expect(recent[0]).toEqual({
      path: join(dir, 'p5.json'),
      name: 'Project 5 renamed',
      openedAt: '2025-06-01T00:00:13.000Z',
    })
    expect(store.isRecent(join(dir, 'p11.json'))).toBe(true)
    expect(store.isRecent(join(dir, 'p1.json'))).toBe(false)

    await store.removeRecent(join(dir, 'p11.json'))
    expect(store.isRecent(join(dir, 'p11.json'))).toBe(false)
    const onDisk = JSON.parse(readFileSync(join(dir, PREFERENCES_FILE), 'utf8'))
    expect(onDisk.recent).toHaveLength(9)
  })

  it('writes one at a time so that the last change wins on disk', async () => {
    const store = await createPreferencesStore(dir, defaults, quiet)
    await Promise.all(
      Array.from({ length: 15 }, (_, i) => store.addRecent(join(dir, `p${i}.json`), `P${i}`)),
    )
    const onDisk = JSON.parse(readFileSync(join(dir, PREFERENCES_FILE), 'utf8'))
    expect(onDisk.recent).toEqual(store.get().recent)
    expect(onDisk.recent[0].name).toBe('P14')
    expect(readdirSync(dir).filter((n) => n.endsWith('tmp'))).toEqual([])
  })

  it.each([
    ['garbage', '{"userName": "amina", "rec'],
    ['wrong types', JSON.stringify({ userName: 42, recent: 'none' })],
  ])('moves a damaged file (%s) aside and uses the defaults', async (_kind, text) => {
    const file = join(dir, PREFERENCES_FILE)
    writeFileSync(file, text)
    const store = await createPreferencesStore(dir, defaults, {
      ...quiet,
      now: () => new Date('2025-06-01T10:20:30.456Z'),
    })
    expect(store.get()).toEqual(unconfirmed)
    const aside = join(dir, `${PREFERENCES_FILE}.corrupt-2025-06-01T10-20-30-456Z`)
    expect(readFileSync(aside, 'utf8')).toBe(text)
    expect(existsSync(file)).toBe(false)
    expect(quiet.warn).toHaveBeenCalledWith(expect.stringContaining('moved to'), null)
  })

  it('suggests the login name when the stored one is blank', async () => {
    writeFileSync(join(dir, PREFERENCES_FILE), JSON.stringify({ userName: '  ', recent: [] }))
    const store = await createPreferencesStore(dir, defaults, quiet)
    expect(store.get()).toEqual(unconfirmed)
  })

  it('reads a file of an older version as unconfirmed, its name kept as the suggestion only', async () => {
    const recent = [{ path: join(dir, 'p.json'), name: 'P', openedAt: '2025-06-01T00:00:00.000Z' }]
    const file = join(dir, PREFERENCES_FILE)
    writeFileSync(file, JSON.stringify({ userName: 'root', recent }))
    const store = await createPreferencesStore(dir, defaults, quiet)
    expect(store.get()).toEqual({ ...unconfirmed, suggestedUserName: 'root', recent })
    expect(quiet.warn).not.toHaveBeenCalled()
    // A change to the recent list keeps the file unconfirmed; confirming writes the flag.
    await store.removeRecent(join(dir, 'p.json'))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ identityConfirmed: false })
    await store.setIdentity({ userName: 'root' })
    expect(store.get()).toMatchObject({ userName: 'root', identityConfirmed: true })
  })

  it.each([
    ['a flag of the wrong type', { userName: 'Amina', identityConfirmed: 'yes', userRole: 7 }],
    ['a confirmed blank name', { userName: ' ', identityConfirmed: true, userRole: 'Lead' }],
  ])('reads %s as unconfirmed without moving the file aside', async (_kind, fields) => {
    const file = join(dir, PREFERENCES_FILE)
    writeFileSync(file, JSON.stringify({ ...fields, recent: [] }))
    const store = await createPreferencesStore(dir, defaults, quiet)
    expect(store.get()).toMatchObject({ userName: '', userRole: '', identityConfirmed: false })
    expect(existsSync(file)).toBe(true)
    expect(quiet.warn).not.toHaveBeenCalled()
  })

  it('cuts an overlong stored role to 200 characters', async () => {
    const fields = { userName: 'Amina', userRole: 'r'.repeat(500), identityConfirmed: true }
    writeFileSync(join(dir, PREFERENCES_FILE), JSON.stringify({ ...fields, recent: [] }))
    const store = await createPreferencesStore(dir, defaults, quiet)
    expect(store.get().userRole).toHaveLength(200)
  })

  it('reports a failed name change but only logs a failed recent-list write', async () => {
    const blocker = join(dir, 'config-is-a-file')
    writeFileSync(blocker, '')
    const store = await createPreferencesStore(blocker, defaults, quiet)
    expect(quiet.warn).toHaveBeenLastCalledWith(
      expect.stringMatching(/could not read .* using the defaults/),
      expect.objectContaining({ code: 'ENOTDIR' }),
    )
    await expect(store.addRecent(join(dir, 'p.json'), 'P')).resolves.toMatchObject({
      recent: [{ name: 'P' }],
    })
    expect(quiet.warn).toHaveBeenLastCalledWith(
      expect.stringContaining('could not save'),
      expect.anything(),
    )
    await expect(store.setIdentity({ userName: 'Brian' })).rejects.toThrow()
  })
})
