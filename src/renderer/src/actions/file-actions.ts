import type { OpInput, OpOutput } from '../../../shared/contract'
import type { Result } from '../../../shared/result'
import { getApiClient } from '../api/client'

/**
 * Lists a folder for browser mode's file browser (`files.list`): the engine confines it to the
 * roots it offers and answers a refusal a person can act on, which the browser shows in place.
 */
export function listFolder(input: OpInput<'files.list'>): Promise<Result<OpOutput<'files.list'>>> {
  return getApiClient().call('files.list', input)
}
