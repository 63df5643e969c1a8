import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { scanCouchInventory } from '../src/main/engine/inventory/couchdb/couch-inventory'
import { openCouchSource } from '../src/main/engine/parity/couch-source'

/**
 * The CouchDB inventory's benchmark: how fast `scanCouchInventory` counts `medic`'s documents by
 * type, form and contact type, and the peak RSS of the process that scans (target: one million
 * documents under 300 MB).
 *
 * The CouchDB-compatible server holds every document in memory, gigabytes for a million: it runs
 * in a child process (this file's `serveBenchCouch`, run from source through jiti), so the
 * parent's RSS is the scan's alone. The child exits when the parent disconnects, so a benchmark
 * that dies leaves no server behind.
 */

export interface CouchInventoryBench {
  docs: number
  seconds: number
  docsPerSecond: number
  peakRssMb: number
  /** Distinct types, and forms of reports, the scan found. */
  types: number
  forms: number
}

const ADMIN = { user: 'admin', password: 'bench-password' }
const CONTACT_TYPES = ['chw', 'household', 'household_member', 'area', 'branch']
const md5 = (text: string) => createHash('md5').update(text).digest('hex')

/**
 * Document number `g` of the benchmark's `medic`, CHT-shaped (reference 6.2), about 600 bytes:
 * six in ten reports of 25 forms, then contacts (configurable and legacy), tasks and targets.
 */
export function benchDoc(g: number): Record<string, unknown> {
  const kind = g % 10
  const parent = { _id: md5(`area-${g % 500}`), parent: { _id: md5(`branch-${g % 20}`) } }
  const base = { _id: md5(`doc-${g}`), _rev: `1-${md5(`rev-${g}`)}`, reported_date: 1.7e12 + g }
  if (kind < 6) {
    return {
      ...base,
      type: 'data_record',
      form: `form_${g % 25}`,
      from: `+2547${String(g).padStart(8, '0')}`,
      contact: { _id: md5(`chw-${g % 5000}`), parent },
      fields: { patient_uuid: md5(`p-${g % 50_000}`), note: md5(String(g)).repeat(4) },
    }
  }
  if (kind === 6) {
    const contact_type = CONTACT_TYPES[g % CONTACT_TYPES.length]
    return { ...base, type: 'contact', contact_type, name: `Contact ${g}`, parent }
  }
  if (kind === 7) return { ...base, type: 'person', name: `Person ${g}`, sex: 'female', parent }
  if (kind === 8) {
    return {
      ...base,
      type: 'task',
      state: 'Ready',
      owner: md5(`p-${g}`),
      emission: { forId: md5(`p-${g}`) },
    }
  }
  return {
    ...base,
    type: 'target',
    owner: md5(`chw-${g % 5000}`),
    targets: [{ id: 'births', value: { pass: 1, total: 2 } }],
  }
}

/** The repository's root: where `bench/inventory-couch.ts` is (from source or from `out/main`). */
function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bench', 'inventory-couch.ts'))) return dir
    if (dirname(dir) === dir) throw new Error('The benchmark needs the source tree (bench/).')
  }
}

/** Starts the child server with `docs` documents; resolves once they are loaded. */
function startChild(docs: number): Promise<{ child: ChildProcess; url: string }> {
  const root = repositoryRoot()
  // The server's code from source, through jiti (as `node_modules/.bin/jiti` runs a script).
  const code = `require(${JSON.stringify(join(root, 'node_modules', 'jiti', 'lib', 'jiti.cjs'))})
    .createJiti(${JSON.stringify(root)})
    .import(${JSON.stringify(join(root, 'bench', 'inventory-couch.ts'))})
    .then((m) => m.serveBenchCouch(${docs}))
    .catch((e) => { console.error(e); process.exit(1) })`
  const child = spawn(process.execPath, ['--max-old-space-size=12288', '-e', code], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`The bench server exited (${code}).`)))
    child.once('message', (message: { url?: string }) => {
      if (typeof message.url === 'string') resolve({ child, url: message.url })
      else reject(new Error('The bench server did not say where it listens.'))
    })
  })
}

/**
 * The child's side: a CouchDB-compatible server (in memory) with `docs` documents in `medic`,
 * loaded in this process (no HTTP); tells the parent its URL, stops when told or disconnected.
 */
export async function serveBenchCouch(docs: number): Promise<void> {
  const { startCouchServer } = await import('../src/main/engine/servers/couch-server')
  const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-bench-inventory-'))
  const couch = await startCouchServer({
    adapter: 'memory',
    dir,
    adminUser: ADMIN.user,
    adminPassword: ADMIN.password,
    databases: ['medic', 'medic-sentinel', 'medic-users-meta'],
  })
  const stop = async () => {
    await couch.stop()
    rmSync(dir, { recursive: true, force: true })
    process.exit(0)
  }
  process.once('disconnect', () => void stop())
  for (let at = 0; at < docs; at += 5_000) {
    const batch = []
    for (let g = at; g < Math.min(docs, at + 5_000); g++) batch.push(benchDoc(g))
    await couch.bulkLoad('medic', batch)
  }
  process.send?.({ url: couch.url })
}

/**
 * Scans a `medic` of `docs` generated documents and measures it: wall time of the scan, its rate,
 * the peak RSS of this process sampled every 100 ms, and what the scan found.
 */
export async function couchInventoryBench(
  docs: number,
  options: { pageSize?: number } = {},
): Promise<CouchInventoryBench> {
  const { child, url } = await startChild(docs)
  child.removeAllListeners('exit')
  global.gc?.()
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100)
  try {
    const signal = new AbortController().signal
    const source = openCouchSource({ url, username: ADMIN.user }, ADMIN.password, {
      signal,
      requestTimeoutMs: 600_000,
    })
    const started = performance.now()
    const { details, partial } = await scanCouchInventory(source, {
      signal,
      onProgress: () => {},
      ...options,
    })
    const seconds = (performance.now() - started) / 1000
    peak = Math.max(peak, process.memoryUsage().rss)
    if (partial) throw new Error(`The scan stopped early: ${partial.note}`)
    if (details.medic?.scanned !== docs) throw new Error('The scan did not count every document.')
    return {
      docs,
      seconds,
      docsPerSecond: docs / seconds,
      peakRssMb: peak / 1_048_576,
      types: details.medic.types.length,
      forms: details.medic.forms.length,
    }
  } finally {
    clearInterval(sampler)
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        if (child.connected) child.disconnect()
        else child.kill()
      })
    }
  }
}
