import { describe, expect, it, vi } from 'vitest'
import type { ApiSurface } from '../../../src/shared/api-client'
import type { AppEvent } from '../../../src/shared/events'
import { createIpcTransport } from '../../../src/renderer/src/api/ipc-transport'

const preferences = {
  userName: 'Ana',
  userRole: '',
  identityConfirmed: true,
  suggestedUserName: 'Ana',
  recent: [],
}

function fakeSurface(overrides: Record<string, Record<string, unknown>> = {}) {
  let emit: (event: unknown) => void = () => undefined
  const surface = {
    app: { preferences: vi.fn(async () => ({ ok: true, value: preferences })) },
    onEvent: (listener: (event: unknown) => void) => {
      emit = listener
      return () => undefined
    },
    ...overrides,
  }
  return { api: surface as unknown as ApiSurface, surface, emit: (e: unknown) => emit(e) }
}

describe('ipc transport', () => {
  it('calls the named preload function of the operation and passes its Result through', async () => {
    const { api, surface } = fakeSurface()
    const client = createIpcTransport(api)
    expect(client.transport).toBe('ipc')
    expect(await client.call('app.preferences', {})).toEqual({ ok: true, value: preferences })
    expect(surface.app.preferences).toHaveBeenCalledWith({})
  })

  it('turns a reply that does not match the contract into INTERNAL', async () => {
    const { api } = fakeSurface({ app: { preferences: async () => ({ ok: true, value: {} }) } })
    expect(await createIpcTransport(api).call('app.preferences', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
  })

  it('turns a missing or throwing preload function into INTERNAL', async () => {
    const throwing = fakeSurface({
      app: {
        preferences: async () => {
          throw new Error('ipc down')
        },
      },
    })
    expect(await createIpcTransport(throwing.api).call('app.preferences', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
    const { api } = fakeSurface()
    expect(await createIpcTransport(api).call('jobs.cancel', { jobId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
  })

  it('validates events before delivering them', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { api, emit } = fakeSurface()
    const received: AppEvent[] = []
    createIpcTransport(api).onEvent((e) => received.push(e))
    emit({ type: 'menu.command', command: 'save' })
    emit({ type: 'menu.command', command: 'format-disk' })
    expect(received).toEqual([{ type: 'menu.command', command: 'save' }])
  })
})
