import { afterEach, describe, expect, it } from 'vitest'
import { createTestCouchDatabases, testCouchdb } from '../../../support/test-couchdb'

/** A CouchDB 3 sequence: `<number>-<opaque base64url>`. */
const SEQ = /^\d+-[A-Za-z0-9_-]{40,}$/
const MALFORMED = {
  error: 'bad_request',
  reason: "Malformed sequence supplied in 'since' parameter.",
}
const number = (seq: string) => Number(seq.split('-')[0])

interface Changes {
  results: { seq: string; id: string; deleted?: boolean; changes: { rev: string }[] }[]
  last_seq: string
  pending: number
}
interface DbInfo {
  db_name: string
  update_seq: string
  purge_seq: string
  doc_count: number
  doc_del_count: number
  sizes: { file: number; external: number; active: number }
  [key: string]: unknown
}

type Couch = Awaited<ReturnType<typeof createTestCouchDatabases<'medic' | 'medic-sentinel'>>>
let couch: Couch | null = null
afterEach(async () => {
  await couch?.drop()
  couch = null
})

async function databases() {
  couch = await createTestCouchDatabases('medic', 'medic-sentinel')
  const db = (name: 'medic' | 'medic-sentinel' = 'medic') =>
    `/${encodeURIComponent(couch!.names[name])}`
  const get = async <T>(path: string, init?: RequestInit) => {
    const response = await couch!.request(path, init)
    return { status: response.status, body: (await response.json()) as T }
  }
  const changes = async (query: string, name: 'medic' | 'medic-sentinel' = 'medic') => {
    const { status, body } = await get<Changes>(`${db(name)}/_changes?${query}`)
    expect(status).toBe(200)
    return body
  }
  const info = async (name: 'medic' | 'medic-sentinel' = 'medic') =>
    (await get<DbInfo>(db(name))).body
  const docs = (...ids: string[]) => ids.map((id) => ({ _id: id, type: 'person' }))
  return { couch, db, get, changes, info, docs }
}

describe('sequences', () => {
  it('are opaque CouchDB 3 strings in update_seq, in each row and in last_seq, numbers rising', async () => {
    const { couch, changes, info, docs } = await databases()
    expect((await info()).update_seq).toMatch(SEQ)
    await couch.bulk('medic', docs('a', 'b', 'c'))
    const feed = await changes('')
    expect(feed.results.map((r) => r.id).sort()).toEqual(['a', 'b', 'c'])
    for (const row of feed.results) expect(row.seq).toMatch(SEQ)
    const numbers = feed.results.map((r) => number(r.seq))
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y))
    expect(new Set(numbers).size).toBe(3)
    expect(feed.last_seq).toMatch(SEQ)
    expect(feed.last_seq).toBe(feed.results.at(-1)!.seq)
    const before = (await info()).update_seq
    expect(before).toBe(feed.last_seq)
    await couch.bulk('medic', docs('d'))
    const after = (await info()).update_seq
    expect(after).toMatch(SEQ)
    expect(number(after)).toBeGreaterThan(number(before))
  })

  it('given back in since, give only the later changes; 0 gives all and now none', async () => {
    const { couch, changes, info, docs } = await databases()
    await couch.bulk('medic', docs('a', 'b'))
    const mark = (await info()).update_seq
    await couch.bulk('medic', docs('c', 'd'))
    const later = await changes(`since=${encodeURIComponent(mark)}`)
    expect(later.results.map((r) => r.id).sort()).toEqual(['c', 'd'])
    expect(later.pending).toBe(0)
    // Quoted, as some clients send a JSON string, it is the same sequence.
    const quoted = await changes(`since=${encodeURIComponent(`"${mark}"`)}`)
    expect(quoted.results.map((r) => r.id).sort()).toEqual(['c', 'd'])
    expect((await changes('since=0')).results).toHaveLength(4)
    const now = await changes('since=now')
    expect(now.results).toEqual([])
    expect(now.last_seq).toBe((await info()).update_seq)
  })

  it('that this server did not write for that database get CouchDB 3’s 400', async () => {
    const { couch, db, get, info, docs } = await databases()
    await couch.bulk('medic', docs('a', 'b', 'c'))
    await couch.bulk('medic-sentinel', docs('x', 'y', 'z'))
    const mine = (await info()).update_seq
    const other = (await info('medic-sentinel')).update_seq
    expect(number(mine)).toBe(number(other))
    const at = mine.indexOf('-') + 30
    const tampered = mine.slice(0, at) + (mine[at] === 'Q' ? 'R' : 'Q') + mine.slice(at + 1)
    const renumbered = `2${mine.slice(mine.indexOf('-'))}`
    for (const since of ['1', '3', tampered, other, renumbered, 'garbage', '', '-1']) {
      for (const feed of ['', '&feed=longpoll', '&limit=0']) {
        const answer = await get(`${db()}/_changes?since=${encodeURIComponent(since)}${feed}`)
        expect({ since, feed, ...answer }).toEqual({ since, feed, status: 400, body: MALFORMED })
      }
    }
    const posted = await get(`${db()}/_changes`, {
      method: 'POST',
      body: JSON.stringify({ since: tampered }),
    })
    expect(posted).toEqual({ status: 400, body: MALFORMED })
  })

  it('are checked after the credentials, and a missing database is still a 404', async () => {
    const { db, get } = await databases()
    const { url, username } = testCouchdb()
    const wrong = `Basic ${Buffer.from(`${username}:wrong`).toString('base64')}`
    const refused = await fetch(`${url}${db()}/_changes?since=12`, {
      headers: { Authorization: wrong },
    })
    expect(refused.status).toBe(401)
    for (const path of ['/t_missing_db', '/t_missing_db/_changes?since=12']) {
      const answer = await get<{ error: string }>(path)
      expect(answer.status).toBe(404)
      expect(answer.body.error).toBe('not_found')
    }
  })

  it('are opaque in _all_docs and view answers asked for update_seq', async () => {
    const { couch, db, get, info, docs } = await databases()
    await couch.bulk('medic', [
      ...docs('a', 'b'),
      { _id: '_design/t', views: { by_type: { map: 'function (doc) { emit(doc.type) }' } } },
    ])
    const current = (await info()).update_seq
    const all = await get<{ rows: unknown[]; update_seq: string }>(
      `${db()}/_all_docs?update_seq=true`,
    )
    expect(all.body.rows).toHaveLength(3)
    expect(all.body.update_seq).toBe(current)
    const posted = await get<{ update_seq: string }>(`${db()}/_all_docs`, {
      method: 'POST',
      body: JSON.stringify({ update_seq: true, keys: ['a'] }),
    })
    expect(posted.body.update_seq).toBe(current)
    const view = await get<{ rows: unknown[]; update_seq: string }>(
      `${db()}/_design/t/_view/by_type?update_seq=true`,
    )
    expect(view.body.rows).toHaveLength(2)
    expect(view.body.update_seq).toMatch(SEQ)
    expect(view.body.update_seq).toBe(current)
  })
})

describe('_changes', () => {
  it('answers limit=0 with the exact backlog after a sequence', async () => {
    const { couch, db, get, changes, info, docs } = await databases()
    await couch.bulk('medic', docs('a', 'b', 'c', 'd', 'e'))
    const mark = (await info()).update_seq
    const k = 7
    await couch.bulk('medic', docs(...Array.from({ length: k }, (_, i) => `new-${i}`)))
    const a = (await get<{ _rev: string }>(`${db()}/a`)).body
    await couch.request(`${db()}/a`, { method: 'PUT', body: JSON.stringify({ ...a, v: 2 }) })
    const backlog = await changes(`since=${encodeURIComponent(mark)}&limit=0`)
    expect(backlog).toEqual({ results: [], last_seq: mark, pending: k + 1 })
    expect((await changes('since=0&limit=0')).pending).toBe(5 + k)
    const head = (await info()).update_seq
    expect(await changes('since=now&limit=0')).toEqual({ results: [], last_seq: head, pending: 0 })
  })

  it('gives each page the number of changes that remain after it', async () => {
    const { couch, db, get, changes, docs } = await databases()
    const ids = Array.from({ length: 10 }, (_, i) => `doc-${i}`)
    await couch.bulk('medic', docs(...ids))
    for (const id of ['doc-2', 'doc-7']) {
      const doc = (await get<{ _rev: string }>(`${db()}/${id}`)).body
      await couch.request(`${db()}/${id}`, {
        method: 'PUT',
        body: JSON.stringify({ ...doc, v: 2 }),
      })
    }
    const seen: string[] = []
    let since = '0'
    for (let page = 0; page < 10; page++) {
      const answer = await changes(`since=${encodeURIComponent(since)}&limit=3`)
      seen.push(...answer.results.map((r) => r.id))
      expect(answer.pending).toBe(ids.length - seen.length)
      since = answer.last_seq
      if (answer.pending === 0) break
    }
    expect(seen.sort()).toEqual([...ids].sort())
  })

  it('reads since from a POST body and keeps its doc_ids filter', async () => {
    const { couch, db, get, info, docs } = await databases()
    await couch.bulk('medic', docs('a', 'b'))
    const mark = (await info()).update_seq
    await couch.bulk('medic', docs('c', 'd'))
    const post = (body: object, query = '') =>
      get<Changes>(`${db()}/_changes${query}`, { method: 'POST', body: JSON.stringify(body) })
    const later = await post({ since: mark })
    expect(later.body.results.map((r) => r.id).sort()).toEqual(['c', 'd'])
    const filtered = await post({ since: mark, doc_ids: ['d', 'a'] }, '?filter=_doc_ids')
    expect(filtered.body.results.map((r) => r.id)).toEqual(['d'])
    expect(filtered.body.results[0]!.seq).toMatch(SEQ)
    expect((await post({ doc_ids: ['a'] }, '?filter=_doc_ids')).body.results).toHaveLength(1)
  })

  it('holds a longpoll until the next change, then answers it in CouchDB 3’s shape', async () => {
    const { couch, changes, info, docs } = await databases()
    await couch.bulk('medic', docs('a'))
    const mark = (await info()).update_seq
    const waiting = changes(`since=${encodeURIComponent(mark)}&feed=longpoll`)
    await new Promise((resolve) => setTimeout(resolve, 150))
    await couch.bulk('medic', docs('late'))
    const answer = await waiting
    expect(answer.results.map((r) => r.id)).toEqual(['late'])
    expect(answer.results[0]!.seq).toMatch(SEQ)
    expect(answer.last_seq).toBe(answer.results[0]!.seq)
    expect(answer.pending).toBe(0)
    // With changes already there, it answers at once.
    const ready = await changes(`since=${encodeURIComponent(mark)}&feed=longpoll`)
    expect(ready.results.map((r) => r.id)).toEqual(['late'])
  })

  it('refuses the streaming feeds the demo server does not support, after the credentials', async () => {
    const { db, get } = await databases()
    for (const feed of ['continuous', 'live', 'eventsource']) {
      const answer = await get<{ error: string; reason: string }>(`${db()}/_changes?feed=${feed}`)
      expect(answer.status).toBe(400)
      expect(answer.body).toEqual({
        error: 'bad_request',
        reason: `The demo CouchDB server does not support feed=${feed}; use feed=normal or feed=longpoll.`,
      })
    }
    const { url, username } = testCouchdb()
    const refused = await fetch(`${url}${db()}/_changes?feed=continuous`, {
      headers: { Authorization: `Basic ${Buffer.from(`${username}:wrong`).toString('base64')}` },
    })
    expect(refused.status).toBe(401)
  })
})

describe('database information', () => {
  it('has CouchDB 3’s fields, with deleted documents counted', async () => {
    const { couch, db, info, docs } = await databases()
    const written = await couch.bulk('medic', docs('a', 'b', 'c', 'd'))
    for (const doc of written.slice(0, 2)) {
      const removed = await couch.request(`${db()}/${doc.id}?rev=${doc.rev}`, { method: 'DELETE' })
      expect(removed.status).toBe(200)
    }
    const body = await info()
    expect(Object.keys(body).sort()).toEqual(
      [
        'cluster',
        'compact_running',
        'db_name',
        'disk_format_version',
        'doc_count',
        'doc_del_count',
        'instance_start_time',
        'props',
        'purge_seq',
        'sizes',
        'update_seq',
      ].sort(),
    )
    expect(body).toMatchObject({
      db_name: couch.names.medic,
      doc_count: 2,
      doc_del_count: 2,
      instance_start_time: '0',
      compact_running: false,
      disk_format_version: 8,
      props: {},
      cluster: { q: expect.any(Number), n: 1, w: 1, r: 1 },
    })
    expect(body.update_seq).toMatch(SEQ)
    expect(body.purge_seq).toMatch(/^0-[A-Za-z0-9_-]{40,}$/)
    for (const size of Object.values(body.sizes)) expect(Number.isInteger(size)).toBe(true)
    expect(body.sizes.external).toBeGreaterThan(0)
    expect(body.sizes.active).toBeLessThanOrEqual(body.sizes.file)
  })

  it('answers HEAD with the headers of GET and no body', async () => {
    const { couch, db } = await databases()
    const got = await couch.request(db())
    const text = await got.text()
    const head = await couch.request(db(), { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(text)))
    expect(head.headers.get('etag')).toBeNull()
    expect(await head.text()).toBe('')
  })

  it('answers POST /_dbs_info for several databases, and its errors', async () => {
    const { couch, get, info } = await databases()
    const keys = [couch.names.medic, 't_not_there', couch.names['medic-sentinel']]
    const answer = await get<{ key: string; info?: DbInfo; error?: string }[]>('/_dbs_info', {
      method: 'POST',
      body: JSON.stringify({ keys }),
    })
    expect(answer.status).toBe(200)
    expect(answer.body.map((e) => e.key)).toEqual(keys)
    expect(answer.body[0]!.info).toEqual(await info())
    expect(answer.body[1]).toEqual({ key: 't_not_there', error: 'not_found' })
    expect(answer.body[2]!.info?.db_name).toBe(couch.names['medic-sentinel'])
    const post = (body: unknown) =>
      get<{ error: string; reason: string }>('/_dbs_info', {
        method: 'POST',
        body: JSON.stringify(body),
      })
    expect(await post({ names: keys })).toEqual({
      status: 400,
      body: { error: 'bad_request', reason: '`keys` member must exist.' },
    })
    const many = await post({ keys: Array.from({ length: 101 }, (_, i) => `db${i}`) })
    expect(many.status).toBe(400)
  })
})

describe('_all_docs', () => {
  it('lists every document, ids starting above U+00FF included, whatever the bounds asked', async () => {
    const { couch, db, get, docs } = await databases()
    const ids = ['a', 'zz', 'é', 'Ā-1', '中文', '😀x', '\uffee']
    await couch.bulk('medic', docs(...ids))
    const listed = async (query: string) =>
      (await get<{ rows: { id: string }[] }>(`${db()}/_all_docs${query}`)).body.rows.map(
        (r) => r.id,
      )
    expect((await listed('')).sort()).toEqual([...ids].sort())
    expect((await listed('?descending=true')).sort()).toEqual([...ids].sort())
    expect(await listed(`?startkey=${encodeURIComponent('"b"')}&limit=2`)).toHaveLength(2)
    // A bound the client gives is kept.
    expect(await listed(`?endkey=${encodeURIComponent('"zz"')}`)).toEqual(['a', 'zz'])
  })
})
