import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHT_DATABASES, startCouchServer } from '../../../../src/main/engine/servers/couch-server'
import {
  couchAuthHeader,
  createTestCouchDatabases,
  testCouchdb,
} from '../../../support/test-couchdb'

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

describe('the test harness CouchDB server', () => {
  it('answers / like CouchDB, anonymously', async () => {
    const response = await fetch(testCouchdb().url)
    expect(response.status).toBe(200)
    const body = (await response.json()) as { couchdb: string; version: string; vendor: object }
    expect(body.couchdb).toBe('Welcome')
    expect(body.version).toMatch(/^3\./)
    expect(JSON.stringify(body.vendor)).toMatch(/express-pouchdb/)
  })

  it('refuses requests without credentials or with a wrong password (401)', async () => {
    const { url, username } = testCouchdb()
    expect((await fetch(`${url}/_all_dbs`)).status).toBe(401)
    const wrong = await fetch(`${url}/_all_dbs`, {
      headers: { Authorization: basic(username, 'not-the-password') },
    })
    expect(wrong.status).toBe(401)
    expect(((await wrong.json()) as { error: string }).error).toBe('unauthorized')
  })

  it('gives each test its own databases, visible to the admin in _all_dbs and _changes', async () => {
    const a = await createTestCouchDatabases('medic', 'medic-sentinel')
    const b = await createTestCouchDatabases('medic')
    try {
      expect(a.names.medic).not.toBe(b.names.medic)
      await a.bulk('medic', [
        { _id: 'one', type: 'person' },
        { _id: 'two', type: 'clinic' },
      ])
      const all = (await (await a.request('/_all_dbs')).json()) as string[]
      expect(all).toEqual(
        expect.arrayContaining([a.names.medic, a.names['medic-sentinel'], b.names.medic]),
      )
      const changes = (await (await a.request(`/${a.names.medic}/_changes`)).json()) as {
        results: { id: string; seq: number | string }[]
        last_seq: number | string
      }
      expect(changes.results.map((r) => r.id).sort()).toEqual(['one', 'two'])
      const other = (await (await b.request(`/${b.names.medic}`)).json()) as { doc_count: number }
      expect(other.doc_count).toBe(0)
    } finally {
      await a.drop()
      await b.drop()
    }
  })

  it('logs in with /_session and then accepts the AuthSession cookie', async () => {
    const { url, username, password } = testCouchdb()
    const login = await fetch(`${url}/_session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: username, password }),
    })
    expect(login.status).toBe(200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
    expect(cookie).toMatch(/^AuthSession=./)
    const session = (await (
      await fetch(`${url}/_session`, { headers: { Cookie: cookie } })
    ).json()) as {
      userCtx: { name: string; roles: string[] }
    }
    expect(session.userCtx).toEqual({ name: username, roles: ['_admin'] })
    expect((await fetch(`${url}/_all_dbs`, { headers: { Cookie: cookie } })).status).toBe(200)
    const badLogin = await fetch(`${url}/_session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: username, password: 'wrong' }),
    })
    expect(badLogin.status).toBe(401)
  })
})

describe('startCouchServer on disk (leveldb)', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cht-migrate-couch-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('creates the CHT databases admin-only, keeps data on disk, and frees its port on stop', async () => {
    const password = 'demo-password-1'
    const couch = await startCouchServer({
      adapter: 'leveldb',
      dir,
      adminUser: 'admin',
      adminPassword: password,
      databases: CHT_DATABASES,
    })
    const auth = { Authorization: basic('admin', password) }
    expect(await (await fetch(`${couch.url}/_all_dbs`, { headers: auth })).json()).toEqual(
      expect.arrayContaining([...CHT_DATABASES]),
    )
    // A valid user who is not an admin is refused the CHT databases, as by CouchDB 3.
    const user = await fetch(`${couch.url}/_users/org.couchdb.user:nurse`, {
      method: 'PUT',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'nurse', password: 'pw', roles: [], type: 'user' }),
    })
    expect(user.status).toBe(201)
    const asNurse = await fetch(`${couch.url}/medic`, {
      headers: { Authorization: basic('nurse', 'pw') },
    })
    expect(asNurse.status).toBe(401)

    const written = await fetch(`${couch.url}/medic/kept`, {
      method: 'PUT',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'person' }),
    })
    expect(written.status).toBe(201)
    const config = readFileSync(join(dir, 'couch-config.json'), 'utf8')
    expect(config).not.toContain(password)
    expect(config).toMatch(/-pbkdf2-[0-9a-f]+,[0-9a-f]+,10/)

    await couch.stop()
    await couch.stop()
    await expect(fetch(`${couch.url}/`)).rejects.toThrow()

    // The same folder serves the same data again.
    const again = await startCouchServer({
      adapter: 'leveldb',
      dir,
      adminUser: 'admin',
      adminPassword: password,
    })
    try {
      const doc = await fetch(`${again.url}/medic/kept`, { headers: auth })
      expect(doc.status).toBe(200)
      expect(((await doc.json()) as { type: string }).type).toBe('person')
    } finally {
      await again.stop()
    }
  })

  it('says which port is taken, and leaves nothing that writes after the refusal', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    const own = mkdtempSync(join(dir, 'taken-'))
    try {
      await expect(
        startCouchServer({
          adapter: 'memory',
          dir: own,
          port,
          adminUser: 'admin',
          adminPassword: 'x',
        }),
      ).rejects.toThrow(new RegExp(`Port ${port} is in use`))
      const written = readFileSync(join(own, 'couch-config.json'), 'utf8')
      const files = readdirSync(own, { recursive: true }).sort()
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(readdirSync(own, { recursive: true }).sort()).toEqual(files)
      // express-pouchdb never started: its config writer did not rewrite the file afterwards.
      expect(readFileSync(join(own, 'couch-config.json'), 'utf8')).toBe(written)
      rmSync(own, { recursive: true })
    } finally {
      blocker.close()
    }
  })
})

describe('couchAuthHeader', () => {
  it('is the admin of the run', async () => {
    const response = await fetch(`${testCouchdb().url}/_session`, {
      headers: { Authorization: couchAuthHeader() },
    })
    expect(((await response.json()) as { userCtx: { roles: string[] } }).userCtx.roles).toContain(
      '_admin',
    )
  })
})
