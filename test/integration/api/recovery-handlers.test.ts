import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { createTestContext, type TestContext } from '../../support/handler-context'
import { FIRST_ITEM } from '../../support/project-fixtures'

/**
 * `recovery.*` through `dispatch`, with real contexts: a first wizard keeps a copy of unsaved
 * work; its files (with a process id no system has, as after a crash) are handed to a second
 * wizard's config folder, which offers, restores and discards them.
 */
const GONE_PID = 2 ** 30

let first: TestContext
let second: TestContext
let config: string

/** The first wizard's autosave and session marker, as a crash leaves them, in `config`. */
async function crashWithUnsavedWork(note: string, path?: string) {
  const created = await call('project.new', { name: 'Kenya', ...(path ? { path } : {}) }, first.ctx)
  if (!created.ok) throw new Error(created.error.message)
  await call(
    'project.update',
    { intents: [{ type: 'item.set', itemId: FIRST_ITEM, note }] },
    first.ctx,
  )
  await first.ctx.recovery.flush()
  const from = join(first.dir, 'config')
  cpSync(join(from, 'recovery'), join(config, 'recovery'), { recursive: true })
  mkdirSync(join(config, 'sessions'), { recursive: true })
  for (const dir of ['recovery', 'sessions']) {
    for (const name of readdirSync(join(from, dir)).filter((n) => /manifest|^\d/.test(n))) {
      const target = join(config, dir, name)
      const text = readFileSync(join(from, dir, name), 'utf8')
      writeFileSync(
        target,
        text
          .replace(`"pid": ${process.pid}`, `"pid": ${GONE_PID}`)
          .replace(`"pid":${process.pid}`, `"pid":${GONE_PID}`),
      )
    }
  }
}

beforeEach(async () => {
  // No autosave of the project file during the test: the copy is the newest state.
  first = await createTestContext({ autosaveMs: 60_000 })
  config = join(first.dir, 'second-config')
})
afterEach(async () => {
  await first.dispose()
  await second?.dispose()
})

describe('recovery handlers', () => {
  it('offers a never-saved project after a crash, restores it unsaved, and forgets it once saved', async () => {
    await crashWithUnsavedWork('before the crash')
    second = await createTestContext({ configDir: config })
    const listed = await call('recovery.list', {}, second.ctx)
    if (!listed.ok) throw new Error(listed.error.message)
    expect(listed.value.uncleanEnd).toBe(true)
    expect(listed.value.entries).toEqual([
      expect.objectContaining({ name: 'Kenya', originalPath: null, disk: null, problem: null }),
    ])
    const key = listed.value.entries[0]!.key

    const restored = await call('recovery.restore', { key }, second.ctx)
    if (!restored.ok) throw new Error(restored.error.message)
    expect(restored.value).toMatchObject({ path: null, dirty: true, restoredFromAutosave: true })
    expect(restored.value.document.items[FIRST_ITEM]?.note).toBe('before the crash')
    // This wizard keeps the copy now: not offered again, not lost by a second crash.
    const recoveryDir = join(config, 'recovery')
    expect(readdirSync(recoveryDir).some((n) => n.startsWith(key))).toBe(false)
    expect(readdirSync(recoveryDir)).toHaveLength(2)
    expect((await call('recovery.list', {}, second.ctx)).ok).toBe(true)

    const path = join(second.dir, 'kenya.chtmig.json')
    const saved = await call('project.saveAs', { path }, second.ctx)
    expect(saved.ok).toBe(true)
    await second.ctx.recovery.flush()
    expect(readdirSync(recoveryDir)).toEqual([])
  })

  it('restores a saved project bound to its file, and asks before replacing unsaved work', async () => {
    const path = join(first.dir, 'kenya.chtmig.json')
    await crashWithUnsavedWork('after the last save', path)
    second = await createTestContext({ configDir: config })
    const listed = await call('recovery.list', {}, second.ctx)
    if (!listed.ok) throw new Error(listed.error.message)
    const [entry] = listed.value.entries
    expect(entry).toMatchObject({ originalPath: path, disk: 'older' })

    await call('project.new', { name: 'Other' }, second.ctx)
    const refused = await call('recovery.restore', { key: entry!.key }, second.ctx)
    expect(refused.ok || refused.error.code).toBe('UNSAVED_CHANGES')
    const restored = await call(
      'recovery.restore',
      { key: entry!.key, discardChanges: true },
      second.ctx,
    )
    if (!restored.ok) throw new Error(restored.error.message)
    expect(restored.value).toMatchObject({ path, dirty: true })
    const saved = await call('project.save', {}, second.ctx)
    expect(saved.ok).toBe(true)
    expect(readFileSync(path, 'utf8')).toContain('after the last save')
  })

  it('lists a damaged copy, discards it, and refuses keys that are not copies', async () => {
    await crashWithUnsavedWork('x')
    const recoveryDir = join(config, 'recovery')
    const document = readdirSync(recoveryDir).find((n) => n.endsWith('.chtmig.json'))!
    writeFileSync(join(recoveryDir, document), '\u0000\u0000\u0000')
    second = await createTestContext({ configDir: config })
    const listed = await call('recovery.list', {}, second.ctx)
    if (!listed.ok) throw new Error(listed.error.message)
    const [entry] = listed.value.entries
    expect(entry?.problem).toMatch(/zero bytes/)
    const restore = await call('recovery.restore', { key: entry!.key }, second.ctx)
    expect(restore.ok || restore.error.code).toBe('PROJECT_INVALID')
    const discarded = await call('recovery.discard', { key: entry!.key }, second.ctx)
    expect(discarded.ok && discarded.value.entries).toEqual([])
    expect(existsSync(join(recoveryDir, document))).toBe(false)
    for (const key of ['../../etc/passwd', 'x', `${'a'.repeat(65)}-0123456789abcdef`]) {
      const bad = await call('recovery.discard', { key }, second.ctx)
      expect(bad.ok || bad.error.code).toBe('BAD_REQUEST')
    }
  })
})
