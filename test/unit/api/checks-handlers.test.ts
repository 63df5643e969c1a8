import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { createTestContext, type TestContext } from '../../support/handler-context'
import { fakeDialogs } from '../../support/fake-dialogs'

/**
 * The checks' file inputs in the desktop app (SEC-10): a path typed in the renderer is refused;
 * the native dialog chooses the file and the engine keeps it in the project.
 */
describe('the checks’ files in the desktop app', () => {
  let t: TestContext
  const dialogs = fakeDialogs()
  beforeEach(async () => {
    for (const mock of Object.values(dialogs)) mock.mockReset()
    t = await createTestContext({ face: 'electron', dialogs, acceptTypedPath: () => false })
    const created = await call('project.new', { name: 'Desktop' }, t.ctx)
    if (!created.ok) throw new Error(created.error.message)
  })
  afterEach(async () => t.dispose())

  it('refuses a typed .env path, but takes a Watchdog address and clearing a path', async () => {
    const typed = await call(
      'project.update',
      { intents: [{ type: 'checks.setSources', envPath: '/etc/shadow' }] },
      t.ctx,
    )
    expect(typed).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(t.ctx.project.state!.document.checks.envPath).toBeNull()
    const other = await call(
      'project.update',
      {
        intents: [
          {
            type: 'checks.setSources',
            envPath: null,
            watchdogUrl: 'http://watchdog.example.org:9090',
          },
        ],
      },
      t.ctx,
    )
    expect(other.ok).toBe(true)
    expect(t.ctx.project.state!.document.checks.watchdogUrl).toBe(
      'http://watchdog.example.org:9090',
    )
  })

  it('keeps the file the dialog chose, and nothing when it is dismissed', async () => {
    dialogs.chooseConfigPath
      .mockResolvedValueOnce('/srv/cht-sync/values.yaml')
      .mockResolvedValueOnce(null)
    expect(await call('checks.chooseSource', { kind: 'values' }, t.ctx)).toEqual({
      ok: true,
      value: { path: '/srv/cht-sync/values.yaml' },
    })
    expect(dialogs.chooseConfigPath).toHaveBeenCalledWith('values')
    expect(t.ctx.project.state!.document.checks.valuesPath).toBe('/srv/cht-sync/values.yaml')
    expect(await call('checks.chooseSource', { kind: 'env' }, t.ctx)).toEqual({
      ok: true,
      value: { path: null },
    })
    expect(t.ctx.project.state!.document.checks.envPath).toBeNull()
  })
})

describe('checks.chooseSource elsewhere', () => {
  it('says to type the path where there is no dialog', async () => {
    const t = await createTestContext()
    try {
      await call('project.new', { name: 'Browser' }, t.ctx)
      expect(await call('checks.chooseSource', { kind: 'env' }, t.ctx)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      })
    } finally {
      await t.dispose()
    }
  })
})
