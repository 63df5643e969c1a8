import { PASSWORD_ENV_VARS, type PasswordSource } from '../../../shared/connections'
import { ENDPOINT_LABELS } from '../../../shared/connection-targets'
import { ENDPOINT_IDS, type Connections, type EndpointId } from '../../../shared/project-schema'
import type { PasswordSources } from '../store/connections-slice'

/**
 * The words of Settings' “Saved passwords” section (SEC-09): where each of the open project's
 * passwords comes from, and what forgetting did. Built from the sources the engine answers, never
 * from a password.
 */

/** One connection of the open project and where its password comes from. */
export interface SavedPasswordRow {
  endpoint: EndpointId
  label: string
  source: PasswordSource
  /** Where the password comes from, in words. */
  text: string
}

function sourceText(endpoint: EndpointId, source: PasswordSource, hasProfile: boolean): string {
  switch (source) {
    case 'keychain':
      return 'Saved in this computer’s keychain.'
    case 'session':
      return 'Kept until the wizard closes.'
    case 'environment':
      return `From ${PASSWORD_ENV_VARS[endpoint]}. The wizard cannot forget it: unset the variable where the wizard is started.`
    case 'none':
      return hasProfile ? 'None kept.' : 'None kept (the connection is not set yet).'
  }
}

/** The open project's three connections with their password's source. */
export function savedPasswordRows(
  sources: PasswordSources,
  connections: Connections,
): SavedPasswordRow[] {
  return ENDPOINT_IDS.map((endpoint) => ({
    endpoint,
    label: ENDPOINT_LABELS[endpoint],
    source: sources[endpoint],
    text: sourceText(endpoint, sources[endpoint], Boolean(connections[endpoint])),
  }))
}

/** What the section says first: how passwords are kept here. */
export function savedPasswordsIntro(canRemember: boolean): string {
  const scope =
    'A password is kept for one project and one connection: another project on the same server keeps its own.'
  return canRemember
    ? `${scope} A saved password is encrypted in this computer’s keychain; the project file never holds one.`
    : `${scope} Nothing is saved beyond this run here: a password you type is kept until the wizard closes, never on disk or in the project file.`
}

/** The passwords that still come from environment variables, in words, or ''. */
function environmentLeft(sources: PasswordSources): string {
  const left = ENDPOINT_IDS.filter((endpoint) => sources[endpoint] === 'environment')
  if (left.length === 0) return ''
  const names = left.map((endpoint) => PASSWORD_ENV_VARS[endpoint]).join(', ')
  return ` Passwords from ${names} stay: the wizard cannot forget an environment variable.`
}

/** What forgetting did, announced in the section's live region. */
export function forgetOutcome(scope: 'project' | 'all', after: PasswordSources | null): string {
  const done =
    scope === 'project'
      ? 'This project’s saved passwords are forgotten; other projects keep theirs.'
      : 'The saved passwords of all projects are forgotten.'
  return done + (after ? environmentLeft(after) : '')
}
