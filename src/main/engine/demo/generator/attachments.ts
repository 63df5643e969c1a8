import { createHash } from 'node:crypto'
import { hashUnit, labelCode } from './prng'
import type { CouchDoc, GeneratedDoc } from './types'

/** About this share of app-form reports carry their form's XML as the `content` attachment. */
const ATTACHED_SHARE = 0.1

/** An attachment as written to CouchDB (with its data) or as CouchDB returns it (a stub). */
interface Attachment {
  content_type: string
  data?: string
  digest?: string
  length?: number
  revpos?: number
  stub?: true
}

const xmlOf = (doc: CouchDoc): string => {
  const fields = (doc.fields ?? {}) as Record<string, unknown>
  const answers = Object.entries(fields)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .map(([k, v]) => `<${k}>${String(v).replace(/[<&>]/g, '')}</${k}>`)
    .join('')
  return `<?xml version="1.0"?><${String(doc.form)} id="${String(doc.form)}">${answers}</${String(doc.form)}>`
}

/**
 * Gives some app-form reports (`content_type: xml`) their submitted XML as the `content`
 * attachment, as CHT stores it. Only reports written once and not deleted are chosen (so every
 * copy's stub has the same `revpos`), by a coin on the seed and ordinal: nothing else of the
 * stream changes.
 */
export function withXmlAttachment(item: GeneratedDoc, seed: number): GeneratedDoc {
  const { doc } = item
  if (item.category !== 'report' || doc.content_type !== 'xml') return item
  if (doc._deleted || item.previous !== null) return item
  if (hashUnit(seed, labelCode('attachment'), item.ordinal) >= ATTACHED_SHARE) return item
  const data = Buffer.from(xmlOf(doc)).toString('base64')
  const content: Attachment = { content_type: 'application/xml', data }
  return { ...item, doc: { ...doc, _attachments: { content } } }
}

/**
 * The attachments as CouchDB returns them in a document read without `attachments=true`, which is
 * what both pipelines store: stubs with the MD5 digest, the length and the revision generation
 * the data was written at.
 */
export function attachmentStubs(doc: CouchDoc): CouchDoc {
  const attachments = doc._attachments as Record<string, Attachment> | undefined
  if (!attachments) return doc
  const generation = Number.parseInt(doc._rev, 10)
  const stubs: Record<string, Attachment> = {}
  for (const [name, att] of Object.entries(attachments)) {
    if (att.stub || att.data === undefined) {
      stubs[name] = att
      continue
    }
    const bytes = Buffer.from(att.data, 'base64')
    stubs[name] = {
      content_type: att.content_type,
      revpos: generation,
      digest: `md5-${createHash('md5').update(bytes).digest('base64')}`,
      length: bytes.length,
      stub: true,
    }
  }
  return { ...doc, _attachments: stubs }
}
