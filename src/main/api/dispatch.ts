import { contract, isOpName, type OpName, type OpOutput } from '../../shared/contract'
import { AppError, err, ok, type Result } from '../../shared/result'
import type { HandlerContext } from './context'
import { handlers } from './handlers'

/** Where a face reports what the user cannot act on (the engine's log, usually). */
export type Logger = (message: string, error?: unknown) => void

/**
 * The single entry every face calls: validates the input with the operation's schema, runs the
 * handler and returns a `Result` (SEC-04).
 *
 * Typed engine errors keep their code and message; anything unexpected becomes `INTERNAL` with a
 * message that says where the log is, and the detail goes to the log only (stacks and connection
 * strings never reach the renderer).
 */
export async function dispatch(
  op: string,
  rawInput: unknown,
  ctx: HandlerContext,
): Promise<Result<unknown>> {
  if (!isOpName(op)) return err('NOT_FOUND', `Unknown operation “${op.slice(0, 100)}”.`)
  const parsed = contract[op].input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
    return err('BAD_REQUEST', `Invalid input for ${op}${where}: ${issue?.message ?? 'rejected'}.`, {
      issues: parsed.error.issues
        .slice(0, 5)
        .map((i) => ({ path: i.path.join('.'), message: i.message })),
    })
  }
  try {
    const handler = handlers[op] as (input: unknown, ctx: HandlerContext) => Promise<unknown>
    const value = await handler(parsed.data, ctx)
    return ok(value)
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e.toData() }
    ctx.log.error(`operation ${op} failed`, e)
    return err(
      'INTERNAL',
      `Something went wrong inside the wizard. The details are in its log: ${ctx.log.path}`,
    )
  }
}

/** Typed variant for callers inside the main process (menu, CLI). */
export async function call<K extends OpName>(
  op: K,
  input: unknown,
  ctx: HandlerContext,
): Promise<Result<OpOutput<K>>> {
  return (await dispatch(op, input, ctx)) as Result<OpOutput<K>>
}
