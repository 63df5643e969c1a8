import type { OpName, OpOutput, OpParsedInput } from '../../shared/contract'
import { CHT_DOCS_BASE_URL } from '../../shared/steps'
import { AppError } from '../../shared/result'
import type { HandlerContext } from './context'
import { resolvePath, ensureNoUnsavedChanges } from './paths'

export type Handler<K extends OpName> = (
  input: OpParsedInput<K>,
  ctx: HandlerContext,
) => Promise<OpOutput<K>>
export type HandlerTable = { [K in OpName]: Handler<K> }

/**
 * The one table mapping operations to engine calls, used by every face.
 *
 * Handlers stay thin: they resolve paths and guards, call the engine, and return its value. Inputs
 * arrive already validated by `dispatch`; errors are thrown as `AppError`.
 */
export const handlers: HandlerTable = {
  'app.info': async (_input, ctx) => ({
    name: ctx.appName,
    version: ctx.appVersion,
    face: ctx.face,
    nativeDialogs: ctx.dialogs !== null,
    defaultProjectDir: ctx.defaultProjectDir,
    docsBaseUrl: CHT_DOCS_BASE_URL,
  }),
  'app.preferences': async (_input, ctx) => ctx.prefs.get(),
  'app.setPreferences': async ({ userName }, ctx) => ctx.prefs.setUserName(userName),

  'project.get': async (_input, ctx) => ({ project: ctx.project.state }),
  'project.new': async ({ name, path, discardChanges }, ctx) => {
    await ensureNoUnsavedChanges(ctx, discardChanges)
    const target = path === undefined ? undefined : await resolvePath(ctx, path, 'save', name)
    const state = await ctx.project.create(name, target)
    if (state.path) await ctx.prefs.addRecent(state.path, state.document.name)
    return state
  },
  'project.open': async ({ path, fromBackup, discardChanges }, ctx) => {
    await ensureNoUnsavedChanges(ctx, discardChanges)
    const target = await resolvePath(ctx, path, 'open')
    const state = await ctx.project.open(target, { fromBackup: fromBackup ?? false })
    await ctx.prefs.addRecent(target, state.document.name)
    return state
  },
  'project.save': async (_input, ctx) => {
    const current = ctx.project.state
    if (!current) throw new AppError('NO_PROJECT', 'There is no open project to save.')
    if (!current.path) return saveAs(ctx, undefined)
    return ctx.project.save()
  },
  'project.saveAs': async ({ path }, ctx) => saveAs(ctx, path),
  'project.close': async ({ discardChanges }, ctx) => {
    await ensureNoUnsavedChanges(ctx, discardChanges)
    await ctx.project.close()
    return { project: null }
  },
  'project.update': async ({ intents }, ctx) => {
    if (!ctx.project.state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    return ctx.project.update(intents, ctx.prefs.get().userName)
  },
  'project.recent': async (_input, ctx) => ({ entries: ctx.prefs.get().recent }),
  'project.export': async ({ path }, ctx) => {
    const current = ctx.project.state
    if (!current) throw new AppError('NO_PROJECT', 'Open a project to export it.')
    const target = await resolvePath(ctx, path, 'export', current.document.name)
    return ctx.project.exportMarkdown(target)
  },
  'jobs.cancel': async ({ jobId }, ctx) => ({ cancelled: ctx.jobs.cancel(jobId) }),
}

async function saveAs(ctx: HandlerContext, path: string | undefined) {
  const current = ctx.project.state
  if (!current) throw new AppError('NO_PROJECT', 'There is no open project to save.')
  const target = await resolvePath(ctx, path, 'save', current.document.name)
  const state = await ctx.project.saveAs(target)
  await ctx.prefs.addRecent(target, state.document.name)
  return state
}
