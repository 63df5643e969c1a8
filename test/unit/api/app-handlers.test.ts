import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call, dispatch } from '../../../src/main/api/dispatch'
import { APP_VERSION, defaultUserName } from '../../../src/main/engine/app-meta'
import { FIRST_ITEM } from '../../support/project-fixtures'
import { createTestContext, type TestContext } from '../../support/handler-context'

let t: TestContext
beforeEach(async () => {
  t = await createTestContext()
})
afterEach(async () => {
  await t.dispose()
})

describe('app.*', () => {
  it('describes this build and face, with where the log is', async () => {
    expect(await call('app.info', {}, t.ctx)).toEqual({
      ok: true,
      value: {
        name: 'cht-migrate',
        version: APP_VERSION,
        face: 'browser',
        nativeDialogs: false,
        defaultProjectDir: join(t.dir, 'projects'),
        docsBaseUrl: 'https://docs.communityhealthtoolkit.org',
        logPath: join(t.dir, 'cht-migrate.log'),
      },
    })
  })

  it('keeps the user name and role in the preferences file, refusing an empty name', async () => {
    const before = await call('app.preferences', {}, t.ctx)
    expect(before).toMatchObject({ ok: true, value: { userName: '', identityConfirmed: false } })
    const set = await call(
      'app.setPreferences',
      { userName: '  Amina  ', userRole: ' Data engineer ' },
      t.ctx,
    )
    expect(set).toMatchObject({
      ok: true,
      value: { userName: 'Amina', userRole: 'Data engineer', identityConfirmed: true },
    })
    expect(await call('app.preferences', {}, t.ctx)).toMatchObject({ value: { userName: 'Amina' } })
    const file = JSON.parse(readFileSync(join(t.dir, 'config', 'preferences.json'), 'utf8'))
    expect(file).toMatchObject({ userName: 'Amina', userRole: 'Data engineer' })
    const empty = await call('app.setPreferences', { userName: '   ' }, t.ctx)
    expect(empty).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    const long = await call(
      'app.setPreferences',
      { userName: 'A', userRole: 'r'.repeat(201) },
      t.ctx,
    )
    expect(long).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('stamps no name on a change until the person says who they are, never the login name', async () => {
    await call('project.new', { name: 'Kenya', path: join(t.dir, 'kenya') }, t.ctx)
    const set = (note: string) =>
      call('project.update', { intents: [{ type: 'item.set', itemId: FIRST_ITEM, note }] }, t.ctx)
    const before = await set('first')
    expect(before.ok && before.value.items?.[FIRST_ITEM]?.updatedBy).toBe('')
    const prefs = await call('app.preferences', {}, t.ctx)
    expect(prefs.ok && prefs.value.suggestedUserName).toBe(defaultUserName())
    await call('app.setPreferences', { userName: 'Amina' }, t.ctx)
    const after = await set('second')
    expect(after.ok && after.value.items?.[FIRST_ITEM]?.updatedBy).toBe('Amina')
  })

  it('turns an unexpected failure into INTERNAL pointing at the log, with the detail only there', async () => {
    const broken = {
      ...t.ctx,
      prefs: {
        ...t.ctx.prefs,
        get: () => {
          throw new TypeError('preferences went away at /home/amina/.config')
        },
      },
    }
    const result = await dispatch('app.preferences', {}, broken)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `Something went wrong inside the wizard. The details are in its log: ${t.log.path}`,
      },
    })
    expect(t.log.lines.join('\n')).toMatch(
      /operation app.preferences failed — TypeError: preferences went away/,
    )
  })

  it('answers an unknown operation with NOT_FOUND and bad input with BAD_REQUEST', async () => {
    expect(await dispatch('app.nothing', {}, t.ctx)).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect(await dispatch('app.info', { extra: 1 }, t.ctx)).toMatchObject({
      error: { code: 'BAD_REQUEST' },
    })
  })
})
