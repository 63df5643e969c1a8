import type { Log } from '../log/log'

/** One stream of events with any number of listeners; a failing listener never stops the rest. */
export interface EventHub<E> {
  emit(event: E): void
  /** Listens until the returned function is called. */
  subscribe(listener: (event: E) => void): () => void
  readonly listenerCount: number
}

export function createEventHub<E>(log?: Log): EventHub<E> {
  const listeners = new Set<(event: E) => void>()
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event)
        } catch (e) {
          log?.error('an event listener failed', e)
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    get listenerCount() {
      return listeners.size
    },
  }
}
