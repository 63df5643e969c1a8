import { getApiClient } from '../api/client'
import type { ConnectionReport } from '../../../shared/connections'
import type { Intent } from '../../../shared/intents'
import {
  ENDPOINT_IDS,
  type ChtSyncProfile,
  type CouchdbProfile,
  type EndpointId,
  type PostgresProfile,
} from '../../../shared/project-schema'
import type { AppErrorData } from '../../../shared/result'
import type { AnyProfile } from '../lib/connection-form'
import { useStore } from '../store'

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
  store().replaceProject(result.value, { onlyIfNewer: true })
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
 * Tests a connection, with the typed password if there is one. The engine records the result in
 * the project; the copy is refreshed at once so the card shows it even before the change event.
 *
 * A typed password that was not refused (`auth`) is then kept, so the next test and the checks
 * need not ask for it again: in the keychain when `remember`, otherwise for this session.
 */
export async function testConnection(
  endpoint: EndpointId,
  password: string,
  remember: boolean,
): Promise<{ report: ConnectionReport } | { error: AppErrorData }> {
  const client = getApiClient()
  const result = await client.call(
    'connections.test',
    password === '' ? { endpoint } : { endpoint, password },
  )
  if (!result.ok) return { error: result.error }
  const current = await client.call('project.get', {})
  if (current.ok) store().replaceProject(current.value.project, { onlyIfNewer: true })
  if (password !== '' && result.value.error?.kind !== 'auth') {
    await keepPassword(endpoint, password, remember)
  } else {
    await refreshPasswordSources()
  }
  return { report: result.value }
}

/**
 * Tests every endpoint that has a profile, one after the other, with the passwords the engine
 * already has; endpoints without a profile are skipped (and listed), not recorded as failures.
 */
export async function testAll(): Promise<{ reports: ConnectionReport[]; notSet: EndpointId[] }> {
  const connections = store().project?.document.connections
  const reports: ConnectionReport[] = []
  const notSet: EndpointId[] = []
  for (const endpoint of ENDPOINT_IDS) {
    if (!connections?.[endpoint]) {
      notSet.push(endpoint)
      continue
    }
    const outcome = await testConnection(endpoint, '', false)
    if ('report' in outcome) reports.push(outcome.report)
  }
  return { reports, notSet }
}
