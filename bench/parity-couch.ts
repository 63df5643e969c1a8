import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCouchSource } from '../src/main/engine/parity/couch-source'
import { ALL_DOCS_PAGE, couchDigests } from '../src/main/engine/parity/doc-couch'
import { pairHash } from '../src/main/engine/parity/pg-hash'
import { startCouchServer } from '../src/main/engine/servers/couch-server'
import { compareCodePoints } from '../src/main/engine/workers/tasks/code-point-order'

/**
 * The CouchDB part of `npm run bench:parity`: how fast document parity reads a CouchDB database
 * (`_all_docs` through nano, bounded, each pair hashed and placed in its segment) against the
 * floor of reading `_all_docs` alone from the same server with the same page size (fetch and
 * `JSON.parse`, nothing else). The target: at least 80 % of the floor's rate.
 */

export interface CouchBench {
  docs: number
  aloneSeconds: number
  paritySeconds: number
  /** Parity's rate as a share of the floor's (1 = as fast). */
  rateShare: number
  peakRssMb: number
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export async function couchBench(docs: number, runs = 3): Promise<CouchBench> {
  const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-bench-couch-'))
  const couch = await startCouchServer({
    adapter: 'memory',
    dir,
    adminUser: 'admin',
    adminPassword: 'bench-password',
  })
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  try {
    await couch.createDatabase('medic')
    const ids: string[] = []
    for (let at = 0; at < docs; at += 5_000) {
      const batch = []
      for (let g = at; g < Math.min(docs, at + 5_000); g++) {
        const id = createHash('md5').update(`doc-${g}`).digest('hex')
        ids.push(id)
        batch.push({
          _id: id,
          _rev: `1-${createHash('md5').update(`rev-${g}`).digest('hex')}`,
          type: 'data_record',
          form: `form_${g % 20}`,
        })
      }
      await couch.bulkLoad('medic', batch)
    }
    ids.sort(compareCodePoints)
    const boundaries = Array.from(
      { length: 4_095 },
      (_, k) => ids[Math.floor(((k + 1) * ids.length) / 4_096)]!,
    ).filter((id, k, all) => id !== undefined && (k === 0 || all[k - 1] !== id))
    const auth = `Basic ${Buffer.from('admin:bench-password').toString('base64')}`
    const alone = async () => {
      let last: string | null = null
      let n = 0
      for (;;) {
        const qs =
          last === null
            ? `limit=${ALL_DOCS_PAGE}`
            : `limit=${ALL_DOCS_PAGE + 1}&startkey=${encodeURIComponent(JSON.stringify(last))}`
        const response = await fetch(`${couch.url}/medic/_all_docs?${qs}`, {
          headers: { Authorization: auth },
        })
        const body = JSON.parse(await response.text()) as { rows: { id: string }[] }
        let fresh = 0
        for (const row of body.rows) {
          if (row.id === last) continue
          fresh++
          last = row.id
        }
        n += fresh
        if (fresh < ALL_DOCS_PAGE) return n
      }
    }
    const source = openCouchSource({ url: couch.url, username: 'admin' }, 'bench-password', {
      requestTimeoutMs: 600_000,
    })
    const hash = pairHash('hashtextextended')
    const parity = async () => {
      const digests = await couchDigests(source, 'medic', boundaries, hash)
      return digests.segments.reduce((n, s) => n + s.count, 0)
    }
    await alone()
    const aloneTimes: number[] = []
    const parityTimes: number[] = []
    for (let r = 0; r < runs; r++) {
      let t = performance.now()
      if ((await alone()) !== docs) throw new Error('the floor did not read every document')
      aloneTimes.push((performance.now() - t) / 1000)
      t = performance.now()
      if ((await parity()) !== docs) throw new Error('parity did not read every document')
      parityTimes.push((performance.now() - t) / 1000)
    }
    const aloneSeconds = median(aloneTimes)
    const paritySeconds = median(parityTimes)
    return {
      docs,
      aloneSeconds,
      paritySeconds,
      rateShare: aloneSeconds / paritySeconds,
      peakRssMb: peak / 1_048_576,
    }
  } finally {
    clearInterval(sampler)
    await couch.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
