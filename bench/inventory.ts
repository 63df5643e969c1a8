/**
 * `npm run bench:inventory`: the Plan step's inventory.
 *
 * - couch2pg: a database of exactly `--objects` objects (default 1,000; see `createInventoryObjects`) on
 *   an embedded PostgreSQL, inventoried end to end as the job does it (catalog read, SQL analysis
 *   in a worker thread, assembly with origin, mapping and order), `--runs` times (median); target
 *   at most 5 s. Then the analysis alone, in this process, over every definition: target under
 *   5 ms per object on average.
 * - CouchDB: the type/form scan of `--couch-docs` documents (default 1,000,000; 0 skips it),
 *   with the peak RSS of this process; target under 300 MB.
 * `--json` prints the figures as JSON.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { analyzeSql, loadSqlParser } from '../src/main/engine/inventory/analysis'
import { scanCouch2pg } from '../src/main/engine/inventory/scan-couch2pg'
import { startEmbeddedPostgres } from '../src/main/engine/servers/embedded-postgres'
import { createWorkerPool } from '../src/main/engine/workers/worker-pool'
import { couchInventoryBench } from './inventory-couch'
import { createInventoryObjects } from './support/inventory-objects'

const { values } = parseArgs({
  options: {
    objects: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    'couch-docs': { type: 'string', default: '1000000' },
    json: { type: 'boolean', default: false },
  },
})
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function postgresBench(target: number, runs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-bench-inventory-'))
  chmodSync(dir, 0o755)
  const server = await startEmbeddedPostgres({ dir: join(dir, 'postgres') })
  const connection = {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: 'postgres',
  }
  const client = new pg.Client(connection)
  const pool = new pg.Pool({ ...connection, max: 2 })
  // An idle connection that fails (the server stopping) is reported, not thrown as an event.
  pool.on('error', (e) => process.stderr.write(`idle connection failed: ${e.message}\n`))
  client.on('error', (e) => process.stderr.write(`connection failed: ${e.message}\n`))
  const workers = createWorkerPool({ maxWorkers: 1 })
  try {
    await client.connect()
    const created = await createInventoryObjects(client, target)
    const job = { jobId: 'bench', signal: new AbortController().signal, progress: () => undefined }
    const endpoints = [{ endpoint: 'couch2pg' as const, target: 'bench' }]
    const seconds: number[] = []
    let objects = 0
    let definitions: { kind: string; language: string | null; definition: string }[] = []
    for (let run = 0; run < runs; run++) {
      const started = performance.now()
      const result = await scanCouch2pg({ pool, endpoints, workers }, job)
      seconds.push((performance.now() - started) / 1000)
      if (result.details.kind !== 'inventory') throw new Error('not an inventory')
      objects = result.details.objects.length
      definitions = result.details.objects
        .filter((o) => o.analysis !== null && o.definition !== null)
        .map((o) => ({ kind: o.kind, language: o.language, definition: o.definition as string }))
    }
    await loadSqlParser()
    for (const d of definitions.slice(0, 50)) analyzeSql(d as Parameters<typeof analyzeSql>[0])
    const parseStarted = performance.now()
    for (const d of definitions) analyzeSql(d as Parameters<typeof analyzeSql>[0])
    const parseMs = performance.now() - parseStarted
    return {
      created,
      objects,
      analysed: definitions.length,
      seconds: median(seconds),
      allSeconds: seconds,
      parseMsPerObject: parseMs / Math.max(1, definitions.length),
    }
  } finally {
    await client.end().catch(() => undefined)
    await pool.end().catch(() => undefined)
    await workers.dispose()
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main() {
  const target = Number(values.objects)
  const runs = Math.max(1, Number(values.runs))
  const couchDocs = Number(values['couch-docs'])
  const postgres = await postgresBench(target, runs)
  const couch = couchDocs > 0 ? await couchInventoryBench(couchDocs) : null
  const report = {
    postgres: { ...postgres, targetSeconds: 5, targetParseMs: 5 },
    couch: couch && { ...couch, targetRssMb: 300 },
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    return
  }
  const p = report.postgres
  const lines = [
    'Inventory benchmark',
    '',
    '| Measure | Figure | Target |',
    '|---|---|---|',
    `| couch2pg objects generated | ${p.created} | 1,000 |`,
    `| couch2pg objects inventoried | ${p.objects} (${p.analysed} analysed) | 1,000 |`,
    `| Inventory + analysis, median of ${runs} | ${p.seconds.toFixed(2)} s | ≤ 5 s |`,
    `| Parse + analysis per object (average) | ${p.parseMsPerObject.toFixed(2)} ms | < 5 ms |`,
  ]
  if (couch) {
    lines.push(
      `| CouchDB scan of ${couch.docs.toLocaleString('en-US')} documents | ${couch.seconds.toFixed(1)} s (${Math.round(couch.docsPerSecond).toLocaleString('en-US')} docs/s) | — |`,
      `| Peak RSS of the scanning process | ${couch.peakRssMb.toFixed(0)} MB | < 300 MB |`,
    )
  }
  process.stdout.write(`${lines.join('\n')}\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
