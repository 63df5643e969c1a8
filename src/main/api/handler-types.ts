import type { OpName, OpOutput, OpParsedInput } from '../../shared/contract'
import type { HandlerContext } from './context'

export type Handler<K extends OpName> = (
  input: OpParsedInput<K>,
  ctx: HandlerContext,
) => Promise<OpOutput<K>>
export type HandlerTable = { [K in OpName]: Handler<K> }
/** The handlers of one domain: the operations whose names start with `<ns>.`. */
export type DomainHandlers<NS extends string> = {
  [K in OpName as K extends `${NS}.${string}` ? K : never]: Handler<K>
}
