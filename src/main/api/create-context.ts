import type { Face } from '../../shared/contract'
import { createEngine, type EngineOptions } from '../engine/engine'
import type { DialogProvider, HandlerContext } from './context'

export interface CreateContextOptions extends EngineOptions {
  face: Face
  dialogs: DialogProvider | null
  acceptTypedPath: (path: string, purpose: 'open' | 'save' | 'export') => boolean
}

/**
 * Builds the engine and the handler context every face passes to `dispatch`. The faces differ
 * only in what they pass: their name, their dialogs (Electron only), their rule for typed paths
 * (SEC-10) and, for Electron, the keychain.
 */
export async function createHandlerContext(options: CreateContextOptions): Promise<HandlerContext> {
  const { face, dialogs, acceptTypedPath, ...engineOptions } = options
  const engine = await createEngine(engineOptions)
  return { ...engine, face, dialogs, acceptTypedPath }
}
