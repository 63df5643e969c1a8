import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebFrameMain } from 'electron'
import { OP_NAMES, type OpName } from '../../shared/contract'
import { EVENT_CHANNEL, opChannel, type AppEvent } from '../../shared/events'
import { err, type Result } from '../../shared/result'
import type { HandlerContext } from '../api/context'
import { dispatch, type Logger } from '../api/dispatch'

/** Decides whether an IPC request comes from our window's own page. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean

/** What every IPC handler needs: the sender rule, the handler context and an optional log. */
export interface IpcDeps {
  isTrustedSender: SenderCheck
  ctx: HandlerContext
  log?: Logger
  /** Called after each trusted call has finished (the menu's recent list is refreshed there). */
  afterCall?: (op: OpName) => void
}

/**
 * Builds the handler of one operation's channel (SEC-04).
 *
 * A request from anything but our window's main frame showing the app's own page is answered
 * `FORBIDDEN` without touching the engine. Otherwise the raw input goes to `dispatch`, which
 * parses it with the operation's zod schema (`BAD_REQUEST` when malformed), runs the one shared
 * handler and returns a `Result`; the handler never throws across IPC.
 */
export function createIpcHandler(
  op: OpName,
  deps: IpcDeps,
): (event: IpcMainInvokeEvent, raw: unknown) => Promise<Result<unknown>> {
  const log: Logger = deps.log ?? ((message, error) => deps.ctx.log.warn(message, error))
  return async (event, raw) => {
    if (!deps.isTrustedSender(event)) {
      log(`refused ${op}: the request did not come from the app's window`)
      return err('FORBIDDEN', 'This request did not come from the wizard’s own window.')
    }
    try {
      return await dispatch(op, raw, deps.ctx)
    } finally {
      deps.afterCall?.(op)
    }
  }
}

/**
 * The sender rule of SEC-04: the request must come from the main frame of our main window, and
 * that frame must show the app's own page (`isAppUrl`).
 *
 * Subframes, other windows, DevTools and a frame that has navigated away are all refused.
 */
export function createSenderCheck(
  getWindow: () => BrowserWindow | null,
  isAppUrl: (url: string) => boolean,
): SenderCheck {
  return (event) => {
    const win = getWindow()
    if (!win || win.isDestroyed()) return false
    if (event.sender !== win.webContents) return false
    let frame: WebFrameMain | null
    try {
      frame = event.senderFrame
    } catch {
      return false
    }
    if (!frame || !sameFrame(frame, win.webContents.mainFrame)) return false
    return isAppUrl(frame.url)
  }
}

// The wrapper objects are normally identical; the frame token identifies the same frame otherwise.
const sameFrame = (a: WebFrameMain, b: WebFrameMain): boolean =>
  a === b || (a.frameToken === b.frameToken && a.processId === b.processId)

/**
 * Registers one `ipcMain.handle` per contract operation: the only place the app calls `ipcMain`
 * (SEC-04). Returns a function that removes them again.
 */
export function registerIpcHandlers(deps: IpcDeps): () => void {
  for (const op of OP_NAMES) ipcMain.handle(opChannel(op), createIpcHandler(op, deps))
  return () => {
    for (const op of OP_NAMES) ipcMain.removeHandler(opChannel(op))
  }
}

/** Sends an event to the window's page on the single event channel; a closed window is skipped. */
export function sendEvent(win: BrowserWindow | null, event: AppEvent): void {
  if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return
  win.webContents.send(EVENT_CHANNEL, event)
}
