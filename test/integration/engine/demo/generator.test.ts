import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createGenerator, WINDOW_MS } from '../../../../src/main/engine/demo/generator/generate'
import type { CouchDoc, GeneratedDoc } from '../../../../src/main/engine/demo/generator/types'
import { DEMO_FORM_FIELDS } from '../../../../src/main/engine/demo/sql/form-fields'

const ANCHOR = Date.UTC(2026, 0, 15)
const all = (docs: number, seed = 7, anchor = ANCHOR) => [
  ...createGenerator({ docs, seed, anchor }).docs(),
]
const digest = (items: GeneratedDoc[]) =>
  createHash('sha256').update(JSON.stringify(items)).digest('hex')
const REV = /^(\d+)-[0-9a-f]{32}$/

describe('the demo generator', () => {
  it('gives the same documents for the same seed, and others for another seed', () => {
    const first = all(3000)
    expect(digest(all(3000))).toBe(digest(first))
    expect(digest(all(3000, 8))).not.toBe(digest(first))
    // Batches are the same stream, cut in pieces.
    const batched = [...createGenerator({ docs: 3000, seed: 7, anchor: ANCHOR }).batches(250)]
    expect(batched.every((b, i) => b.length === 250 || i === batched.length - 1)).toBe(true)
    expect(digest(batched.flat())).toBe(digest(first))
  })

  it('generates exactly the number of documents asked for, with unique ids per database', () => {
    for (const docs of [100, 2000, 20_000]) {
      const generator = createGenerator({ docs, seed: 1, anchor: ANCHOR })
      const items = [...generator.docs()]
      expect(items).toHaveLength(docs)
      expect(generator.total).toBe(docs)
      const keys = new Set(items.map((i) => `${i.db}/${i.doc._id}`))
      expect(keys.size).toBe(docs)
    }
  })

  it('fills the five CHT databases with every kind of document analytics reads', () => {
    const items = all(5000)
    const types = (db: string) =>
      new Set(items.filter((i) => i.db === db && !i.doc._deleted).map((i) => i.doc.type))
    expect([...types('medic')].sort()).toEqual(
      [
        'clinic',
        'contact',
        'data_record',
        'district_hospital',
        'form',
        'health_center',
        'person',
        'target',
        'task',
        'user-settings',
        undefined,
      ].sort(),
    )
    // Design documents and CHT 4's log documents have no type.
    expect([...types('medic-sentinel')].sort()).toEqual(['info', undefined])
    expect([...types('medic-users-meta')].sort()).toEqual(['feedback', 'telemetry', undefined])
    expect([...types('medic-logs')]).toEqual([undefined])
    expect([...types('_users')]).toEqual(['user'])
    const ids = new Set(items.map((i) => i.doc._id))
    expect(ids.has('settings')).toBe(true)
    const designs = items.filter((i) => i.doc._id.startsWith('_design/'))
    expect(designs.map((i) => `${i.db} ${i.doc._id}`).sort()).toEqual([
      'medic _design/medic',
      'medic _design/medic-admin',
      'medic _design/medic-client',
      'medic _design/medic-conflicts',
      'medic _design/medic-scripts',
      'medic-logs _design/logs',
      'medic-sentinel _design/sentinel',
      'medic-users-meta _design/users-meta',
    ])
  })

  it('writes a connected-user log per user and replication-count logs in medic-logs', () => {
    const items = all(5000)
    const users = items.filter((i) => i.category === 'user').map((i) => String(i.doc.name))
    const logs = items.filter((i) => i.category === 'log').map((i) => i.doc)
    const connected = logs.filter((d) => d._id.startsWith('connected-user-'))
    expect(connected.map((d) => d.user).sort()).toEqual([...users].sort())
    for (const doc of connected) {
      expect(Object.keys(doc).sort()).toEqual(['_id', '_rev', '_revisions', 'timestamp', 'user'])
      expect(doc.timestamp).toBeTypeOf('number')
    }
    const counts = logs.filter((d) => d._id.startsWith('replication-count-'))
    expect(counts.length).toBe(Math.max(1, Math.floor(users.length / 8)))
    for (const doc of counts) expect(doc.count as number).toBeGreaterThan(10_000)
  })

  it('gives some single-revision app-form reports their XML as the content attachment', () => {
    const reports = all(5000).filter((i) => i.category === 'report')
    const attached = reports.filter((i) => i.doc._attachments)
    expect(attached.length).toBeGreaterThan(10)
    for (const { doc, previous } of attached) {
      expect(previous).toBeNull()
      expect(doc.content_type).toBe('xml')
      const content = (doc._attachments as Record<string, { content_type: string; data: string }>)
        .content!
      expect(content.content_type).toBe('application/xml')
      expect(Buffer.from(content.data, 'base64').toString()).toMatch(/^<\?xml /)
    }
  })

  it('writes reports of at least 8 forms with the fields the formviews read, over 24 months', () => {
    const reports = all(5000)
      .filter((i) => i.category === 'report' && !i.doc._deleted)
      .map((i) => i.doc)
    const forms = new Set(reports.map((r) => r.form))
    expect(forms.size).toBeGreaterThanOrEqual(8)
    for (const [form, fields] of Object.entries(DEMO_FORM_FIELDS)) {
      const sample = reports.find((r) => r.form === form)
      expect(sample, form).toBeDefined()
      expect(Object.keys(sample!.fields as object), form).toEqual(
        expect.arrayContaining(Object.keys(fields)),
      )
    }
    const dates = reports.map((r) => r.reported_date as number)
    expect(Math.min(...dates)).toBeGreaterThanOrEqual(ANCHOR - WINDOW_MS)
    expect(Math.max(...dates)).toBeLessThan(ANCHOR)
    const months = new Set(dates.map((d) => new Date(d).toISOString().slice(0, 7)))
    expect(months.size).toBeGreaterThanOrEqual(24)
  })

  it('gives reports their submitter with the parent chain, and a subject that exists', () => {
    const items = all(3000)
    const byId = new Map(items.map((i) => [i.doc._id, i]))
    const reports = items.filter((i) => i.category === 'report' && !i.doc._deleted)
    for (const { doc } of reports) {
      const contact = doc.contact as { _id: string; parent?: { _id: string } }
      const user = byId.get(contact._id)!
      const submitter = user.doc._deleted ? user.previous! : user.doc
      expect(chain(contact)).toEqual([contact._id, ...chain((submitter.parent as object) ?? {})])
      const fields = doc.fields as Record<string, string>
      const subject = fields.patient_uuid ?? fields.place_id
      if (subject) expect(byId.has(subject)).toBe(true)
      else expect(doc.sms_message).toBeDefined()
    }
  })

  it('has both hierarchies and a settings document listing every contact type', () => {
    const items = all(3000)
    const settings = items.find((i) => i.doc._id === 'settings')!.doc
    const types = (settings.settings as { contact_types: { id: string; person?: boolean }[] })
      .contact_types
    const contactTypes = new Set(
      items
        .filter((i) => i.doc.type === 'contact')
        .map((i) => (i.previous ?? i.doc).contact_type as string),
    )
    expect(contactTypes.size).toBeGreaterThan(0)
    for (const type of contactTypes) expect(types.map((t) => t.id)).toContain(type)
    for (const classic of ['district_hospital', 'health_center', 'clinic', 'person']) {
      expect(types.map((t) => t.id)).toContain(classic)
    }
    expect(types.filter((t) => t.person).map((t) => t.id)).toEqual(
      expect.arrayContaining(['person', 'household_member']),
    )
  })

  it('pairs every user-settings document with a _users document holding the hash fields', () => {
    const items = all(3000)
    const settings = items.filter((i) => i.doc.type === 'user-settings').map((i) => i.doc._id)
    const users = items.filter((i) => i.db === '_users').map((i) => i.doc)
    expect(users.map((u) => u._id).sort()).toEqual([...settings].sort())
    for (const user of users) {
      expect(user._id).toBe(`org.couchdb.user:${user.name as string}`)
      expect(user).toMatchObject({ type: 'user', password_scheme: 'pbkdf2' })
      expect(user.derived_key).toMatch(/^[0-9a-f]{40}$/)
    }
  })

  it('has tasks, targets, info documents, feedback and telemetry shaped like CHT writes them', () => {
    const items = all(5000).filter((i) => !i.doc._deleted)
    const one = (type: string): CouchDoc => items.find((i) => i.doc.type === type)!.doc
    expect(one('task')._id).toMatch(/^task~org\.couchdb\.user:[^~]+~/)
    expect(one('task')).toMatchObject({ emission: { forId: expect.any(String) } })
    expect(one('target')._id).toMatch(/^target~\d{4}-\d{2}~[^~]+~org\.couchdb\.user:/)
    const info = one('info')
    expect(info._id).toBe(`${info.doc_id as string}-info`)
    expect(one('feedback')).toMatchObject({ meta: { user: { name: expect.any(String) } } })
    expect(one('telemetry')).toMatchObject({
      metadata: { year: expect.any(Number), month: expect.any(Number) },
      metrics: { boot_time: { count: expect.any(Number) } },
    })
  })

  it('gives documents deterministic revision histories, some several revisions, some deleted', () => {
    const items = all(5000)
    for (const { doc, previous } of items) {
      const [, n] = doc._rev.match(REV)!
      expect(doc._revisions!.start).toBe(Number(n))
      expect(doc._revisions!.ids).toHaveLength(Number(n))
      expect(doc._rev).toBe(`${n}-${doc._revisions!.ids[0]}`)
      if (previous) {
        expect(previous._rev).toBe(`${Number(n) - 1}-${doc._revisions!.ids[1]}`)
        expect(previous).not.toHaveProperty('_revisions')
      }
    }
    const deleted = items.filter((i) => i.doc._deleted)
    expect(deleted.length).toBeGreaterThan(10)
    for (const { doc, previous } of deleted) {
      expect(Object.keys(doc).sort()).toEqual(['_deleted', '_id', '_rev', '_revisions'])
      expect(previous?.type).toBeDefined()
    }
    const edited = items.filter((i) => !i.doc._deleted && i.previous)
    expect(edited.length).toBeGreaterThan(items.length / 10)
    // The revision before really differs (not only by its _rev), so a stale copy is visible.
    const same = edited.filter(
      (i) =>
        JSON.stringify({ ...i.previous, _rev: 0 }) ===
        JSON.stringify({ ...stripRevs(i.doc), _rev: 0 }),
    )
    expect(same).toEqual([])
  })
})

function chain(node: object): string[] {
  const ids: string[] = []
  for (let n = node as { _id?: string; parent?: object } | undefined; n?._id; n = n.parent)
    ids.push(n._id)
  return ids
}

function stripRevs(doc: CouchDoc) {
  const { _revisions: _r, ...rest } = doc
  return rest
}
