import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createPreferencesStore,
  PREFERENCES_FILE,
} from '../../../../src/main/engine/prefs/preferences-store'
import { makeTempDir } from '../../../support/project-fixtures'

// The recent list's rule for files in a demo's temporary folder (`excludeFromRecent`), and
// `removeRecent`, which the welcome screen's "Remove from list" calls.

let dir: string
let cleanup: () => void
const defaults = { userName: 'amina' }
const warn = vi.fn()

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('prefs-rule'))
  warn.mockClear()
})
afterEach(() => cleanup())

const paths = (store: { get(): { recent: { path: string }[] } }) =>
  store.get().recent.map((r) => r.path)
const onDisk = () =>
  (
    JSON.parse(readFileSync(join(dir, PREFERENCES_FILE), 'utf8')) as { recent: { path: string }[] }
  ).recent.map((r) => r.path)

describe('excludeFromRecent', () => {
  it('never lists an excluded file, and takes an earlier entry of it off the list', async () => {
    const excluded = new Set<string>()
    const store = await createPreferencesStore(dir, defaults, {
      warn,
      excludeFromRecent: async (path) => excluded.has(path),
    })
    await store.addRecent('/p/demo.chtmig.json', 'Demo')
    await store.addRecent('/p/kenya.chtmig.json', 'Kenya')
    expect(paths(store)).toEqual(['/p/kenya.chtmig.json', '/p/demo.chtmig.json'])

    excluded.add('/p/demo.chtmig.json')
    await store.addRecent('/p/demo.chtmig.json', 'Demo')
    expect(paths(store)).toEqual(['/p/kenya.chtmig.json'])
    expect(onDisk()).toEqual(['/p/kenya.chtmig.json'])
    await store.addRecent('/p/demo.chtmig.json', 'Demo')
    expect(paths(store)).toEqual(['/p/kenya.chtmig.json'])
  })

  it('lists the file when the rule itself fails, and logs why', async () => {
    const store = await createPreferencesStore(dir, defaults, {
      warn,
      excludeFromRecent: async () => {
        throw new Error('registry unreadable')
      },
    })
    await store.addRecent('/p/kenya.chtmig.json', 'Kenya')
    expect(paths(store)).toEqual(['/p/kenya.chtmig.json'])
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('belongs in the recent list'),
      expect.any(Error),
    )
  })
})

describe('removeRecent', () => {
  it('takes the entry off the list and the file, and leaves the rest as it was', async () => {
    const store = await createPreferencesStore(dir, defaults, { warn })
    await store.addRecent('/p/a.chtmig.json', 'A')
    await store.addRecent('/p/b.chtmig.json', 'B')
    await store.removeRecent('/p/a.chtmig.json')
    expect(paths(store)).toEqual(['/p/b.chtmig.json'])
    expect(onDisk()).toEqual(['/p/b.chtmig.json'])
    const same = store.get()
    expect(await store.removeRecent('/p/not-listed.chtmig.json')).toBe(same)
  })

  it('reports a failed write to the caller (the person asked for it)', async () => {
    const store = await createPreferencesStore(join(dir, 'config'), defaults, { warn })
    await store.addRecent('/p/a.chtmig.json', 'A')
    // The config folder becomes a file: the next write cannot happen.
    cleanup()
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'config'), 'not a folder')
    await expect(store.removeRecent('/p/a.chtmig.json')).rejects.toThrow()
  })
})
