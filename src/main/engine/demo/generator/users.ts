import type { DemoUser, Hierarchy } from './hierarchy'
import type { Prng } from './prng'
import type { Body } from './revisions'

const ROLES: Record<DemoUser['role'], string[]> = {
  chw: ['chw'],
  chv: ['chv'],
  supervisor: ['chw_supervisor'],
}

/**
 * The `_users` document of a CHT user: `org.couchdb.user:<name>`, `type: user`, roles and the
 * password hash fields (`password_scheme`, `iterations`, `derived_key`, `salt`) that both
 * pipelines strip before storing it.
 */
export function userBody(hierarchy: Hierarchy, user: DemoUser, prng: Prng): Body {
  return {
    _id: `org.couchdb.user:${user.name}`,
    name: user.name,
    type: 'user',
    roles: ROLES[user.role],
    facility_id: hierarchy.nodes[user.facility]!.id,
    contact_id: hierarchy.nodes[user.contact]!.id,
    password_scheme: 'pbkdf2',
    iterations: 10,
    derived_key: prng.hex(40),
    salt: prng.hex(32),
  }
}

/** Before the last password change: another hash. */
export function earlierUser(body: Body): Body {
  return { ...body, derived_key: [...String(body.derived_key)].reverse().join('') }
}

/** The user's settings in `medic` (`type: user-settings`), under the same id as in `_users`. */
export function userSettingsBody(hierarchy: Hierarchy, user: DemoUser): Body {
  const contact = hierarchy.nodes[user.contact]!
  return {
    _id: `org.couchdb.user:${user.name}`,
    name: user.name,
    type: 'user-settings',
    fullname: contact.name,
    phone: contact.phone,
    language: 'en',
    known: true,
    facility_id: hierarchy.nodes[user.facility]!.id,
    contact_id: contact.id,
    roles: ROLES[user.role],
  }
}

/** Before the user first logged in. */
export function earlierUserSettings(body: Body): Body {
  const { known: _known, ...rest } = body
  return rest as Body
}
