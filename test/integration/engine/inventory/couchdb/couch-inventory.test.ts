import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  scanCouchInventory,
  type CouchInventoryOptions,
} from '../../../../../src/main/engine/inventory/couchdb/couch-inventory'
import type { CouchSource } from '../../../../../src/main/engine/parity/couch-source'
import {
  couchdbInventoryDetailsSchema,
  DISTRIBUTION_LIMIT,
} from '../../../../../src/shared/results/couchdb-inventory-result'
import { couchServer, httpServer } from '../../connections/fixtures'
import {
  answer,
  endless,
  expectedDistribution,
  load,
  medicDocs,
  proxy,
  sourceFor,
  type Doc,
} from './fixtures'

/**
 * The CouchDB inventory against a real CouchDB-compatible server shaped like a CHT instance's
 * (one per file: the inventory reads the exact names `medic`, `medic-sentinel`…), and against
 * proxies in front of it that misbehave in the ways a real network or server can.
 */

let couch: Awaited<ReturnType<typeof couchServer>>
const docs = medicDocs()

beforeAll(async () => {
  couch = await couchServer(['medic', 'medic-sentinel', 'medic-users-meta'])
  await load(couch, 'medic', docs)
  await load(
    couch,
    'medic-sentinel',
    Array.from({ length: 4 }, (_, i) => ({ _id: `info-${i}`, type: 'info' })),
  )
  // One of them deleted: doc_del_count 1.
  const auth = Buffer.from(`${couch.adminUser}:${couch.adminPassword}`).toString('base64')
  const headers = { authorization: `Basic ${auth}` }
  const doc = (await (await fetch(`${couch.url}/medic-sentinel/info-3`, { headers })).json()) as {
    _rev: string
  }
  const deleted = await fetch(`${couch.url}/medic-sentinel/info-3?rev=${doc._rev}`, {
    method: 'DELETE',
    headers,
  })
  expect(deleted.ok).toBe(true)
  await load(couch, 'medic-users-meta', [{ _id: 'feedback-1', type: 'feedback' }])
})
afterAll(async () => {
  await couch?.cleanup()
})

interface Progress {
  done: number
  total: number | null
  label: string
}

async function scan(source: CouchSource, options: Partial<CouchInventoryOptions> = {}) {
  const progress: Progress[] = []
  const result = await scanCouchInventory(source, {
    signal: new AbortController().signal,
    pageSize: 100,
    ...options,
    onProgress: (done, total, label) => {
      progress.push({ done, total, label })
      options.onProgress?.(done, total, label)
    },
  })
  // Whatever happened, what is returned is storable as it is.
  expect(couchdbInventoryDetailsSchema.parse(result.details)).toEqual(result.details)
  return { ...result, progress }
}

const typeOf = (d: Doc): string => {
  if (d._id.startsWith('_design/')) return '_design'
  if (d.type === undefined) return '(none)'
  const type = String(d.type)
  return type.length > 200 ? `${type.slice(0, 199)}…` : type
}

/** The `startkey` of a request for a page of medic's `_all_docs` after the first, else null. */
function startkey(url: string | undefined): string | null {
  const parsed = new URL(url ?? '/', 'http://x')
  if (parsed.pathname !== '/medic/_all_docs') return null
  return parsed.searchParams.get('startkey')
}

describe('the inventory of a CHT CouchDB', () => {
  it('reads the server, each CHT database present, and counts medic exactly', async () => {
    const { details, partial, progress } = await scan(sourceFor(couch, couch.url))
    expect(partial).toBeNull()
    expect(details.couchVersion).toBe('3.3.3')
    // A bare CouchDB (no CHT API in front): the version comes from medic's _design/medic.
    expect(details.chtVersion).toBe('4.21.1')
    // medic-logs is not on this server: left out, not an error.
    expect(details.databases.map((d) => d.name)).toEqual([
      'medic',
      'medic-sentinel',
      'medic-users-meta',
      '_users',
    ])
    const byName = Object.fromEntries(details.databases.map((d) => [d.name, d]))
    expect(byName.medic).toMatchObject({ docCount: docs.length, deletedCount: 0, error: null })
    expect(byName['medic-sentinel']).toMatchObject({ docCount: 3, deletedCount: 1, error: null })
    expect(byName['medic-users-meta']).toMatchObject({ docCount: 1, deletedCount: 0 })
    for (const db of details.databases) {
      expect(db.sizeBytes).toEqual(expect.any(Number))
      // CouchDB 3's sequences are opaque text, kept as given.
      expect(db.updateSeq).toMatch(/^\d+-\S+$/)
    }

    const medic = details.medic!
    expect(medic.scanned).toBe(docs.length)
    expect(medic.total).toBe(docs.length)
    expect(medic.types).toEqual(expectedDistribution(docs.map(typeOf)))
    expect(medic.types).toContainEqual({ value: '_design', count: 3 })
    expect(medic.types).toContainEqual({ value: '123', count: 1 })
    expect(medic.contactTypes).toEqual([
      { value: 'chw', count: 15 },
      { value: 'person', count: 12 },
      { value: 'household', count: 10 },
      { value: 'clinic', count: 5 },
      { value: 'health_center', count: 3 },
      { value: '(none)', count: 1 },
      { value: 'district_hospital', count: 1 },
    ])
    // 523 forms: the 500 most frequent are kept, the 23 last single ones summed into `other`.
    const forms = docs
      .filter((d) => d.type === 'data_record')
      .map((d) => (typeof d.form === 'string' ? d.form : '(none)'))
    const allForms = expectedDistribution(forms)
    expect(allForms).toHaveLength(523)
    expect(medic.forms).toEqual(allForms.slice(0, DISTRIBUTION_LIMIT))
    expect(medic.forms.slice(0, 3)).toEqual([
      { value: 'pregnancy', count: 40 },
      { value: 'delivery', count: 30 },
      { value: '(none)', count: 2 },
    ])
    expect(medic.other).toBe(23)

    expect(progress.filter((p) => p.label === 'databases').at(-1)).toEqual({
      done: 5,
      total: 5,
      label: 'databases',
    })
    const pages = progress.filter((p) => p.label === 'medic')
    expect(pages.map((p) => p.done)).toEqual([0, 100, 200, 300, 400, 500, 600, docs.length])
    expect(pages.every((p) => p.total === docs.length)).toBe(true)
  })

  it('stops between pages when cancelled, with what was counted so far', async () => {
    const controller = new AbortController()
    const { details, partial } = await scan(sourceFor(couch, couch.url), {
      signal: controller.signal,
      onProgress: (done, _total, label) => {
        if (label === 'medic' && done >= 300) controller.abort()
      },
    })
    expect(partial?.reason).toBe('cancelled')
    expect(partial?.note).toBe(
      `Cancelled after counting 300 of ${docs.length} documents of “medic”.`,
    )
    const medic = details.medic!
    expect(medic.scanned).toBe(300)
    expect(medic.total).toBe(docs.length)
    expect(medic.types.reduce((n, t) => n + t.count, 0)).toBe(300)
    // The server facts were read before the scan started.
    expect(details.databases).toHaveLength(4)
  })

  it('stops a request in flight when the source shares the cancelled signal', async () => {
    const controller = new AbortController()
    // Cancel once both have happened, in whichever order: the first page is counted (progress
    // says 100 of medic's documents) and the second page's request has reached the proxy, which
    // never answers it. No timer: under load a fixed delay could fire before the first page.
    let firstPageCounted = false
    let secondPageAsked = false
    const cancelWhenReady = () => {
      if (firstPageCounted && secondPageAsked) controller.abort()
    }
    const slow = await proxy(couch, (req) => {
      if (startkey(req.url) === null) return undefined
      secondPageAsked = true
      cancelWhenReady()
      return true
    })
    try {
      const source = sourceFor(couch, slow.url, {
        signal: controller.signal,
        requestTimeoutMs: 20_000,
      })
      const started = Date.now()
      const { details, partial } = await scan(source, {
        signal: controller.signal,
        onProgress: (done, _total, label) => {
          if (label === 'medic' && done >= 100) firstPageCounted = true
          cancelWhenReady()
        },
      })
      expect(controller.signal.aborted).toBe(true)
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(partial?.reason).toBe('cancelled')
      expect(details.medic?.scanned).toBe(100)
    } finally {
      await slow.close()
    }
  })
})

describe('a server that misbehaves', () => {
  it('gives one database an error for garbage or an endless body, and reads the rest', async () => {
    const hostile = await proxy(couch, (req, res) => {
      const path = req.url?.split('?')[0]
      if (path === '/medic-sentinel') {
        return answer(res, 200, '<html><body>Welcome to nginx!</body></html>', 'text/html')
      }
      if (path === '/medic-users-meta') return endless(res)
      if (path === '/api/v2/monitoring') {
        return answer(res, 200, JSON.stringify({ version: { app: '4.21.0' } }))
      }
      return undefined
    })
    try {
      const { details, partial } = await scan(sourceFor(couch, hostile.url))
      expect(partial).toBeNull()
      expect(details.chtVersion).toBe('4.21.0')
      const byName = Object.fromEntries(details.databases.map((d) => [d.name, d]))
      expect(byName['medic-sentinel']).toMatchObject({ docCount: null, updateSeq: null })
      expect(byName['medic-sentinel']?.error).toMatch(/something other than CouchDB’s JSON/)
      expect(byName['medic-users-meta']).toMatchObject({ docCount: null, sizeBytes: null })
      expect(byName['medic-users-meta']?.error).toMatch(/answered with more than 1 MB/)
      expect(byName._users?.error).toBeNull()
      expect(details.medic?.scanned).toBe(docs.length)
    } finally {
      await hostile.close()
    }
  })

  it('keeps the counts made before a page times out', async () => {
    // The third page starts at the 200th id (pages of 100, each from the last id seen).
    const third = JSON.stringify(docs.map((d) => d._id).sort()[199])
    const stalling = await proxy(couch, (req) => (startkey(req.url) === third ? true : undefined))
    try {
      const source = sourceFor(couch, stalling.url, { requestTimeoutMs: 500 })
      const { details, partial } = await scan(source)
      expect(partial?.reason).toBe('timeout')
      expect(partial?.note).toMatch(/^Stopped after counting 200 of 656 documents of “medic”: /)
      expect(details.medic?.scanned).toBe(200)
      expect(details.databases.find((d) => d.name === 'medic')?.docCount).toBe(docs.length)
    } finally {
      await stalling.close()
    }
  })

  it('fails a scan whose pages turn to garbage, after trying smaller pages', async () => {
    const asked: string[] = []
    const broken = await proxy(couch, (req, res) => {
      if (startkey(req.url) === null) return undefined
      asked.push(new URL(req.url ?? '', 'http://x').searchParams.get('limit') ?? '')
      return answer(res, 200, '[1, 2, 3]')
    })
    try {
      const { details, partial } = await scan(sourceFor(couch, broken.url))
      expect(partial?.reason).toBe('failed')
      expect(partial?.note).toMatch(/something other than CouchDB’s JSON/)
      expect(details.medic?.scanned).toBe(100)
      expect(asked).toEqual(['101', '13', '2'])
    } finally {
      await broken.close()
    }
  })

  it('reports refused credentials on each database and counts nothing', async () => {
    const { details, partial } = await scan(sourceFor(couch, couch.url, { password: 'wrong' }))
    expect(partial?.reason).toBe('failed')
    expect(partial?.note).toMatch(/^The “medic” database could not be read/)
    expect(details.couchVersion).toBe('3.3.3')
    expect(details.medic).toBeNull()
    expect(details.databases.length).toBeGreaterThan(0)
    for (const db of details.databases) {
      expect(db.docCount).toBeNull()
      expect(db.error).toMatch(/refused the user name or password/)
      expect(db.error!.length).toBeLessThanOrEqual(200)
    }
  })

  it('reads nothing from a server that is not CouchDB', async () => {
    const web = await httpServer((_req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end('{"hello":"world"}')
    })
    try {
      const { details, partial } = await scan(sourceFor(couch, web.url))
      expect(partial?.reason).toBe('failed')
      expect(partial?.note).toMatch(/not as CouchDB does/)
      expect(details).toMatchObject({ couchVersion: null, databases: [], medic: null })
    } finally {
      await web.close()
    }
  })

  it('says so when the server has no medic database', async () => {
    const bare = await proxy(couch, (req, res) => {
      if (!req.url?.startsWith('/medic')) return undefined
      return answer(res, 404, '{"error":"not_found","reason":"Database does not exist."}')
    })
    try {
      const { details, partial } = await scan(sourceFor(couch, bare.url))
      expect(partial).toEqual({
        reason: 'failed',
        note: 'The server has no “medic” database: it is not a CHT instance’s CouchDB.',
      })
      expect(details.databases.map((d) => d.name)).toEqual(['_users'])
      expect(details.medic).toBeNull()
    } finally {
      await bare.close()
    }
  })
})
