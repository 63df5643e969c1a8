import { getApiClient } from '../api/client'
import type { Intent } from '../../../shared/intents'
import {
  ENDPOINT_IDS,
  type ChtSyncProfile,
  type CouchdbProfile,
  type EndpointId,
  type PostgresProfile,
  type StoredResult,
} from '../../../shared/project-schema'
import type { AppErrorData } from '../../../shared/result'
import type { AnyProfile } from '../lib/connection-form'
import { useStore } from '../store'
import type { PasswordSources } from '../store/connections-slice'
import { applyPatchOrReload } from './project-actions'

/**
 * What the connections page asks of the engine: save a profile (an intent, like every change),
 * test a connection, and keep or forget a password in the main side's secret store (SEC-09).
 *
 * A password passes through these functions on its way out and is never put in the store.
 */
const store = () => useStore.getState()

/** The intent that sets an endpoint's profile. */
function setProfileIntent(endpoint: EndpointId, profile: AnyProfile): Intent {
  switch (endpoint) {
    case 'couchdb':
      return { type: 'connection.setCouchdb', profile: profile as CouchdbProfile }
    case 'couch2pg':
      return { type: 'connection.setCouch2pg', profile: profile as PostgresProfile }
    case 'chtSync':
      return { type: 'connection.setChtSync', profile: profile as ChtSyncProfile }
  }
}

/** Reloads where each password comes from (after a test, a save, a forget). */
export async function refreshPasswordSources(): Promise<void> {
  const result = await getApiClient().call('connections.passwords', {})
  if (result.ok) store().setPasswordSources(result.value)
}

/** Saves a profile through the project's intents; returns the engine's error, if any. */
export async function saveProfile(
  endpoint: EndpointId,
  profile: AnyProfile,
): Promise<AppErrorData | null> {
  const result = await getApiClient().call('project.update', {
    intents: [setProfileIntent(endpoint, profile)],
  })
  if (!result.ok) return result.error
  await applyPatchOrReload(result.value)
  return null
}

/** Keeps a password in the secret store: the keychain when asked and possible, else the session. */
export async function keepPassword(
  endpoint: EndpointId,
  password: string,
  remember: boolean,
): Promise<AppErrorData | null> {
  const result = await getApiClient().call('connections.setPassword', {
    endpoint,
    password,
    remember,
  })
  await refreshPasswordSources()
  return result.ok ? null : result.error
}

/** Forgets the kept password of an endpoint (session and keychain). */
export async function forgetPassword(endpoint: EndpointId): Promise<void> {
  await getApiClient().call('connections.forgetPassword', { endpoint })
  await refreshPasswordSources()
}

/**
 * Tests a connection, with the typed password if there is one (else the engine uses the one it
 * keeps, or none: a PostgreSQL server may need none). The engine records the result in the
 * project and pushes the change to this copy, so nothing is fetched here; the stored result is
 * returned for the card's message.
 *
 * A typed password that was not refused (`auth`) is then kept, so the next test and the checks
 * need not ask for it again: in the keychain when `remember`, otherwise for this session.
 */
export async function testConnection(
  endpoint: EndpointId,
  password: string,
  remember: boolean,
): Promise<{ result: StoredResult } | { error: AppErrorData }> {
  const outcome = await getApiClient().call(
    'connections.test',
    password === '' ? { endpoint } : { endpoint, password },
  )
  if (!outcome.ok) return { error: outcome.error }
  const details = outcome.value.details
  const refused = details.kind === 'connection' && details.error?.kind === 'auth'
  if (password !== '' && !refused) {
    await keepPassword(endpoint, password, remember)
  } else {
    await refreshPasswordSources()
  }
  return { result: outcome.value }
}

/**
 * Tests every endpoint that has a profile, one after the other, with the passwords the engine
 * already has; endpoints without a profile are skipped (and listed), not recorded as failures.
 * CouchDB goes first, then couch2pg, then CHT Sync (the order of `ENDPOINT_IDS`): the engine reads
 * each PostgreSQL result against the latest facts of the endpoints tested before it.
 */
export async function testAll(): Promise<{ results: StoredResult[]; notSet: EndpointId[] }> {
  const connections = store().project?.document.connections
  const results: StoredResult[] = []
  const notSet: EndpointId[] = []
  for (const endpoint of ENDPOINT_IDS) {
    if (!connections?.[endpoint]) {
      notSet.push(endpoint)
      continue
    }
    const outcome = await testConnection(endpoint, '', false)
    if ('result' in outcome) results.push(outcome.result)
  }
  return { results, notSet }
}

/**
 * Forgets every password kept for the open project (keychain and session). Returns what to
 * announce, or the engine's error.
 */
export async function forgetProjectPasswords(): Promise<
  { sources: PasswordSources } | { error: AppErrorData }
> {
  const result = await getApiClient().call('connections.forgetProjectPasswords', {})
  if (!result.ok) return { error: result.error }
  store().setPasswordSources(result.value)
  return { sources: result.value }
}

/** Forgets the kept passwords of every project: the whole keychain file and this run's session. */
export async function forgetAllPasswords(): Promise<
  { sources: PasswordSources | null } | { error: AppErrorData }
> {
  const result = await getApiClient().call('connections.forgetAllPasswords', {})
  if (!result.ok) return { error: result.error }
  store().setPasswordSources(result.value.sources)
  return { sources: result.value.sources }
}
