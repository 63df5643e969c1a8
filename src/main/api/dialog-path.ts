import { AppError } from '../../shared/result'
import type { DialogProvider, HandlerContext } from './context'

/** How an operation gets a file or folder: typed, or from the face's native dialog. */
export interface DialogPathRequest {
  /** The path the renderer or the CLI typed, if any. */
  typed: string | undefined
  purpose: 'open' | 'export'
  /** The native dialog to show when nothing was typed (Electron). */
  choose: (dialogs: DialogProvider) => Promise<string | null>
  /** What the refusal of a typed path says: `Choose <what> with the dialog.` */
  what: string
  /** The error when a face without dialogs was given no path. */
  missing: string
  /** Paths the dialog gave earlier, accepted again when typed (a retry names the same one). */
  remembered?: Set<string>
}

/**
 * The path an operation works on, by the face's rule (SEC-10): browser mode and the CLI take the
 * typed path (`BAD_REQUEST` with `missing` when there is none); Electron refuses a typed path it
 * does not accept and otherwise shows its native dialog. Null: the dialog was dismissed.
 */
export async function dialogPath(
  ctx: Pick<HandlerContext, 'dialogs' | 'acceptTypedPath'>,
  request: DialogPathRequest,
): Promise<string | null> {
  const { typed, remembered } = request
  if (!ctx.dialogs) {
    if (typed === undefined) throw new AppError('BAD_REQUEST', request.missing)
    return typed
  }
  if (
    typed !== undefined &&
    !remembered?.has(typed) &&
    !ctx.acceptTypedPath(typed, request.purpose)
  ) {
    throw new AppError('BAD_REQUEST', `Choose ${request.what} with the dialog.`)
  }
  const path = typed ?? (await request.choose(ctx.dialogs))
  if (path !== null) remembered?.add(path)
  return path
}
