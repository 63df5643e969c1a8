import { appHandlers } from './app-handlers'
import { checksHandlers } from './checks-handlers'
import { connectionHandlers } from './connection-handlers'
import { demoHandlers } from './demo-handlers'
import { filesHandlers } from './files-handlers'
import type { HandlerTable } from './handler-types'
import { inventoryHandlers } from './inventory-handlers'
import { jobHandlers } from './job-handlers'
import { parityHandlers } from './parity-handlers'
import { projectHandlers } from './project-handlers'
import { recoveryHandlers } from './recovery-handlers'
import { reportHandlers } from './report-handlers'
import { teardownHandlers } from './teardown-handlers'

export type { Handler, HandlerTable } from './handler-types'

/**
 * The one table mapping operations to engine calls, used by every face.
 *
 * One file of handlers per domain; the type makes sure every operation of the contract has
 * exactly one. Handlers stay thin: they resolve paths and guards, call the engine, and return its
 * value. Inputs arrive already validated by `dispatch`; errors are thrown as `AppError`.
 */
export const handlers: HandlerTable = {
  ...appHandlers,
  ...projectHandlers,
  ...connectionHandlers,
  ...demoHandlers,
  ...parityHandlers,
  ...checksHandlers,
  ...inventoryHandlers,
  ...teardownHandlers,
  ...reportHandlers,
  ...filesHandlers,
  ...recoveryHandlers,
  ...jobHandlers,
}
