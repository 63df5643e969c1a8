import { readFile } from 'node:fs/promises'
import { loadModule, parseSync } from 'libpg-query'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemo, type DemoDeployment } from '../../../src/main/engine/demo/start-demo'
import { COMMANDS_OF_ITEM, commandsOfItem } from '../../../src/shared/commands/registry'
import type { CommandSource } from '../../../src/shared/commands/command-types'
import type { ProjectDocument } from '../../../src/shared/project-schema'
import { demoClient, readDemoStores, type DemoStores } from '../../support/demo-stores'

/**
 * The SQL to copy runs on the demo's two databases as an implementer would run it (read-only),
 * and its counts are the demo's: the tables and columns it names exist where CHT Sync,
 * cht-pipeline and couch2pg put them.
 */

let demo: DemoDeployment
let stores: DemoStores
let source: CommandSource
let clients: Record<'couch2pg' | 'chtSync', pg.Client>

beforeAll(async () => {
  demo = await startDemo(
    { size: 'small', docs: 1500, seed: 11 },
    { signal: new AbortController().signal, progress: () => undefined },
  )
  stores = await readDemoStores(demo)
  const doc = JSON.parse(await readFile(demo.projectPath, 'utf8')) as ProjectDocument
  source = { connections: doc.connections, results: doc.results, checks: doc.checks }
  clients = {
    couch2pg: await demoClient(demo, 'couch2pg'),
    chtSync: await demoClient(demo, 'chtSync'),
  }
  await loadModule()
}, 180_000)
afterAll(async () => {
  await Promise.all(Object.values(clients ?? {}).map((c) => c.end()))
  await demo?.stop()
})

/** Runs each statement of `sql` in a read-only transaction; the rows of each. */
async function run(client: pg.Client, sql: string): Promise<Record<string, unknown>[][]> {
  const out: Record<string, unknown>[][] = []
  // The parser's locations count UTF-8 bytes (the comments hold typographic apostrophes).
  const bytes = Buffer.from(sql, 'utf8')
  for (const stmt of parseSync(sql).stmts ?? []) {
    const start = stmt.stmt_location ?? 0
    const end = stmt.stmt_len ? start + stmt.stmt_len : bytes.length
    const text = bytes.subarray(start, end).toString('utf8')
    await client.query('BEGIN READ ONLY')
    try {
      out.push((await client.query(text)).rows)
    } finally {
      await client.query('ROLLBACK')
    }
  }
  return out
}

const sqlBlock = (itemId: string, id: string) => {
  const found = commandsOfItem(itemId, source).find((b) => b.id === id && b.language === 'sql')
  if (!found) throw new Error(`no SQL block ${id} in ${itemId}`)
  return found
}

describe('the SQL to copy, on the demo', () => {
  it('runs without error where each block says, every statement read-only', async () => {
    for (const itemId of Object.keys(COMMANDS_OF_ITEM)) {
      for (const block of commandsOfItem(itemId, source).filter((b) => b.language === 'sql')) {
        const client = block.id.endsWith('-couch2pg') ? clients.couch2pg : clients.chtSync
        await expect(run(client, block.text), `${itemId} ${block.id}`).resolves.toBeDefined()
      }
    }
  })

  it('counts CHT Sync’s live rows per database as the raw table holds them', async () => {
    const [rows] = await run(clients.chtSync, sqlBlock('parity.counts', 'counts-cht-sync').text)
    const counted = Object.fromEntries(rows!.map((r) => [r.couchdb_database, Number(r.live_rows)]))
    const expected = Object.fromEntries(
      Object.entries(stores.chtSync).map(([db, docs]) => [
        db,
        [...docs.values()].filter((d) => !d.deleted).length,
      ]),
    )
    expect(counted).toEqual(Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)))
  })

  it('counts couch2pg’s rows per table as they are', async () => {
    const [rows] = await run(clients.couch2pg, sqlBlock('parity.counts', 'counts-couch2pg').text)
    for (const row of rows!) {
      const table = String(row.couch2pg_table)
      expect(Number(row.live_rows), table).toBe(stores.couch2pg[table]?.size ?? 0)
    }
    expect(rows!.map((r) => r.couch2pg_table)).toContain('couchdb')
  })
})
