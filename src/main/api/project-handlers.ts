import { AppError } from '../../shared/result'
import { withFileStatus } from '../engine/prefs/recent-files'
import type { HandlerContext } from './context'
import type { DomainHandlers } from './handler-types'
import { ensureNoUnsavedChanges, resolvePath } from './paths'
import { exportPlanNow } from './report-handlers'
import { resolveSaveTarget } from './save-target'

/** `project.*`: the open migration project, through the engine's project store. */
export const projectHandlers: DomainHandlers<'project'> = {
  'project.get': async (_input, ctx) => ({ project: ctx.project.state }),
  'project.new': async ({ name, path, discardChanges }, ctx) => {
    await ensureNoUnsavedChanges(ctx, discardChanges)
    const target = path === undefined ? undefined : await resolveSaveTarget(ctx, path, 'save', name)
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
  'project.saveAs': async ({ path, allowDemoFolder }, ctx) => saveAs(ctx, path, allowDemoFolder),
  'project.close': async ({ discardChanges }, ctx) => {
    await ensureNoUnsavedChanges(ctx, discardChanges)
    await ctx.project.close()
    return { project: null }
  },
  'project.update': async ({ intents }, ctx) => {
    if (!ctx.project.state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    // SEC-10: in the desktop app, the files the checks read come from its dialog, not a string.
    for (const intent of intents) {
      if (intent.type !== 'checks.setSources') continue
      for (const path of [intent.envPath, intent.valuesPath]) {
        if (typeof path === 'string' && !ctx.acceptTypedPath(path, 'open')) {
          throw new AppError(
            'BAD_REQUEST',
            'Choose the file with the Browse button; typed paths are not accepted here.',
            { field: 'path' },
          )
        }
      }
    }
    return ctx.project.update(intents, ctx.prefs.get().userName)
  },
  'project.recent': async (_input, ctx) => ({
    entries: await withFileStatus(ctx.prefs.get().recent),
  }),
  'project.forgetRecent': async ({ path }, ctx) => {
    const prefs = await ctx.prefs.removeRecent(path)
    return { entries: await withFileStatus(prefs.recent) }
  },
  'project.export': async ({ path, allowDemoFolder }, ctx) => {
    const current = ctx.project.state
    if (!current) throw new AppError('NO_PROJECT', 'Open a project to export it.')
    const target = await resolveSaveTarget(ctx, path, 'export', current.document.name, {
      allowDemoFolder,
    })
    return exportPlanNow(ctx, 'markdown', target)
  },
}

async function saveAs(ctx: HandlerContext, path: string | undefined, allowDemoFolder?: boolean) {
  const current = ctx.project.state
  if (!current) throw new AppError('NO_PROJECT', 'There is no open project to save.')
  const target = await resolveSaveTarget(ctx, path, 'save', current.document.name, {
    allowDemoFolder,
  })
  const patch = await ctx.project.saveAs(target)
  await ctx.prefs.addRecent(target, current.document.name)
  return patch
}
