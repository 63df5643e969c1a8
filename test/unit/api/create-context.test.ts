import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HandlerContext } from '../../../src/main/api/context'
import { createHandlerContext } from '../../../src/main/api/create-context'
import { call } from '../../../src/main/api/dispatch'
import { APP_VERSION } from '../../../src/main/engine/app-meta'
import { FIRST_ITEM, makeTempDir } from '../../helpers/project-fixtures'

let dir: string
let cleanup: () => void
let ctx: HandlerContext

beforeEach(async () => {
  ;({ dir, cleanup } = makeTempDir('context'))
  ctx = await createHandlerContext({
    face: 'browser',
    configDir: join(dir, 'config'),
    projectDir: join(dir, 'projects'),
    dialogs: null,
    acceptTypedPath: () => true,
    autosaveMs: 10,
  })
})
afterEach(async () => {
  await ctx.project.close()
  cleanup()
})

describe('createHandlerContext', () => {
  it('wires the app info for the face', async () => {
    const info = await call('app.info', {}, ctx)
    expect(info).toEqual({
      ok: true,
      value: expect.objectContaining({
        name: 'cht-migrate',
        version: APP_VERSION,
        face: 'browser',
        nativeDialogs: false,
        defaultProjectDir: join(dir, 'projects'),
      }),
    })
  })

  it('runs a project through the handler table: new, update, save, recent, export', async () => {
    const path = join(dir, 'kenya')
    const created = await call('project.new', { name: 'Kenya', path }, ctx)
    expect(created.ok && created.value.path).toBe(`${path}.chtmig.json`)

    await call('app.setPreferences', { userName: 'Amina' }, ctx)
    const updated = await call(
      'project.update',
      {
        intents: [
          { type: 'item.set', itemId: FIRST_ITEM, status: 'done', password: 'hunter2-secret' },
        ],
      },
      ctx,
    )
    expect(updated.ok && updated.value.document.items[FIRST_ITEM]?.updatedBy).toBe('Amina')
    const saved = await call('project.save', {}, ctx)
    expect(saved.ok && saved.value.dirty).toBe(false)
    expect(readFileSync(`${path}.chtmig.json`, 'utf8')).not.toContain('hunter2')

    const recent = await call('project.recent', {}, ctx)
    expect(recent.ok && recent.value.entries.map((e) => e.name)).toEqual(['Kenya'])
    const prefsFile = JSON.parse(readFileSync(join(dir, 'config', 'preferences.json'), 'utf8'))
    expect(prefsFile.userName).toBe('Amina')

    const exported = await call(
      'project.export',
      { format: 'markdown', path: join(dir, 'k.md') },
      ctx,
    )
    expect(exported.ok && exported.value.bytes).toBeGreaterThan(100)
  })

  it('saves a pending autosave instead of reporting unsaved changes', async () => {
    const slow = await createHandlerContext({
      face: 'browser',
      configDir: join(dir, 'config'),
      dialogs: null,
      acceptTypedPath: () => true,
      autosaveMs: 60_000,
    })
    const path = join(dir, 'pending.chtmig.json')
    await call('project.new', { name: 'Pending', path }, slow)
    const intents = [{ type: 'item.set', itemId: FIRST_ITEM, note: 'typed just now' }]
    await call('project.update', { intents }, slow)
    expect(await call('project.close', {}, slow)).toEqual({ ok: true, value: { project: null } })
    expect(readFileSync(path, 'utf8')).toContain('typed just now')

    await call('project.new', { name: 'No file yet' }, slow)
    const refused = await call('project.close', {}, slow)
    expect(!refused.ok && refused.error.code).toBe('UNSAVED_CHANGES')
    await slow.project.close()
  })

  it('gives each face its own job registry', async () => {
    const other = await createHandlerContext({
      face: 'cli',
      configDir: join(dir, 'config'),
      dialogs: null,
      acceptTypedPath: () => true,
    })
    expect(other.jobs).not.toBe(ctx.jobs)
    expect(other.face).toBe('cli')
  })
})
