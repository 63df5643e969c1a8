import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OpName } from '../../../src/shared/contract'
import type { ReportExported } from '../../../src/shared/contract-report'
import type { Result } from '../../../src/shared/result'

// The export's actions over a scripted api client: the job's end may come before or after the
// start's answer, or with no dialog waiting at all (a reloaded page).
const call = vi.hoisted(() => vi.fn<(op: OpName, input: unknown) => Promise<Result<unknown>>>())
vi.mock('../../../src/renderer/src/api/client', () => ({
  getApiClient: () => ({ call, onEvent: () => () => undefined, transport: 'http' }),
}))

import { useStore } from '../../../src/renderer/src/store'

interface Actions {
  runExport(
    input: { format: string; path?: string },
    onStarted: (jobId: string) => void,
  ): Promise<Result<ReportExported>>
  reportExportFinished(jobId: string, outcome: Result<unknown>): void
}
let actions: Actions
beforeAll(async () => {
  actions = (await import(
    /* @vite-ignore */ `${'../../../src/renderer/src/actions'}/report-actions`
  )) as Actions
})

const written: ReportExported = { path: '/p/kenya-plan.pdf', bytes: 4096, download: null }

beforeEach(() => {
  call.mockReset()
  useStore.getState().showNotice(null)
  useStore.getState().clearError()
})

describe('runExport', () => {
  it('resolves with the job value once the job ends', async () => {
    call.mockResolvedValueOnce({ ok: true, value: { jobId: 'j1' } })
    const started = vi.fn()
    const outcome = actions.runExport({ format: 'pdf', path: '/p/kenya-plan.pdf' }, started)
    await vi.waitFor(() => expect(started).toHaveBeenCalledWith('j1'))
    actions.reportExportFinished('j1', { ok: true, value: written })
    await expect(outcome).resolves.toEqual({ ok: true, value: written })
    expect(call).toHaveBeenCalledWith('report.export', { format: 'pdf', path: '/p/kenya-plan.pdf' })
    // The dialog delivers it: nothing shown here.
    expect(useStore.getState().notice).toBeNull()
  })

  it('keeps an end that overtook the start answer', async () => {
    let answer: (r: Result<unknown>) => void = () => undefined
    call.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)))
    const outcome = actions.runExport({ format: 'markdown' }, () => undefined)
    actions.reportExportFinished('j2', {
      ok: false,
      error: { code: 'CANCELLED', message: 'Cancelled.' },
    })
    answer({ ok: true, value: { jobId: 'j2' } })
    await expect(outcome).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
  })

  it('answers a refused start at once', async () => {
    call.mockResolvedValueOnce({ ok: false, error: { code: 'NO_PROJECT', message: 'No project.' } })
    const started = vi.fn()
    await expect(actions.runExport({ format: 'json' }, started)).resolves.toMatchObject({
      ok: false,
    })
    expect(started).not.toHaveBeenCalled()
  })
})

describe('an export nobody waits for', () => {
  it('ends in the notice, or the banner when it failed', () => {
    actions.reportExportFinished('j3', { ok: true, value: written })
    expect(useStore.getState().notice).toBe('Exported the file to /p/kenya-plan.pdf (4 KB).')
    actions.reportExportFinished('j4', {
      ok: false,
      error: { code: 'IO_ERROR', message: 'The disk is full.' },
    })
    expect(useStore.getState().error).toMatchObject({
      title: 'The export failed',
      message: 'The disk is full.',
    })
  })
})
