import { describe, expect, it } from 'vitest'
import { ExitCode, exitCodeOf } from '../../../src/main/cli/exit-codes'
import { err, ok } from '../../../src/shared/result'

const result = (verdict: string) => ({ id: 'x', verdict, details: { kind: 'check' } })

describe('exitCodeOf', () => {
  it('maps errors: bad input 2, anything else 1', () => {
    expect(exitCodeOf(err('BAD_REQUEST', 'no'))).toBe(ExitCode.BadInput)
    for (const code of [
      'INTERNAL',
      'CANCELLED',
      'IO_ERROR',
      'JOB_RUNNING',
      'SQL_REFUSED',
    ] as const) {
      expect(exitCodeOf(err(code, 'no')), code).toBe(ExitCode.Error)
    }
  })

  it('maps verdicts: any fail 3, else any error 1, else any warning 4, else 0', () => {
    expect(exitCodeOf(ok({ jobId: 'x' }))).toBe(ExitCode.Ok)
    expect(exitCodeOf(ok(result('pass')))).toBe(ExitCode.Ok)
    expect(exitCodeOf(ok(result('skipped')))).toBe(ExitCode.Ok)
    expect(exitCodeOf(ok(result('warn')))).toBe(ExitCode.WarningsOnly)
    expect(exitCodeOf(ok(result('error')))).toBe(ExitCode.Error)
    expect(exitCodeOf(ok([result('warn'), result('fail'), result('error')]))).toBe(
      ExitCode.CheckFailed,
    )
    expect(exitCodeOf(ok({ results: [result('pass'), result('warn')] }))).toBe(
      ExitCode.WarningsOnly,
    )
    // A value that only looks like it has a verdict (no typed details) is not a result.
    expect(exitCodeOf(ok({ verdict: 'fail' }))).toBe(ExitCode.Ok)
  })
})
