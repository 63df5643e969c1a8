import { describe, expect, it } from 'vitest'
import {
  describeSessions,
  recordText,
  stoppedState,
  withAudit,
  withExecution,
} from '../../../../src/main/engine/teardown/execute/records'
import {
  AUDIT_LIMIT,
  emptyTeardownSettings,
  EXECUTION_LIMIT,
  teardownSettingsSchema,
  type AuditEntry,
  type ExecutionRecord,
} from '../../../../src/shared/teardown/teardown-settings'

const entry = (n: number): AuditEntry => ({
  at: '2026-12-01T12:00:00.000Z',
  by: 'amina',
  stage: 'revoke-rename',
  statement: `-- ${n}`,
  outcome: 'ok',
  message: '',
})
const execution = (n: number): ExecutionRecord => ({
  stage: 'drop',
  at: '2026-12-01T12:00:00.000Z',
  by: 'amina',
  outcome: 'refused',
  message: String(n),
  roles: [],
})
const names = { database: 'couch2pg', deprecated: 'couch2pg_deprecated' }

describe('the audit trail and the executions', () => {
  it('keep the newest AUDIT_LIMIT entries, dropping the oldest, and stay valid', () => {
    let t = withAudit(
      emptyTeardownSettings(),
      Array.from({ length: AUDIT_LIMIT - 1 }, (_, i) => entry(i)),
    )
    expect(t.audit).toHaveLength(AUDIT_LIMIT - 1)
    t = withAudit(t, [entry(-1), entry(-2), entry(-3)])
    expect(t.audit).toHaveLength(AUDIT_LIMIT)
    expect(t.audit[0]!.statement).toBe('-- 2')
    expect(t.audit.at(-1)!.statement).toBe('-- -3')
    expect(teardownSettingsSchema.safeParse(t).success).toBe(true)
  })

  it('keep the newest EXECUTION_LIMIT executions, dropping the oldest, and stay valid', () => {
    let t = emptyTeardownSettings()
    for (let i = 0; i < EXECUTION_LIMIT + 5; i++) t = withExecution(t, execution(i))
    expect(t.executions).toHaveLength(EXECUTION_LIMIT)
    expect(t.executions[0]!.message).toBe('5')
    expect(t.executions.at(-1)!.message).toBe(String(EXECUTION_LIMIT + 4))
    expect(teardownSettingsSchema.safeParse(t).success).toBe(true)
  })

  it('keep messages to one clipped line with credentials masked', () => {
    const text = recordText(`ERROR:  failed\n  DETAIL: password=hunter2 ${'x'.repeat(5000)}`)
    expect(text).not.toContain('\n')
    expect(text).not.toContain('hunter2')
    expect(text.length).toBe(1000)
    expect(text.endsWith('…')).toBe(true)
  })
})

describe('the sentences of a run', () => {
  it('count the sessions by user and application', () => {
    expect(describeSessions([])).toBe('no other session')
    expect(
      describeSessions([
        { user: 'couch2pg', application: '', count: 1 },
        { user: 'dashboard', application: 'metabase', count: 2 },
      ]),
    ).toBe('3 sessions: couch2pg (no application name) ×1, dashboard (metabase) ×2')
  })

  it('say where a stopped stage leaves the database', () => {
    const at = (
      stage: 'revoke-rename' | 'restore-rename' | 'drop',
      done: number,
      uncertain = false,
    ) => stoppedState(stage, { done, total: 3, uncertain }, names)
    expect(at('revoke-rename', 0)).toMatch(/^Nothing was changed on the server: couch2pg/)
    expect(at('revoke-rename', 1)).toContain('1 of 3 statements ran')
    expect(at('revoke-rename', 1)).toContain('Run revoke-rename again')
    expect(at('revoke-rename', 2, true)).toMatch(/^Whether couch2pg was renamed .* is unknown/)
    expect(at('restore-rename', 1)).toContain('Run restore-rename again to finish')
    expect(at('drop', 0)).toContain('couch2pg_deprecated is still there')
    expect(at('drop', 0, true)).toMatch(/^Whether couch2pg_deprecated was dropped is unknown/)
  })
})
