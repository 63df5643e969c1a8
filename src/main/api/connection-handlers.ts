import type { PasswordSource } from '../../shared/connections'
import type { OpOutput } from '../../shared/contract'
import { ENDPOINT_LABELS } from '../../shared/connection-targets'
import { ENDPOINT_IDS, type EndpointId } from '../../shared/project-schema'
import { AppError } from '../../shared/result'
import { connectionContextOf } from '../../shared/results/connection-context'
import { secretKeyOf, type SecretKey } from '../engine/connections/secret-store'
import type { HandlerContext } from './context'
import type { DomainHandlers } from './handler-types'

/** The open project's document, or NO_PROJECT: without a project no password is kept. */
function openDocument(ctx: HandlerContext) {
  const state = ctx.project.state
  if (!state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
  return state.document
}

/** The key of the open project's password for an endpoint, or null without a profile. */
function keyOf(ctx: HandlerContext, endpoint: EndpointId): SecretKey | null {
  const document = openDocument(ctx)
  const profile = document.connections[endpoint]
  return profile ? secretKeyOf(document.id, endpoint, profile) : null
}

function requireKey(ctx: HandlerContext, endpoint: EndpointId): SecretKey {
  const key = keyOf(ctx, endpoint)
  if (key === null) {
    throw new AppError(
      'BAD_REQUEST',
      `Save the ${ENDPOINT_LABELS[endpoint]} connection first; a password belongs to a server and user.`,
      { endpoint },
    )
  }
  return key
}

/** Where each of the open project's passwords comes from, and whether a keychain can keep one. */
async function sourcesOf(ctx: HandlerContext): Promise<OpOutput<'connections.passwords'>> {
  const project = openDocument(ctx).id
  const sources = {} as Record<EndpointId, PasswordSource>
  for (const endpoint of ENDPOINT_IDS) {
    // Without a profile the environment still counts: its variables do not depend on one.
    const key = keyOf(ctx, endpoint) ?? { project, endpoint, identity: '' }
    sources[endpoint] = await ctx.secrets.sourceOf(key)
  }
  return { ...sources, canRemember: ctx.secrets.canRemember }
}

/**
 * `connections.*`: test the open project's connections and manage their passwords (SEC-09).
 *
 * A test is the engine's (`ConnectionService.test`: the password typed with it, else the secret
 * store's, else none; read against the project's latest facts of the other endpoints); the
 * handler records the result in the project (`connection.<endpoint>` on
 * `plan.connections`, which pushes the change to every face) and returns it as stored. Passwords
 * never leave the main process: the renderer only learns where a password comes from. A password
 * is kept per project (the open document's id), endpoint and profile identity; Settings can forget
 * the open project's passwords or every project's.
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
      { typed: password ?? null, secrets: { store: ctx.secrets, project: state.document.id } },
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
    const source = await ctx.secrets.set(requireKey(ctx, endpoint), password, remember)
    return { endpoint, source }
  },
  'connections.forgetPassword': async ({ endpoint }, ctx) => {
    return { endpoint, source: await ctx.secrets.forget(requireKey(ctx, endpoint)) }
  },
  'connections.passwords': async (_input, ctx) => sourcesOf(ctx),
  'connections.forgetProjectPasswords': async (_input, ctx) => {
    const project = openDocument(ctx).id
    // The current profiles' keys first: `forget` also drops an unclaimed entry of an older
    // keychain file for them, which `forgetProject` cannot attribute to any project.
    for (const endpoint of ENDPOINT_IDS) {
      const key = keyOf(ctx, endpoint)
      if (key) await ctx.secrets.forget(key)
    }
    await ctx.secrets.forgetProject(project)
    return sourcesOf(ctx)
  },
  'connections.forgetAllPasswords': async (_input, ctx) => {
    await ctx.secrets.forgetAll()
    return { sources: ctx.project.state ? await sourcesOf(ctx) : null }
  },
}
