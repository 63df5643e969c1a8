import { familyName, personName, phone, placeStem } from './names'
import type { Prng } from './prng'

/**
 * The contact hierarchy of the demo deployment, kept as a compact index: the documents are
 * built from it once, and reports, tasks and targets look their subjects up in it.
 *
 * Two generations of CHT hierarchy side by side, as in a deployment that adopted the
 * configurable hierarchy (CHT 3.7+) without migrating old contacts: district_hospital >
 * health_center > clinic (families) > person, and under each health centre a configurable
 * `community_unit` > `household` > `household_member` branch (`type: contact`).
 */
export interface ContactNode {
  id: string
  /** `district_hospital`, `health_center`, `clinic`, `person` or `contact`. */
  type: string
  /** The contact type id (the same as `type` for the classic types). */
  contactType: string
  name: string
  /** Index of the parent node, or -1 at the top. */
  parent: number
  /** Index of the place's primary contact, or -1. */
  primary: number
  isPerson: boolean
  /** `patient_id` for people, `place_id` for places (CHT's 5-digit shortcodes). */
  shortcode: string
  phone: string | null
  sex: 'female' | 'male'
  /** Age in whole years for people (0 for places). */
  age: number
  /** Time the contact was created, ms. */
  reported: number
}

export type UserRole = 'chw' | 'chv' | 'supervisor'

export interface DemoUser {
  name: string
  role: UserRole
  /** Node of the user's own person contact. */
  contact: number
  /** Node of the place the user works at. */
  facility: number
  /** People the user visits (report and task subjects). */
  patients: number[]
  /** Places the user visits (households, families). */
  places: number[]
}

export interface Hierarchy {
  nodes: ContactNode[]
  users: DemoUser[]
}

export const CLASSIC_TYPES = ['district_hospital', 'health_center', 'clinic', 'person'] as const
export const CONFIGURABLE_TYPES = [
  'community_unit',
  'household',
  'household_member',
  'chv',
] as const

/** Contacts per health centre with full-size families and households (see `buildHierarchy`). */
const PER_HEALTH_CENTER = 67
const HEALTH_CENTERS_PER_DISTRICT = 8

/**
 * Builds a hierarchy of about `budget` contacts (never fewer than one of each type).
 *
 * @param start - the earliest creation time (the hierarchy is registered in the first months).
 */
export function buildHierarchy(prng: Prng, budget: number, start: number): Hierarchy {
  const nodes: ContactNode[] = []
  const users: DemoUser[] = []
  const centers = Math.max(1, Math.round(budget / PER_HEALTH_CENTER))
  const groups = centers === 1 ? Math.min(6, Math.max(1, Math.floor((budget - 6) / 10.5))) : 6
  const created = () => start + Math.floor(prng.next() * 90 * 86_400_000)
  const add = (node: Omit<ContactNode, 'id' | 'primary' | 'reported' | 'sex' | 'age'>) => {
    const age = node.isPerson ? prng.int(0, 70) : 0
    nodes.push({
      ...node,
      id: prng.uuid(),
      primary: -1,
      reported: created(),
      sex: prng.chance(0.52) ? 'female' : 'male',
      age,
    })
    return nodes.length - 1
  }
  const place = (type: string, contactType: string, name: string, parent: number) =>
    add({
      type,
      contactType,
      name,
      parent,
      isPerson: false,
      shortcode: prng.digits(5),
      phone: null,
    })
  const person = (type: string, contactType: string, parent: number, withPhone: boolean) =>
    add({
      type,
      contactType,
      name: personName(prng),
      parent,
      isPerson: true,
      shortcode: prng.digits(5),
      phone: withPhone ? phone(prng) : null,
    })

  let district = -1
  for (let c = 0; c < centers; c++) {
    if (c % HEALTH_CENTERS_PER_DISTRICT === 0) {
      district = place(
        'district_hospital',
        'district_hospital',
        `${placeStem(prng)} District Hospital`,
        -1,
      )
      const supervisor = person('person', 'person', district, true)
      nodes[district]!.primary = supervisor
      users.push(userFor('supervisor', users.length, supervisor, district))
    }
    const center = place(
      'health_center',
      'health_center',
      `${placeStem(prng)} Health Centre`,
      district,
    )
    const chw = person('person', 'person', center, true)
    nodes[center]!.primary = chw
    const chwUser = userFor('chw', users.length, chw, center)
    users.push(chwUser)
    for (let f = 0; f < groups; f++) {
      const family = place('clinic', 'clinic', familyName(prng), center)
      chwUser.places.push(family)
      const size = prng.int(3, 6)
      for (let m = 0; m < size; m++) {
        const member = person('person', 'person', family, m === 0)
        if (m === 0) nodes[family]!.primary = member
        chwUser.patients.push(member)
      }
    }
    const unit = place('contact', 'community_unit', `${placeStem(prng)} Community Unit`, center)
    const chv = person('contact', 'chv', unit, true)
    nodes[unit]!.primary = chv
    const chvUser = userFor('chv', users.length, chv, unit)
    users.push(chvUser)
    for (let h = 0; h < groups; h++) {
      const household = place(
        'contact',
        'household',
        `${personName(prng).split(' ')[1]} Household`,
        unit,
      )
      chvUser.places.push(household)
      const size = prng.int(2, 6)
      for (let m = 0; m < size; m++) {
        const member = person('contact', 'household_member', household, m === 0)
        if (m === 0) nodes[household]!.primary = member
        chvUser.patients.push(member)
      }
    }
  }
  return { nodes, users }
}

function userFor(role: UserRole, index: number, contact: number, facility: number): DemoUser {
  return { name: `${role}_${index + 1}`, role, contact, facility, patients: [], places: [] }
}

/** CHT's minified parent chain: `{_id, parent: {_id, parent: …}}` up to the top. */
export function lineage(nodes: readonly ContactNode[], index: number): Record<string, unknown> {
  const node = nodes[index]!
  const chain: Record<string, unknown> = { _id: node.id }
  if (node.parent >= 0) chain.parent = lineage(nodes, node.parent)
  return chain
}
