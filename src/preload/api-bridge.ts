import type { ApiSurface } from '../shared/api-client'
import type { AppEvent } from '../shared/events'
import { EVENT_CHANNEL, opChannel } from '../shared/ipc-channels'
import { OP_NAME_LIST } from '../shared/op-names'

/** The two `ipcRenderer` methods the bridge uses, so it can be built over a stand-in in tests. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

/**
 * Builds `window.api`: one named function per contract operation, plus `onEvent` (SEC-03).
 *
 * Each function invokes its own channel with the input and nothing else, so the page can reach
 * exactly the operations of the contract and no other channel. `onEvent` hands the listener the
 * event payload only, never the Electron event (which carries `sender`, a handle back into IPC).
 * The main side validates every input with the contract's schema; nothing is checked here.
 */
export function createApiBridge(ipc: BridgeIpc): ApiSurface {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const op of OP_NAME_LIST) {
    const dot = op.indexOf('.')
    const namespace = op.slice(0, dot)
    const method = op.slice(dot + 1)
    const channel = opChannel(op)
    const group = (api[namespace] ??= {})
    group[method] = (input: unknown) => ipc.invoke(channel, input)
  }
  const onEvent = (listener: (event: AppEvent) => void): (() => void) => {
    const forward = (_event: unknown, payload: unknown) => listener(payload as AppEvent)
    ipc.on(EVENT_CHANNEL, forward)
    return () => {
      ipc.removeListener(EVENT_CHANNEL, forward)
    }
  }
  return { ...api, onEvent } as unknown as ApiSurface
}
