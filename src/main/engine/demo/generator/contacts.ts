import { lineage, type ContactNode } from './hierarchy'
import type { Body } from './revisions'

const YEAR_MS = 365.25 * 86_400_000

/**
 * The CouchDB document of a contact, shaped like CHT's (db-schema reference 6.2): places carry
 * `place_id`, their primary `contact` and `parent` chains; people carry `patient_id`, `sex`,
 * `date_of_birth`, phones and their `parent` chain. Configurable types are `type: contact` with a
 * `contact_type`.
 */
export function contactBody(nodes: readonly ContactNode[], index: number): Body {
  const node = nodes[index]!
  const body: Body = { _id: node.id, type: node.type }
  if (node.type === 'contact') body.contact_type = node.contactType
  body.name = node.name
  if (node.parent >= 0) body.parent = lineage(nodes, node.parent)
  body.reported_date = node.reported
  if (node.isPerson) {
    body.patient_id = node.shortcode
    body.sex = node.sex
    body.date_of_birth = isoDate(node.reported - node.age * YEAR_MS - 40 * 86_400_000)
    if (node.phone) body.phone = node.phone
    if (
      node.contactType === 'chv' ||
      (node.type === 'person' && nodes[node.parent]?.type === 'health_center')
    ) {
      body.role = 'chw'
    }
  } else {
    body.place_id = node.shortcode
    if (node.primary >= 0) body.contact = lineage(nodes, node.primary)
  }
  body.meta = { created_by: 'admin', created_by_person_uuid: '', created_by_place_uuid: '' }
  return body
}

/** The revision before the current one: before Sentinel gave the contact its shortcode. */
export function earlierContact(body: Body): Body {
  const { patient_id: _p, place_id: _q, ...rest } = body
  return rest as Body
}

export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
