import type { ApiClient } from '../../../shared/api-client'
import { createHttpTransport } from './http-transport'
import { createIpcTransport } from './ipc-transport'

/**
 * The api client for this page: over the preload's `window.api` in the Electron window, over
 * HTTP in browser mode (where the preload does not exist).
 */
export function createApiClient(): ApiClient {
  return window.api ? createIpcTransport(window.api) : createHttpTransport()
}

let client: ApiClient | null = null

/** The page's one api client, created on first use. The UI talks to the engine only through it. */
export function getApiClient(): ApiClient {
  client ??= createApiClient()
  return client
}
