import type { DomainHandlers } from './handler-types'
import { ensureNoUnsavedChanges } from './paths'

/** `recovery.*`: the autosaved copies of unsaved work left by a wizard that did not close. */
export const recoveryHandlers: DomainHandlers<'recovery'> = {
  'recovery.list': async (_input, ctx) => ctx.recovery.list(),
  'recovery.restore': async ({ key, discardChanges }, ctx) => {
    await ensureNoUnsavedChanges(ctx, discardChanges)
    const copy = await ctx.recovery.load(key)
    await ctx.project.restore(copy.document, copy.originalPath)
    // This run now keeps the copy (under its own name), so the old one is not offered again.
    await ctx.recovery.adopt(key)
    const state = ctx.project.state
    if (!state) throw new Error('the restored project closed during its restore')
    return state
  },
  'recovery.discard': async ({ key }, ctx) => ctx.recovery.discard(key),
}
