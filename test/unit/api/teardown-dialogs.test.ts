import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { createTestContext, type TestContext } from '../../support/handler-context'
import { fakeDialogs } from '../../support/fake-dialogs'

/**
 * Recording an existing backup in the desktop app (SEC-10): a typed path is refused, the native
 * dialog chooses the file, and dismissing it records nothing.
 */
describe('recording a backup in the desktop app', () => {
  let t: TestContext
  let dir: string
  const dialogs = fakeDialogs()
  beforeEach(async () => {
    for (const mock of Object.values(dialogs)) mock.mockReset()
    dir = await mkdtemp(join(tmpdir(), 'cht-teardown-dialogs-'))
    t = await createTestContext({ face: 'electron', dialogs, acceptTypedPath: () => false })
    const created = await call('project.new', { name: 'Desktop' }, t.ctx)
    if (!created.ok) throw new Error(created.error.message)
  })
  afterEach(async () => {
    await t.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  it('refuses a typed path without opening the dialog', async () => {
    const typed = await call('teardown.recordBackup', { path: '/etc/shadow' }, t.ctx)
    expect(typed).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(dialogs.chooseBackupFile).not.toHaveBeenCalled()
    expect(t.ctx.project.state!.document.teardown.backup).toBeNull()
  })

  it('records nothing when the dialog is dismissed', async () => {
    dialogs.chooseBackupFile.mockResolvedValue(null)
    const dismissed = await call('teardown.recordBackup', {}, t.ctx)
    expect(dismissed).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(t.ctx.project.state!.document.teardown.backup).toBeNull()
  })

  it('takes the file the dialog chose on to the recording, which asks for the couch2pg connection', async () => {
    const file = join(dir, 'not-a-dump.dump')
    await writeFile(file, 'not a pg_dump archive')
    dialogs.chooseBackupFile.mockResolvedValue(file)
    const chosen = await call('teardown.recordBackup', {}, t.ctx)
    expect(dialogs.chooseBackupFile).toHaveBeenCalledOnce()
    expect(chosen).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'Set the couch2pg connection first (Connections page).',
      },
    })
    expect(t.ctx.project.state!.document.teardown.backup).toBeNull()
  })
})
