import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'

/** The admin connection of the run's CouchDB-compatible server (test/setup/global-setup.ts). */
export function testCouchdb() {
  return inject('couchdb')
}

/** The `Authorization` header of the run's CouchDB admin. */
export function couchAuthHeader(): string {
  const { username, password } = testCouchdb()
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
}

/**
 * Creates databases for one test on the run's CouchDB server, with unique names so tests never
 * see each other's documents: `databases('medic', 'medic-sentinel')` gives
 * `{ medic: 't_<random>_medic', … }`. `request` sends an authenticated request to the server;
 * `drop()` deletes the databases.
 */
export async function createTestCouchDatabases<const N extends string>(...logical: N[]) {
  const { url } = testCouchdb()
  const tag = randomBytes(4).toString('hex')
  const names = Object.fromEntries(logical.map((n) => [n, `t_${tag}_${n}`])) as Record<N, string>
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: {
        Authorization: couchAuthHeader(),
        'Content-Type': 'application/json',
        ...init.headers,
      },
    })
  for (const name of Object.values<string>(names)) {
    const created = await request(`/${encodeURIComponent(name)}`, { method: 'PUT' })
    if (created.status !== 201) throw new Error(`Could not create ${name}: ${created.status}`)
  }
  return {
    url,
    names,
    request,
    /** Writes documents with `_bulk_docs` into the database named `db` (a logical name). */
    bulk: async (db: N, docs: object[]) => {
      const response = await request(`/${encodeURIComponent(names[db])}/_bulk_docs`, {
        method: 'POST',
        body: JSON.stringify({ docs }),
      })
      if (response.status !== 201) throw new Error(`_bulk_docs failed: ${response.status}`)
      return (await response.json()) as { id: string; rev?: string; error?: string }[]
    },
    drop: async () => {
      for (const name of Object.values<string>(names)) {
        await request(`/${encodeURIComponent(name)}`, { method: 'DELETE' })
      }
    },
  }
}
