import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiSurface } from '../../../src/shared/api-client'
import { contract } from '../../../src/shared/contract'
import { EVENT_CHANNEL, opChannel, type AppEvent } from '../../../src/shared/events'

type Listener = (event: unknown, ...args: unknown[]) => void

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>()
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({
        ok: true,
        value: { channel, input },
      })),
      on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)!.add(listener)
      }),
      removeListener: vi.fn(
        (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
          listeners.get(channel)?.delete(listener)
        },
      ),
      send: vi.fn(),
      sendSync: vi.fn(),
    },
  }
})

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value),
  },
  ipcRenderer: electron.ipcRenderer,
}))

let api: ApiSurface
beforeAll(async () => {
  await import('../../../src/preload/index')
  api = electron.exposed.get('api') as ApiSurface
})

const emit = (payload: unknown) => {
  const electronEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] }
  for (const listener of electron.listeners.get(EVENT_CHANNEL) ?? []) {
    ;(listener as Listener)(electronEvent, payload)
  }
}

describe('the preload bridge (SEC-03)', () => {
  it('exposes exactly one global, `api`', () => {
    expect([...electron.exposed.keys()]).toEqual(['api'])
  })

  it('has exactly the contract operations as namespace.method, plus onEvent', () => {
    const exposed = Object.entries(api).flatMap(([namespace, value]) =>
      typeof value === 'function'
        ? [namespace]
        : Object.keys(value as object).map((method) => `${namespace}.${method}`),
    )
    expect(exposed.sort()).toEqual([...Object.keys(contract), 'onEvent'].sort())
  })

  it('exposes no ipcRenderer, generic invoke, send, shell, fs or process', () => {
    const keys = new Set(
      Object.entries(api).flatMap(([k, v]) =>
        typeof v === 'object' && v !== null ? [k, ...Object.keys(v)] : [k],
      ),
    )
    for (const forbidden of [
      'ipcRenderer',
      'invoke',
      'send',
      'sendSync',
      'on',
      'shell',
      'fs',
      'process',
      'require',
    ]) {
      expect(keys.has(forbidden)).toBe(false)
    }
    expect(Object.values(api)).not.toContain(electron.ipcRenderer)
  })

  it('invokes each operation on its own channel with the input only', async () => {
    for (const op of Object.keys(contract)) {
      const [namespace, method] = [op.slice(0, op.indexOf('.')), op.slice(op.indexOf('.') + 1)]
      electron.ipcRenderer.invoke.mockClear()
      const group = (
        api as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>
      )[namespace]!
      const reply = await group[method]!({ probe: op })
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(opChannel(op), {
        probe: op,
      })
      expect(reply).toEqual({ ok: true, value: { channel: opChannel(op), input: { probe: op } } })
    }
  })

  it('hands event listeners the payload only, never the Electron event', () => {
    const received: unknown[][] = []
    const unsubscribe = api.onEvent((...args: unknown[]) => received.push(args))
    const event: AppEvent = { type: 'menu.command', command: 'new' }
    emit(event)
    expect(received).toEqual([[event]])
    unsubscribe()
    emit(event)
    expect(received).toHaveLength(1)
    expect(electron.listeners.get(EVENT_CHANNEL)?.size ?? 0).toBe(0)
  })

  it('keeps separate subscriptions independent', () => {
    const first = vi.fn()
    const second = vi.fn()
    const stopFirst = api.onEvent(first)
    const stopSecond = api.onEvent(second)
    stopFirst()
    emit({ type: 'project.changed', project: null })
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledWith({ type: 'project.changed', project: null })
    stopSecond()
  })
})
