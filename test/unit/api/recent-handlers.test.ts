import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { createTestContext, type TestContext } from '../../support/handler-context'

let t: TestContext
beforeEach(async () => {
  t = await createTestContext()
})
afterEach(async () => {
  await t.dispose()
})

/** Creates and closes a project, so it is on the recent list; returns its path. */
async function listedProject(name: string): Promise<string> {
  const created = await call('project.new', { name, path: join(t.dir, name) }, t.ctx)
  if (!created.ok) throw new Error(created.error.message)
  await call('project.close', {}, t.ctx)
  return created.value.path!
}

describe('project.recent', () => {
  it('marks an entry whose file is gone as missing, and the others not', async () => {
    const kept = await listedProject('kept')
    const gone = await listedProject('gone')
    rmSync(gone)
    expect(await call('project.recent', {}, t.ctx)).toMatchObject({
      ok: true,
      value: {
        entries: [
          { path: gone, name: 'gone', missing: true },
          { path: kept, name: 'kept', missing: false },
        ],
      },
    })
  })
})

describe('project.forgetRecent', () => {
  it('takes the entry off the list and out of the preferences file, leaving the file', async () => {
    const kept = await listedProject('kept')
    const gone = await listedProject('gone')
    rmSync(gone)
    const forgot = await call('project.forgetRecent', { path: gone }, t.ctx)
    expect(forgot).toEqual({
      ok: true,
      value: { entries: [expect.objectContaining({ path: kept, missing: false })] },
    })
    const file = JSON.parse(readFileSync(join(t.dir, 'config', 'preferences.json'), 'utf8'))
    expect(file.recent.map((e: { path: string }) => e.path)).toEqual([kept])

    // A present file can be forgotten too; the file itself is never touched.
    await call('project.forgetRecent', { path: kept }, t.ctx)
    expect(readFileSync(kept, 'utf8')).toContain('"name": "kept"')
    expect(await call('project.recent', {}, t.ctx)).toEqual({ ok: true, value: { entries: [] } })
  })

  it('answers the list unchanged for a path that is not on it, and refuses an empty one', async () => {
    const kept = await listedProject('kept')
    const unknown = await call('project.forgetRecent', { path: join(t.dir, 'nope') }, t.ctx)
    expect(unknown.ok && unknown.value.entries.map((e) => e.path)).toEqual([kept])
    expect(await call('project.forgetRecent', { path: '' }, t.ctx)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
  })
})
