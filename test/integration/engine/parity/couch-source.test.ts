import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../../src/shared/result'
import { sameSeq } from '../../../../src/shared/couch-seq'
import { compareCodePoints } from '../../../../src/main/engine/workers/tasks/code-point-order'
import { hash64 } from '../../../../src/main/engine/workers/tasks/hash64'
import { PAIR_SEPARATOR, type PairHash } from '../../../../src/main/engine/parity/types'
import {
  allDocs,
  changedSince,
  checkpoint,
  lookup,
  openCouchSource,
  pending,
  type CouchSource,
} from '../../../../src/main/engine/parity/couch-source'
import { cutSegments, digestAgainst } from '../../../../src/main/engine/parity/couch-segments'
import { createTestCouchDatabases, testCouchdb } from '../../../support/test-couchdb'

/** Any PairHash will do for the CouchDB side's own tests. */
const pairHash: PairHash = (id, rev) => {
  const [hi, lo] = hash64(`${id}${PAIR_SEPARATOR}${rev}`)
  return (BigInt(hi) << 32n) | BigInt(lo)
}

type Couch = Awaited<ReturnType<typeof createTestCouchDatabases<'medic'>>>
let couch: Couch | null = null
const servers: Server[] = []
afterEach(async () => {
  await couch?.drop()
  couch = null
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((done) => server.close(done))
  }
})

function source(options: { password?: string; url?: string; signal?: AbortSignal } = {}) {
  const { url, username, password } = testCouchdb()
  return openCouchSource({ url: options.url ?? url, username }, options.password ?? password, {
    requestTimeoutMs: 5_000,
    ...(options.signal ? { signal: options.signal } : {}),
  })
}

/** Ids that sort differently under collations: case, accents, quotes, design documents. */
const IDS = [
  'a',
  'B',
  'b',
  'Zebra',
  'é',
  'e\u0301',
  'ä',
  'a中文',
  'z\u00ff',
  '"quoted"',
  "it's",
  'back\\slash',
  'sp ace',
  '_design/medic',
  '_design/zz',
  '0001',
  '~tilde',
  'ü-ber',
  ...Array.from({ length: 40 }, (_, k) => `doc-${String(k).padStart(3, '0')}`),
]

async function loaded(ids: readonly string[] = IDS) {
  couch = await createTestCouchDatabases('medic')
  const written = await couch.bulk(
    'medic',
    ids.map((_id) => ({ _id, type: 'person' })),
  )
  const revs = new Map(written.map((r) => [r.id, r.rev as string]))
  return { couch, db: couch.names.medic, revs }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('allDocs', () => {
  it.each([1, 2, 7, 1000])(
    'yields every live document once, in code-point order, with page size %i',
    async (pageSize) => {
      const { couch, db, revs } = await loaded()
      const gone = await couch.bulk('medic', [{ _id: 'deleted-one', type: 'x' }])
      await couch.bulk('medic', [{ _id: 'deleted-one', _rev: gone[0]!.rev, _deleted: true }])
      const rows = await collect(allDocs(source(), db, { pageSize }))
      const expected = [...IDS].sort(compareCodePoints)
      expect(rows.map((r) => r.id)).toEqual(expected)
      for (const row of rows) expect(row.rev).toBe(revs.get(row.id))
    },
  )

  it('gives nothing for an empty database', async () => {
    couch = await createTestCouchDatabases('medic')
    expect(await collect(allDocs(source(), couch.names.medic, { pageSize: 3 }))).toEqual([])
  })

  it('refuses a listing out of code-point order instead of comparing it wrongly', async () => {
    // This test server (PouchDB) sorts by UTF-16 code units: an astral character before U+E000.
    // CouchDB sorts raw UTF-8 bytes (code points); parity must not trust another order.
    const { db } = await loaded(['x\u{1F600}', 'x\ue000'])
    const error = await failure(collect(allDocs(source(), db, { pageSize: 10 })))
    expect(error.code).toBe('UNSUPPORTED')
  })
})

describe('segments of the CouchDB side', () => {
  it('cover all ids with the right counts and digests, and match digests against the boundaries', async () => {
    const { db, revs } = await loaded()
    const ids = [...IDS].sort(compareCodePoints)
    const segments = await collect(cutSegments(allDocs(source(), db, { pageSize: 7 }), pairHash, 5))
    expect(segments).toHaveLength(Math.ceil(ids.length / 5))
    segments.forEach(({ segment, digest }, k) => {
      const members = ids.slice(k * 5, k * 5 + 5)
      expect(segment).toEqual({
        index: k,
        lo: k === 0 ? null : members[0],
        hi: ids[k * 5 + 5] ?? null,
      })
      const sum = members.reduce((s, id) => s + pairHash(id, revs.get(id)!), 0n)
      expect(digest).toEqual({ count: members.length, hash: BigInt.asUintN(64, sum) })
    })
    const again = await digestAgainst(
      allDocs(source(), db, { pageSize: 1000 }),
      pairHash,
      segments.map((s) => s.segment),
    )
    expect(again).toEqual(segments.map((s) => s.digest))
  })
})

describe('lookup', () => {
  it('tells live, deleted and missing apart, in chunks of at most 1,000 keys', async () => {
    const { couch, db, revs } = await loaded()
    const gone = await couch.bulk('medic', [{ _id: 'gone', type: 'x' }])
    const deleted = await couch.bulk('medic', [{ _id: 'gone', _rev: gone[0]!.rev, _deleted: true }])
    const missing = Array.from({ length: 2500 }, (_, k) => `missing-${k}`)
    const found = await lookup(source(), db, ['a', 'gone', ...missing, '_design/medic', 'é'])
    expect(found.get('a')).toEqual({ rev: revs.get('a'), deleted: false })
    expect(found.get('é')).toEqual({ rev: revs.get('é'), deleted: false })
    expect(found.get('_design/medic')).toEqual({ rev: revs.get('_design/medic'), deleted: false })
    expect(found.get('gone')).toEqual({ rev: deleted[0]!.rev, deleted: true })
    expect(found.size).toBe(4)
  })
})

describe('checkpoint, pending and changedSince', () => {
  it('see the writes made after a checkpoint, with the cap', async () => {
    const { couch, db, revs } = await loaded()
    const src = source()
    const mark = await checkpoint(src, db)
    expect(mark.docCount).toBe(IDS.length)
    expect(mark.docDelCount).toBe(0)
    expect(await pending(src, db, mark.updateSeq)).toBe(0)
    expect(await changedSince(src, db, mark.updateSeq, 10)).toMatchObject({
      ids: [],
      complete: true,
    })

    await couch.bulk('medic', [
      { _id: 'new-1' },
      { _id: 'new-2' },
      { _id: 'a', _rev: revs.get('a'), type: 'changed' },
      { _id: 'B', _rev: revs.get('B'), _deleted: true },
    ])
    const later = await checkpoint(src, db)
    expect(sameSeq(later.updateSeq, mark.updateSeq)).toBe(false)
    expect(later.docCount).toBe(IDS.length + 1)
    expect(later.docDelCount).toBe(1)
    expect(await pending(src, db, mark.updateSeq)).toBe(4)

    const all = await changedSince(src, db, mark.updateSeq, 10, 2)
    expect(all.complete).toBe(true)
    expect([...all.ids].sort()).toEqual(['B', 'a', 'new-1', 'new-2'])
    expect(sameSeq(all.lastSeq, later.updateSeq)).toBe(true)
    const capped = await changedSince(src, db, mark.updateSeq, 3)
    expect(capped.complete).toBe(false)
    expect(capped.ids).toHaveLength(3)
    expect(new Set(capped.ids).size).toBe(3)
  })
})

/** A local HTTP server answering every request with `answer`. */
async function fakeServer(answer: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(answer)
  servers.push(server)
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('errors', () => {
  it('a wrong password is auth, a missing database missing_database', async () => {
    couch = await createTestCouchDatabases('medic')
    const wrong = await failure(checkpoint(source({ password: 'not-the-password' }), 'medic'))
    expect(wrong.code).toBe('IO_ERROR')
    expect(wrong.details).toMatchObject({ endpoint: 'couchdb', kind: 'auth', status: 401 })
    expect(JSON.stringify({ message: wrong.message, details: wrong.details })).not.toContain(
      'not-the-password',
    )
    const { url } = testCouchdb()
    const anonymous = openCouchSource({ url, username: '' }, null, { requestTimeoutMs: 5_000 })
    const noUser = await failure(checkpoint(anonymous, couch.names.medic))
    expect(noUser.details).toMatchObject({ kind: 'auth' })
    expect(noUser.message).toContain('requires a user name and password')
    const missing = await failure(collect(allDocs(source(), 'no-such-db', { pageSize: 10 })))
    expect(missing.details).toMatchObject({ kind: 'missing_database', db: 'no-such-db' })
    expect(missing.message).toContain('no-such-db')
  })

  it('a closed port is refused', async () => {
    const tcp = createTcpServer()
    await new Promise<void>((done) => tcp.listen(0, '127.0.0.1', done))
    const port = (tcp.address() as AddressInfo).port
    await new Promise((done) => tcp.close(done))
    const error = await failure(checkpoint(source({ url: `http://127.0.0.1:${port}` }), 'medic'))
    expect(error.details).toMatchObject({ kind: 'refused' })
  })

  it('a server that never answers is a timeout; a cancelled run is CANCELLED, promptly', async () => {
    const url = await fakeServer(() => undefined)
    const { username } = testCouchdb()
    const quick = openCouchSource({ url, username }, 'pw', { requestTimeoutMs: 300 })
    const slow = await failure(checkpoint(quick, 'medic'))
    expect(slow.details).toMatchObject({ kind: 'timeout' })

    const controller = new AbortController()
    const cancellable = openCouchSource({ url, username }, 'pw', {
      requestTimeoutMs: 20_000,
      signal: controller.signal,
    })
    const started = Date.now()
    setTimeout(() => controller.abort(), 100)
    const cancelled = await failure(collect(allDocs(cancellable, 'medic', { pageSize: 10 })))
    expect(cancelled.code).toBe('CANCELLED')
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('an already cancelled run sends nothing', async () => {
    const url = await fakeServer(() => {
      throw new Error('no request expected')
    })
    const { username } = testCouchdb()
    const src = openCouchSource({ url, username }, 'pw', {
      requestTimeoutMs: 1_000,
      signal: AbortSignal.abort(),
    })
    expect((await failure(pending(src, 'medic', '0'))).code).toBe('CANCELLED')
  })

  it('an aborted signal stops a long iteration within a page', async () => {
    const ids = Array.from({ length: 300 }, (_, k) => `d${String(k).padStart(4, '0')}`)
    const { db } = await loaded(ids)
    const controller = new AbortController()
    const seen: string[] = []
    const run = (async () => {
      for await (const row of allDocs(source({ signal: controller.signal }), db, { pageSize: 5 })) {
        seen.push(row.id)
        if (seen.length === 12) controller.abort()
      }
    })()
    expect((await failure(run)).code).toBe('CANCELLED')
    expect(seen.length).toBeLessThanOrEqual(15)
  })

  it('an answer far longer than CouchDB sends is not buffered: not_couchdb', async () => {
    let sent = 0
    const url = await fakeServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"update_seq":"1","pad":"')
      const chunk = 'x'.repeat(64 * 1024)
      const pump = () => {
        while (sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length
        if (sent < 64 * 1024 * 1024) res.once('drain', pump)
        else res.end('"}')
      }
      res.on('close', () => res.destroy())
      pump()
    })
    const { username } = testCouchdb()
    const src: CouchSource = openCouchSource({ url, username }, 'pw', { requestTimeoutMs: 10_000 })
    const error = await failure(checkpoint(src, 'medic'))
    expect(error.details).toMatchObject({ kind: 'not_couchdb' })
    expect(sent).toBeLessThan(16 * 1024 * 1024)
  })
})
