import type { PasswordSource } from '../../shared/connections'
import { ENDPOINT_LABELS } from '../../shared/connection-targets'
import { ENDPOINT_IDS, type EndpointId } from '../../shared/project-schema'
import { AppError } from '../../shared/result'
import { connectionContextOf } from '../../shared/results/connection-context'
import { profileIdentity } from '../engine/connections/secret-store'
import type { HandlerContext } from './context'
import type { DomainHandlers } from './handler-types'

/** The open project's profile of an endpoint and its password identity, or null without one. */
function identityOf(ctx: HandlerContext, endpoint: EndpointId): string | null {
  const state = ctx.project.state
  if (!state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
  const profile = state.document.connections[endpoint]
  return profile ? profileIdentity(endpoint, profile) : null
}

function requireIdentity(ctx: HandlerContext, endpoint: EndpointId): string {
  const identity = identityOf(ctx, endpoint)
  if (identity === null) {
    throw new AppError(
      'BAD_REQUEST',
      `Save the ${ENDPOINT_LABELS[endpoint]} connection first; a password belongs to a server and user.`,
      { endpoint },
    )
  }
  return identity
}

/**
 * `connections.*`: test the open project's connections and manage their passwords (SEC-09).
 *
 * A test is the engine's (`ConnectionService.test`: the password typed with it, else the secret
 * store's, else none; read against the project's latest facts of the other endpoints); the
 * handler records the result in the project (`connection.<endpoint>` on
 * `plan.connections`, which pushes the change to every face) and returns it as stored. Passwords
 * never leave the main process: the renderer only learns where a password comes from.
 */
export const connectionHandlers: DomainHandlers<'connections'> = {
  'connections.test': async ({ endpoint, password }, ctx) => {
    const state = ctx.project.state
    if (!state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    // Read against the latest facts of the other endpoints, so a PostgreSQL result can warn of
    // a database its pipeline should copy and does not (the renderer tests CouchDB first).
    const result = await ctx.connections.test(
      endpoint,
      state.document.connections,
      { typed: password ?? null, secrets: ctx.secrets },
      connectionContextOf(state.document.results),
    )
    // The project may have been closed or replaced while the test ran; record only into the one
    // the test was about, and otherwise return the result unrecorded, with no history.
    if (ctx.project.state?.document.id !== state.document.id) return { ...result, history: [] }
    const [stored] = await ctx.project.recordResults([result])
    if (!stored) throw new AppError('INTERNAL', 'The connection result was not recorded.')
    return stored
  },
  'connections.setPassword': async ({ endpoint, password, remember }, ctx) => {
    const identity = requireIdentity(ctx, endpoint)
    const source = await ctx.secrets.set(endpoint, identity, password, remember)
    return { endpoint, source }
  },
  'connections.forgetPassword': async ({ endpoint }, ctx) => {
    const identity = requireIdentity(ctx, endpoint)
    return { endpoint, source: await ctx.secrets.forget(endpoint, identity) }
  },
  'connections.passwords': async (_input, ctx) => {
    const sources = {} as Record<EndpointId, PasswordSource>
    for (const endpoint of ENDPOINT_IDS) {
      // Without a profile the environment still counts: its variables do not depend on one.
      sources[endpoint] = await ctx.secrets.sourceOf(endpoint, identityOf(ctx, endpoint) ?? '')
    }
    return { ...sources, canRemember: ctx.secrets.canRemember }
  },
}
