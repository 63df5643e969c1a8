import type { AppEvent } from './events'
import type { OpInput, OpName, OpOutput } from './contract'
import type { Result } from './result'

type Namespace = OpName extends `${infer N}.${string}` ? N : never
type MethodsOf<N extends string> = {
  [K in OpName as K extends `${N}.${infer M}` ? M : never]: (
    input: OpInput<K>,
  ) => Promise<Result<OpOutput<K>>>
}

/**
 * The shape of `window.api` in Electron: one named function per operation, grouped by namespace
 * (`window.api.project.open(input)`), plus the event subscription. Never a generic invoke (SEC-03).
 */
export type ApiSurface = { [N in Namespace]: MethodsOf<N> } & {
  onEvent(listener: (event: AppEvent) => void): () => void
}

/**
 * What the renderer talks to, whatever the transport.
 *
 * Built over `window.api` in Electron and over HTTP in browser mode, so the rest of the UI cannot
 * tell which one it has.
 */
export interface ApiClient {
  call<K extends OpName>(op: K, input: OpInput<K>): Promise<Result<OpOutput<K>>>
  /** Subscribes to main-side events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void
  readonly transport: 'ipc' | 'http'
}
