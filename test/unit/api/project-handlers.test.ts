import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { FIRST_ITEM } from '../../support/project-fixtures'
import { createTestContext, type TestContext } from '../../support/handler-context'

let t: TestContext
beforeEach(async () => {
  t = await createTestContext()
})
afterEach(async () => {
  await t.dispose()
})

const note = (text: string) => ({ intents: [{ type: 'item.set', itemId: FIRST_ITEM, note: text }] })

describe('project.*', () => {
  it('runs a project through new, update, save, recent, export and close', async () => {
    const path = join(t.dir, 'kenya')
    const created = await call('project.new', { name: 'Kenya', path }, t.ctx)
    expect(created.ok && created.value.path).toBe(`${path}.chtmig.json`)

    await call('app.setPreferences', { userName: 'Amina' }, t.ctx)
    const updated = await call(
      'project.update',
      { intents: [{ type: 'item.set', itemId: FIRST_ITEM, status: 'done', password: 'hunter2' }] },
      t.ctx,
    )
    // An edit answers with a patch: the changed item and the meta, not the whole document.
    expect(updated.ok && updated.value.items?.[FIRST_ITEM]?.updatedBy).toBe('Amina')
    expect(updated.ok && Object.keys(updated.value.items ?? {})).toEqual([FIRST_ITEM])
    expect(updated.ok && updated.value.meta.dirty).toBe(true)

    const saved = await call('project.save', {}, t.ctx)
    expect(saved.ok && saved.value.meta.dirty).toBe(false)
    expect(readFileSync(`${path}.chtmig.json`, 'utf8')).not.toContain('hunter2')

    const recent = await call('project.recent', {}, t.ctx)
    expect(recent.ok && recent.value.entries.map((e) => e.name)).toEqual(['Kenya'])

    const exported = await call(
      'project.export',
      { format: 'markdown', path: join(t.dir, 'k.md') },
      t.ctx,
    )
    expect(exported.ok && exported.value.bytes).toBeGreaterThan(100)

    const copy = await call('project.saveAs', { path: join(t.dir, 'copy') }, t.ctx)
    expect(copy.ok && copy.value.meta.path).toBe(join(t.dir, 'copy.chtmig.json'))
    expect(await call('project.close', {}, t.ctx)).toEqual({ ok: true, value: { project: null } })
    expect(await call('project.get', {}, t.ctx)).toEqual({ ok: true, value: { project: null } })

    const reopened = await call('project.open', { path: `${path}.chtmig.json` }, t.ctx)
    expect(reopened.ok && reopened.value.document.items[FIRST_ITEM]?.status).toBe('done')
  })

  it('saves a pending autosave instead of reporting unsaved changes, and guards real ones', async () => {
    const slow = await createTestContext({ autosaveMs: 60_000 })
    const path = join(slow.dir, 'pending.chtmig.json')
    await call('project.new', { name: 'Pending', path }, slow.ctx)
    await call('project.update', note('typed just now'), slow.ctx)
    expect(await call('project.close', {}, slow.ctx)).toEqual({
      ok: true,
      value: { project: null },
    })
    expect(readFileSync(path, 'utf8')).toContain('typed just now')

    await call('project.new', { name: 'No file yet' }, slow.ctx)
    const refused = await call('project.close', {}, slow.ctx)
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNSAVED_CHANGES' } })
    const opened = await call('project.open', { path }, slow.ctx)
    expect(opened).toMatchObject({ ok: false, error: { code: 'UNSAVED_CHANGES' } })
    expect(await call('project.open', { path, discardChanges: true }, slow.ctx)).toMatchObject({
      ok: true,
    })
    await slow.dispose()
  })

  it('answers NO_PROJECT where a project is needed, and names a missing file', async () => {
    for (const [op, input] of [
      ['project.save', {}],
      ['project.saveAs', { path: join(t.dir, 'x') }],
      ['project.update', note('x')],
      ['project.export', { format: 'markdown', path: join(t.dir, 'x.md') }],
    ] as const) {
      expect(await call(op, input, t.ctx), op).toMatchObject({
        ok: false,
        error: { code: 'NO_PROJECT' },
      })
    }
    expect(
      await call('project.open', { path: join(t.dir, 'missing.chtmig.json') }, t.ctx),
    ).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_FOUND' },
    })
  })
})
