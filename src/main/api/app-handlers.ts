import { CHT_DOCS_BASE_URL } from '../../shared/steps'
import type { DomainHandlers } from './handler-types'

/** `app.*`: what the faces need to know about this build and the user's preferences. */
export const appHandlers: DomainHandlers<'app'> = {
  'app.info': async (_input, ctx) => ({
    name: ctx.appName,
    version: ctx.appVersion,
    face: ctx.face,
    nativeDialogs: ctx.dialogs !== null,
    defaultProjectDir: ctx.defaultProjectDir,
    docsBaseUrl: CHT_DOCS_BASE_URL,
    logPath: ctx.log.path,
  }),
  'app.preferences': async (_input, ctx) => ctx.prefs.get(),
  'app.setPreferences': async (identity, ctx) => ctx.prefs.setIdentity(identity),
}
