import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DemoStatus, OpName } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/result'

// The demo card's and the recent list's actions, over a scripted api client.
const call = vi.hoisted(() => vi.fn<(op: OpName, input: unknown) => Promise<Result<unknown>>>())
vi.mock('../../../src/renderer/src/api/client', () => ({
  getApiClient: () => ({ call, onEvent: () => () => undefined, transport: 'http' }),
}))

import { useStore } from '../../../src/renderer/src/store'

/**
 * The actions reach the page's address bar and api client through `window`, which this
 * node-typed test project has no types for: they are loaded by a path TypeScript does not
 * follow, and typed by what the tests use.
 */
interface Actions {
  refreshDemoStatus(): Promise<void>
  reopenDemo(): Promise<boolean>
  stopRunningDemo(): Promise<boolean>
  forgetRecent(path: string, name: string): Promise<boolean>
  startDemo(variant?: Record<string, unknown>): Promise<string | null>
}
const ACTIONS = '../../../src/renderer/src/actions'
let actions: Actions
beforeAll(async () => {
  actions = {
    ...((await import(/* @vite-ignore */ `${ACTIONS}/demo-actions`)) as Actions),
    ...((await import(/* @vite-ignore */ `${ACTIONS}/project-actions`)) as Actions),
  }
})
const refreshDemoStatus = () => actions.refreshDemoStatus()
const reopenDemo = () => actions.reopenDemo()
const stopRunningDemo = () => actions.stopRunningDemo()
const forgetRecent = (path: string, name: string) => actions.forgetRecent(path, name)

const running: DemoStatus = {
  running: true,
  endpoints: null,
  manifestPath: '/tmp/d/manifest.json',
  dir: '/tmp/d',
  kept: false,
  projectPath: '/tmp/d/demo.chtmig.json',
  size: 'small',
  documents: 20_000,
  startedAt: '2026-01-01T00:00:00.000Z',
  failure: null,
}
const stopped: DemoStatus = {
  ...running,
  running: false,
  manifestPath: null,
  dir: null,
  projectPath: null,
  size: null,
  documents: null,
  startedAt: null,
}
const ok = <T>(value: T): Result<T> => ({ ok: true, value })

beforeEach(() => {
  call.mockReset()
  useStore.setState({ demo: null, error: null, announcement: null, recent: [], project: null })
  // adopt() records the overview in the address, as the page does.
  vi.stubGlobal('window', { history: { replaceState: vi.fn() }, location: { hash: '' } })
})
afterEach(() => vi.unstubAllGlobals())

describe('refreshDemoStatus', () => {
  it('keeps the newest answer when two cross on the way', async () => {
    let answerFirst: (r: Result<unknown>) => void = () => undefined
    call.mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)))
    call.mockResolvedValueOnce(ok(stopped))
    const first = refreshDemoStatus()
    await refreshDemoStatus()
    answerFirst(ok(running))
    await first
    expect(useStore.getState().demo).toEqual(stopped)
  })
})

describe('stopRunningDemo', () => {
  it('stops the demo, takes the new status and says its folder was removed', async () => {
    useStore.setState({ demo: running })
    call.mockImplementation(async (op) => {
      if (op === 'demo.stop') return ok({ stopped: true })
      if (op === 'demo.status') return ok(stopped)
      return ok({ entries: [] })
    })
    expect(await stopRunningDemo()).toBe(true)
    expect(call.mock.calls.map(([op]) => op)).toContain('demo.stop')
    expect(useStore.getState().demo).toEqual(stopped)
    expect(useStore.getState().announcement?.text).toBe(
      'The demo deployment stopped and its folder was removed.',
    )
  })

  it('says where a kept demo’s files stay, and shows a failure', async () => {
    useStore.setState({ demo: { ...running, kept: true } })
    call.mockImplementation(async (op) =>
      op === 'demo.stop' ? ok({ stopped: true }) : op === 'demo.status' ? ok(stopped) : ok({}),
    )
    await stopRunningDemo()
    expect(useStore.getState().announcement?.text).toContain('Its files stay in /tmp/d.')

    call.mockImplementation(async (op) =>
      op === 'demo.stop'
        ? { ok: false, error: { code: 'IO_ERROR', message: 'disk' } }
        : ok({ ...running }),
    )
    expect(await stopRunningDemo()).toBe(false)
    expect(useStore.getState().error).toMatchObject({
      title: 'Could not stop the demo deployment',
      message: 'disk',
    })
  })
})

describe('reopenDemo', () => {
  it('asks the engine to open its demo project (no path from the page) and shows it', async () => {
    const project = { document: { id: 'd', name: 'Demo deployment' }, path: '/tmp/d/x' }
    call.mockImplementation(async (op) =>
      op === 'demo.reopen' ? ok(project) : ok({ entries: [] }),
    )
    expect(await reopenDemo()).toBe(true)
    expect(call).toHaveBeenCalledWith('demo.reopen', {})
    expect(useStore.getState().project).toMatchObject({ path: '/tmp/d/x' })
    expect(useStore.getState().announcement?.text).toBe('Opened “Demo deployment”.')
  })

  it('shows why it could not, and asks for the status again', async () => {
    call.mockImplementation(async (op) =>
      op === 'demo.reopen'
        ? { ok: false, error: { code: 'NOT_FOUND', message: 'No demo deployment is running.' } }
        : ok(stopped),
    )
    expect(await reopenDemo()).toBe(false)
    expect(useStore.getState().error?.title).toBe('Could not reopen the demo project')
    expect(useStore.getState().demo).toEqual(stopped)
  })
})

describe('forgetRecent', () => {
  it('takes the list the engine answers, and announces it', async () => {
    const left = [{ path: '/p/b', name: 'B', openedAt: '2026-01-01T00:00:00Z', missing: false }]
    call.mockResolvedValueOnce(ok({ entries: left }))
    expect(await forgetRecent('/p/a', 'A')).toBe(true)
    expect(call).toHaveBeenCalledWith('project.forgetRecent', { path: '/p/a' })
    expect(useStore.getState().recent).toEqual(left)
    expect(useStore.getState().announcement?.text).toBe('Removed “A” from the recent projects.')
  })

  it('shows a failure with the file it was about', async () => {
    call.mockResolvedValueOnce({ ok: false, error: { code: 'IO_ERROR', message: 'read-only' } })
    expect(await forgetRecent('/p/a', 'A')).toBe(false)
    expect(useStore.getState().error).toMatchObject({ message: 'read-only', path: '/p/a' })
  })
})

describe('startDemo', () => {
  it('asks for the small demo with the variant chosen under Demo options', async () => {
    call.mockResolvedValueOnce(ok({ jobId: 'j1' }))
    await expect(
      actions.startDemo({ discrepancies: 'none', couch2pgRelease: '3.5', syncUsers: false }),
    ).resolves.toBe('j1')
    expect(call).toHaveBeenLastCalledWith('demo.start', {
      size: 'small',
      discrepancies: 'none',
      couch2pgRelease: '3.5',
      syncUsers: false,
    })
  })
})
