import type { StateCreator } from 'zustand'
import type { OpOutput } from '../../../shared/contract'
import type { Store } from './index'

/** Where each endpoint's password comes from, and whether a keychain can remember one. */
export type PasswordSources = OpOutput<'connections.passwords'>

/**
 * What the renderer knows about connection passwords: only their sources, never a password
 * (SEC-09). A password lives in its input field until it is sent with a test or to the secret
 * store of the main side.
 */
export interface ConnectionsSlice {
  passwordSources: PasswordSources | null
  setPasswordSources(sources: PasswordSources | null): void
}

export const createConnectionsSlice: StateCreator<Store, [], [], ConnectionsSlice> = (set) => ({
  passwordSources: null,
  setPasswordSources: (passwordSources) => set({ passwordSources }),
})
