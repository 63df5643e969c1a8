import { describe, expect, it } from 'vitest'
import { judgeServerState } from '../../../../src/main/engine/teardown/execute/server-state'
import { serverFacts } from '../../../support/teardown-execute'

const names = { database: 'couch2pg', deprecated: 'couch2pg_deprecated' }
const renameStatements = ['REVOKE …', 'SELECT …', 'ALTER DATABASE "couch2pg" RENAME TO …']
const restoreStatements = ['ALTER DATABASE "couch2pg_deprecated" RENAME TO …', 'GRANT …']
const db = { owner: 'couch2pg', ownedByUser: false, sessions: [], connectGrantees: [] }
const refusalOf = (verdict: ReturnType<typeof judgeServerState>) => verdict.refusal

describe('the server state a stage needs', () => {
  it('revoke-rename: the database and no _deprecated one', () => {
    const ok = judgeServerState('revoke-rename', serverFacts(), names, renameStatements)
    expect(ok.refusal).toBeNull()
    const renamed = serverFacts({ database: null, deprecated: db })
    expect(refusalOf(judgeServerState('revoke-rename', renamed, names, renameStatements))).toMatch(
      /^couch2pg is already renamed to couch2pg_deprecated/,
    )
    const both = serverFacts({ deprecated: db })
    expect(refusalOf(judgeServerState('revoke-rename', both, names, renameStatements))).toMatch(
      /^Both couch2pg and couch2pg_deprecated exist/,
    )
    const neither = serverFacts({ database: null })
    expect(refusalOf(judgeServerState('drop', neither, names, []))).toMatch(/^Neither/)
  })

  it('restore-rename: _deprecated; when only the rename back was done, it is skipped', () => {
    const renamed = serverFacts({ database: null, deprecated: db })
    const full = judgeServerState('restore-rename', renamed, names, restoreStatements)
    expect(full.refusal === null && [...full.skip.keys()]).toEqual([])
    const half = judgeServerState('restore-rename', serverFacts(), names, restoreStatements)
    expect(half.refusal === null && [...half.skip.entries()]).toEqual([
      [0, 'Already done: couch2pg exists and couch2pg_deprecated does not.'],
    ])
  })

  it('drop: _deprecated must exist', () => {
    expect(refusalOf(judgeServerState('drop', serverFacts(), names, []))).toMatch(
      /^There is no couch2pg_deprecated to drop/,
    )
    const renamed = serverFacts({ database: null, deprecated: db })
    expect(judgeServerState('drop', renamed, names, []).refusal).toBeNull()
  })

  it('asks for a superuser, or the owner with CREATEDB for a rename, and says which', () => {
    const owner = { owner: 'couch2pg', ownedByUser: true, sessions: [], connectGrantees: [] }
    const plain = { user: 'couch2pg', superuser: false, createdb: false, signalBackend: false }
    const notOwner = serverFacts({ ...plain, user: 'reader', database: db })
    expect(refusalOf(judgeServerState('revoke-rename', notOwner, names, []))).toBe(
      'The role reader does not own the database (its owner is couch2pg) and is not a superuser: log in as the owner or a superuser for this stage.',
    )
    const noCreatedb = serverFacts({ ...plain, database: owner })
    expect(refusalOf(judgeServerState('revoke-rename', noCreatedb, names, []))).toContain(
      'lacks CREATEDB',
    )
    const ownerDrop = serverFacts({ ...plain, database: null, deprecated: owner })
    expect(judgeServerState('drop', ownerDrop, names, []).refusal).toBeNull()
    const withOthers = serverFacts({
      ...plain,
      createdb: true,
      database: { ...owner, sessions: [{ user: 'dashboard', application: 'psql', count: 1 }] },
    })
    expect(refusalOf(judgeServerState('revoke-rename', withOthers, names, []))).toContain(
      "may not end other roles' sessions (1 session: dashboard (psql) ×1)",
    )
    const signaller = serverFacts({ ...withOthers, signalBackend: true })
    expect(judgeServerState('revoke-rename', signaller, names, []).refusal).toBeNull()
  })
})
