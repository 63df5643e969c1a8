import { describe, expect, it } from 'vitest'
import { reportToResult } from '../../../../src/main/engine/connections/report-result'
import type { ConnectionReport } from '../../../../src/shared/connections'
import { describeTarget, resultFacts } from '../../../../src/shared/connection-targets'
import { checkResultSchema } from '../../../../src/shared/project-schema'

const base: ConnectionReport = {
  endpoint: 'chtSync',
  ok: true,
  testedAt: '2025-06-01T12:00:00.000Z',
  durationMs: 42,
  target: 'postgres://reader@db.example.org:5432/cht_sync',
  serverVersion: 'PostgreSQL 16.4',
  found: [
    { label: 'Server', value: 'PostgreSQL 16.4' },
    { label: 'Looks like', value: 'CHT Sync 2.x' },
  ],
  detected: { kind: 'cht-sync', chtSyncEra: 'v2' },
  error: null,
}

describe('reportToResult', () => {
  it('stores a passing test on plan.connections with its facts and detections', () => {
    const result = reportToResult(base)
    expect(checkResultSchema.parse(result)).toEqual(result)
    expect(result).toMatchObject({
      checkId: 'connection.chtSync',
      itemId: 'plan.connections',
      title: 'Connection to the CHT Sync PostgreSQL',
      ranAt: base.testedAt,
      endpoint: base.target,
      verdict: 'pass',
      summary: 'Connected to PostgreSQL 16.4. · Looks like: CHT Sync 2.x',
    })
    expect(result.measurements).toMatchObject({ chtSyncEra: 'v2', ok: true, durationMs: 42 })
    expect(resultFacts(result.measurements)).toEqual(base.found)
  })

  it('warns when the test passed with warnings, keeping every warning', () => {
    const result = reportToResult({
      ...base,
      found: [
        ...base.found,
        { label: 'Warning', value: 'Schema public clashes.' },
        { label: 'Warning', value: 'Pipeline 2 needs source.' },
      ],
    })
    expect(result.verdict).toBe('warn')
    expect(result.summary).toContain('Warning: Pipeline 2 needs source.')
    expect(resultFacts(result.measurements).filter((f) => f.label === 'Warning')).toHaveLength(2)
  })

  it('fails with the classified message and hint, and cannot run without a password', () => {
    const error = { kind: 'auth' as const, message: 'Refused.', hint: 'Type it again.' }
    const failed = reportToResult({ ...base, ok: false, found: [], detected: {}, error })
    expect(failed).toMatchObject({ verdict: 'fail', summary: 'Refused. Type it again.' })
    expect(failed.measurements).toMatchObject({
      errorKind: 'auth',
      errorMessage: 'Refused.',
      errorHint: 'Type it again.',
    })
    const noPassword = reportToResult({
      ...base,
      ok: false,
      error: { ...error, kind: 'no_password' },
    })
    expect(noPassword.verdict).toBe('error')
  })

  it('clips a long summary to what the project schema accepts', () => {
    const long = reportToResult({ ...base, found: [{ label: 'Tables', value: 'x'.repeat(6000) }] })
    expect(long.summary.length).toBe(5000)
    expect(() => checkResultSchema.parse(long)).not.toThrow()
  })
})

describe('describeTarget', () => {
  it('never carries a password and brackets IPv6 hosts', () => {
    expect(describeTarget('couchdb', { url: 'https://cht.example.org/', username: 'admin' })).toBe(
      'https://cht.example.org',
    )
    const pg = {
      host: '::1',
      port: 5432,
      database: 'cht sync',
      user: 'ro user',
      ssl: 'disable' as const,
    }
    expect(describeTarget('couch2pg', pg)).toBe('postgres://ro%20user@[::1]:5432/cht%20sync')
  })
})
