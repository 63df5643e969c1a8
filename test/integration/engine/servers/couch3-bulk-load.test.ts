import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startCouchServer,
  type RunningCouch,
} from '../../../../src/main/engine/servers/couch-server'

const SEQ = /^\d+-[A-Za-z0-9_-]{40,}$/
const PASSWORD = 'couch3-password'
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

interface DbInfo {
  update_seq: string
  doc_count: number
  doc_del_count: number
  sizes: { file: number; external: number; active: number }
}

/** `count` documents with one revision each, live or deleted stubs, as the demo loads them. */
const loaded = (prefix: string, count: number, deleted = false) =>
  Array.from({ length: count }, (_, i) => ({
    _id: `${prefix}-${i}`,
    _rev: `1-${'f'.repeat(32)}`,
    ...(deleted ? { _deleted: true } : { type: 'data_record', form: 'visit', n: i }),
  }))

function client(couch: RunningCouch, user = 'admin', password = PASSWORD) {
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${couch.url}${path}`, {
      ...init,
      headers: {
        Authorization: basic(user, password),
        'Content-Type': 'application/json',
        ...init.headers,
      },
    })
  const json = async <T>(path: string, init?: RequestInit) => {
    const response = await request(path, init)
    return { status: response.status, body: (await response.json()) as T }
  }
  return { request, json, info: async (db: string) => (await json<DbInfo>(`/${db}`)).body }
}

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cht-migrate-couch3-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the in-process bulk load', () => {
  let couch: RunningCouch
  beforeAll(async () => {
    couch = await startCouchServer({
      adapter: 'memory',
      dir: join(dir, 'memory'),
      adminUser: 'admin',
      adminPassword: PASSWORD,
      databases: ['medic', 'medic-sentinel'],
    })
  })
  afterAll(() => couch.stop())

  it('counts the deleted stubs it writes, and the deletions made over HTTP after it', async () => {
    const { json, request, info } = client(couch)
    await couch.bulkLoad('medic', loaded('live', 120))
    await couch.bulkLoad('medic', loaded('gone', 30, true))
    const first = await info('medic')
    expect(first).toMatchObject({ doc_count: 120, doc_del_count: 30 })
    expect(first.update_seq).toMatch(SEQ)
    expect(first.sizes.external).toBeGreaterThan(120 * 40)
    const backlog = await json<{ pending: number; last_seq: string }>(
      '/medic/_changes?since=0&limit=0',
    )
    expect(backlog.body.pending).toBe(150)

    const doc = (await json<{ _rev: string }>('/medic/live-7')).body
    expect((await request(`/medic/live-7?rev=${doc._rev}`, { method: 'DELETE' })).status).toBe(200)
    expect(await info('medic')).toMatchObject({ doc_count: 119, doc_del_count: 31 })
    // A deleted document brought back by the loader with a live revision on top.
    await couch.bulkLoad('medic', [
      { _id: 'gone-3', _rev: '2-a', _revisions: { start: 2, ids: ['a', 'f'.repeat(32)] } },
    ])
    const last = await info('medic')
    expect(last).toMatchObject({ doc_count: 120, doc_del_count: 30 })
    const after = await json<{ results: { id: string }[]; pending: number }>(
      `/medic/_changes?since=${encodeURIComponent(first.update_seq)}`,
    )
    expect(after.body.results.map((r) => r.id).sort()).toEqual(['gone-3', 'live-7'])
    expect(after.body.pending).toBe(0)
  })

  it('keeps its counts right when a batch repeats revisions already stored', async () => {
    const { info } = client(couch)
    const stubs = loaded('stub', 10, true)
    await couch.bulkLoad('medic-sentinel', stubs)
    await couch.bulkLoad('medic-sentinel', [...stubs, ...loaded('info', 4)])
    expect(await info('medic-sentinel')).toMatchObject({ doc_count: 4, doc_del_count: 10 })
  })

  it('keeps CouchDB 3’s admin-only rules: _dbs_info and the databases refuse other users', async () => {
    const admin = client(couch)
    const created = await admin.request('/_users/org.couchdb.user:nurse', {
      method: 'PUT',
      body: JSON.stringify({ name: 'nurse', password: 'pw', roles: [], type: 'user' }),
    })
    expect(created.status).toBe(201)
    const nurse = client(couch, 'nurse', 'pw')
    const dbsInfo = await nurse.json<{ error: string }>('/_dbs_info', {
      method: 'POST',
      body: JSON.stringify({ keys: ['medic'] }),
    })
    expect(dbsInfo.status).toBe(401)
    expect((await nurse.request('/medic')).status).toBe(401)
    expect((await nurse.request('/medic/_changes?since=0&limit=0')).status).toBe(401)
    expect((await nurse.request('/medic/_changes?since=bogus')).status).toBe(401)
  })
})

describe('on leveldb', () => {
  it('reports the folder’s bytes as sizes.file, and keeps its sequences valid across a restart', async () => {
    const options = {
      adapter: 'leveldb' as const,
      dir: join(dir, 'leveldb'),
      adminUser: 'admin',
      adminPassword: PASSWORD,
      databases: ['medic'],
    }
    let couch = await startCouchServer(options)
    let mark: string
    let uuid: string
    try {
      await couch.bulkLoad('medic', loaded('doc', 200))
      await couch.bulkLoad('medic', loaded('del', 20, true))
      const info = await client(couch).info('medic')
      expect(info).toMatchObject({ doc_count: 200, doc_del_count: 20 })
      expect(info.sizes.file).toBeGreaterThan(0)
      expect(info.sizes.active).toBeLessThanOrEqual(info.sizes.file)
      mark = info.update_seq
      uuid = ((await (await fetch(couch.url)).json()) as { uuid: string }).uuid
      await couch.bulkLoad('medic', loaded('later', 5))
    } finally {
      await couch.stop()
    }
    couch = await startCouchServer({ ...options, databases: [] })
    try {
      const { json, info } = client(couch)
      expect(((await (await fetch(couch.url)).json()) as { uuid: string }).uuid).toBe(uuid)
      const later = await json<{ results: { id: string }[]; pending: number }>(
        `/medic/_changes?since=${encodeURIComponent(mark)}`,
      )
      expect(later.status).toBe(200)
      expect(later.body.results.map((r) => r.id).sort()).toEqual(
        ['later-0', 'later-1', 'later-2', 'later-3', 'later-4'].sort(),
      )
      expect(await info('medic')).toMatchObject({ doc_count: 205, doc_del_count: 20 })
    } finally {
      await couch.stop()
    }
  })
})
