import type { ApiClient, ApiSurface } from '../../../shared/api-client'
import { splitOpName } from '../../../shared/contract'
import { err } from '../../../shared/result'
import { parseEvent, parseReply } from './reply'

type Method = (input: unknown) => Promise<unknown>

/**
 * The api client of the Electron window, over the preload's `window.api`.
 *
 * Calls the named function of each operation (`api.project.open(input)`; there is no generic
 * invoke, SEC-03) and validates replies and events like the HTTP transport does, so the rest of
 * the UI cannot tell the two apart.
 */
export function createIpcTransport(api: ApiSurface): ApiClient {
  const surface = api as unknown as Record<string, Record<string, Method> | undefined>
  return {
    transport: 'ipc',
    async call(op, input) {
      const [namespace, method] = splitOpName(op)
      const fn = surface[namespace]?.[method]
      if (typeof fn !== 'function') {
        return err('INTERNAL', `The desktop app does not offer ${op}; reinstall or update it.`)
      }
      try {
        return parseReply(op, await fn(input))
      } catch {
        return err('INTERNAL', `The desktop app failed to run ${op}. The details are in its log.`)
      }
    },
    onEvent(listener) {
      return api.onEvent((raw) => {
        const event = parseEvent(raw)
        if (event) listener(event)
        else console.warn('[cht-migrate] ignored an event this build does not know')
      })
    },
  }
}
